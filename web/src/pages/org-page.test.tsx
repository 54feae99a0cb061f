import type { Org, StaffAction } from '@profreestr/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { me, renderApp, stubServer } from '../test/app';
import { EDITOR, emptyPage, primaryOrg, VIEWER } from '../test/fixtures';

/** A territorial org under the user's own (org 1 in `me()`): it may be moved or liquidated. */
const territory: Org = {
  ...primaryOrg,
  id: '5',
  parentId: '1',
  level: 'territorial',
  name: 'Территориальная организация района',
  childCount: 0,
};

function openPassport(permissions: readonly StaffAction[], org: Org = territory) {
  stubServer({
    'GET /auth/me': me(permissions),
    [`GET /orgs/${org.id}`]: org,
    [`GET /orgs/${org.id}/ancestors`]: { items: [primaryOrg, org] },
    [`GET /orgs/${org.id}/children`]: emptyPage,
  });
  renderApp(`/orgs/${org.id}`);
}

async function actionItems(): Promise<string[] | null> {
  await screen.findByRole('heading', { name: territory.name });
  const button = screen.queryByRole('button', { name: 'Действия' });
  if (!button) return null;
  await userEvent.click(button);
  return within(await screen.findByRole('menu'))
    .getAllByRole('menuitem')
    .map((item) => item.textContent ?? '');
}

describe('the org passport', () => {
  it('a viewer reads it without «Изменить» and «Действия»', async () => {
    openPassport(VIEWER);
    expect(await actionItems()).toBeNull();
    expect(screen.queryByRole('button', { name: 'Изменить' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Пользователи' })).toBeNull();
  });

  it('an editor may change it and has every structural action', async () => {
    openPassport(EDITOR);
    expect(await actionItems()).toEqual([
      'Создать подчинённую организацию',
      'Перенести',
      'Ликвидировать',
    ]);
    expect(screen.getByRole('button', { name: 'Изменить' })).toBeTruthy();
  });

  it('org:update alone gives «Изменить» but no menu «Действия»', async () => {
    openPassport([...VIEWER, 'org:update']);
    expect(await actionItems()).toBeNull();
    expect(screen.getByRole('button', { name: 'Изменить' })).toBeTruthy();
  });

  it('the menu offers only the allowed actions: org:liquidate alone gives «Ликвидировать»', async () => {
    openPassport([...VIEWER, 'org:liquidate']);
    expect(await actionItems()).toEqual(['Ликвидировать']);
    expect(screen.queryByRole('button', { name: 'Изменить' })).toBeNull();
  });
});
