import type { Member, StaffAction } from '@profreestr/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { me, renderApp, stubServer } from '../test/app';
import { ADMIN, activeMember, EDITOR, emptyPage, primaryOrg, VIEWER } from '../test/fixtures';

const NAME = /Петров Сергей Иванович/;

function openCard(permissions: readonly StaffAction[], member: Member = activeMember) {
  stubServer({
    'GET /auth/me': me(permissions),
    'GET /members/7': member,
    'GET /orgs/1': primaryOrg,
    'GET /orgs/1/ancestors': { items: [primaryOrg] },
    'GET /members/7/audit': emptyPage,
  });
  renderApp('/members/7');
}

/** The items of the card's menu «Действия», or null when there is no menu. */
async function actionItems(): Promise<string[] | null> {
  await screen.findByRole('heading', { name: NAME });
  const button = screen.queryByRole('button', { name: 'Действия' });
  if (!button) return null;
  await userEvent.click(button);
  const menu = await screen.findByRole('menu');
  return within(menu)
    .getAllByRole('menuitem')
    .map((item) => item.textContent ?? '');
}

describe('the member card', () => {
  it('a viewer sees the card without «Изменить», «Перевести», «Снять с учёта»', async () => {
    openCard(VIEWER);
    expect(await actionItems()).toBeNull();
    expect(screen.queryByRole('button', { name: 'Изменить' })).toBeNull();
    expect(screen.getByRole('tablist', { name: 'Разделы карточки члена Профсоюза' })).toBeTruthy();
  });

  it('an editor sees «Изменить», «Перевести» and «Снять с учёта»', async () => {
    openCard(EDITOR);
    expect(await actionItems()).toEqual([
      'Перевести в другую организацию',
      'Пригласить в кабинет',
      'Снять с учёта',
    ]);
    expect(screen.getByRole('button', { name: 'Изменить' })).toBeTruthy();
  });

  it('each control follows its own action: member:update alone gives «Изменить» and no menu', async () => {
    openCard([...VIEWER, 'member:update']);
    expect(await actionItems()).toBeNull();
    expect(screen.getByRole('button', { name: 'Изменить' })).toBeTruthy();
  });

  it('member:deregister without member:transfer offers «Снять с учёта» alone', async () => {
    openCard([...VIEWER, 'member:deregister']);
    expect(await actionItems()).toEqual(['Снять с учёта']);
    expect(screen.queryByRole('button', { name: 'Изменить' })).toBeNull();
  });

  it('a deregistered member is put back on record only with member:readmit', async () => {
    const gone: Member = {
      ...activeMember,
      status: 'deregistered',
      deregisteredOn: '2024-06-30',
      deregisterReason: 'own_wish',
    };
    openCard([...VIEWER, 'member:transfer', 'member:deregister'], gone);
    expect(await actionItems()).toBeNull();
  });

  it('with member:readmit a deregistered member has «Поставить на учёт повторно»', async () => {
    const gone: Member = {
      ...activeMember,
      status: 'deregistered',
      deregisteredOn: '2024-06-30',
      deregisterReason: 'own_wish',
    };
    openCard([...VIEWER, 'member:readmit'], gone);
    expect(await actionItems()).toEqual(['Поставить на учёт повторно']);
  });

  it('the tab «Кто просматривал» is there only with audit:read', async () => {
    openCard(EDITOR);
    await screen.findByRole('heading', { name: NAME });
    expect(screen.queryByRole('tab', { name: 'Кто просматривал' })).toBeNull();
  });

  it('a reader of the audit log sees the tab «Кто просматривал»', async () => {
    openCard(ADMIN);
    await screen.findByRole('heading', { name: NAME });
    expect(screen.getByRole('tab', { name: 'Кто просматривал' })).toBeTruthy();
  });
});
