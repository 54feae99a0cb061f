import type { StaffAction } from '@profreestr/contracts';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { me, renderApp, stubServer } from '../test/app';
import { EDITOR, emptyPage, primaryOrg, VIEWER } from '../test/fixtures';

const REFUSAL = 'Загружать файлы могут редакторы и администраторы.';

function openImports(permissions: readonly StaffAction[]) {
  stubServer({
    'GET /auth/me': me(permissions),
    'GET /orgs/1': primaryOrg,
    'GET /imports': emptyPage,
  });
  renderApp('/imports');
}

/** The kinds of file the form offers (its segmented control's labels). */
async function kindsOffered(): Promise<string[]> {
  await screen.findByRole('button', { name: 'Загрузить' });
  return screen
    .getAllByRole<HTMLInputElement>('radio')
    .map((radio) => radio.labels?.[0]?.textContent ?? '');
}

describe('the import page', () => {
  it('a viewer sees the recent loads and no form', async () => {
    openImports(VIEWER);
    expect(await screen.findByText(REFUSAL)).toBeTruthy();
    expect(await screen.findByText('Файлов ещё не загружали.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Загрузить' })).toBeNull();
  });

  it('an editor may load members and orgs', async () => {
    openImports(EDITOR);
    expect(await kindsOffered()).toEqual(['Члены Профсоюза', 'Организации']);
    expect(screen.queryByText(REFUSAL)).toBeNull();
  });

  it('the form offers only the kinds the caller may add: member:create gives members alone', async () => {
    openImports([...VIEWER, 'member:create']);
    expect(await kindsOffered()).toEqual(['Члены Профсоюза']);
  });
});
