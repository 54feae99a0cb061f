import type { StaffAction } from '@profreestr/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { me, renderApp, stubServer } from '../test/app';
import { ADMIN, EDITOR, VIEWER } from '../test/fixtures';

/** The labels of the main menu of a user with these permissions (on a page of its own). */
async function menuOf(permissions: readonly StaffAction[]): Promise<string[]> {
  stubServer({ 'GET /auth/me': me(permissions) });
  renderApp('/no-such-page');
  const nav = await screen.findByRole('navigation', { name: 'Основное меню' });
  await within(nav).findByRole('link', { name: 'Организации' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent ?? '');
}

const EDITING = ['Возможные дубли', 'Импорт'];

describe('the main menu', () => {
  it('a viewer has neither editing pages nor «Пользователи» and «Журнал аудита»', async () => {
    const menu = await menuOf(VIEWER);
    expect(menu).toEqual(
      expect.arrayContaining(['Главная', 'Организации', 'Члены Профсоюза', 'Безопасность']),
    );
    for (const label of [...EDITING, 'Пользователи', 'Журнал аудита']) {
      expect(menu).not.toContain(label);
    }
  });

  it('an editor has the editing pages and «Пользователи» (to add a colleague), no journal', async () => {
    const menu = await menuOf(EDITOR);
    expect(menu).toEqual(expect.arrayContaining([...EDITING, 'Пользователи']));
    expect(menu).not.toContain('Журнал аудита');
  });

  it('an admin has «Пользователи» and «Журнал аудита»', async () => {
    expect(await menuOf(ADMIN)).toEqual(expect.arrayContaining(['Пользователи', 'Журнал аудита']));
  });

  it('«Журнал аудита» follows audit:read, whatever the role is called', async () => {
    // `me()` names the user a viewer: the menu must not look at that.
    const menu = await menuOf([...VIEWER, 'audit:read']);
    expect(menu).toContain('Журнал аудита');
    expect(menu).not.toContain('Пользователи');
  });

  it.each([
    ['an admin', ADMIN, true],
    ['an editor', EDITOR, false],
    [
      'a caller with mail:manage and audit:read but not mail:read',
      [...VIEWER, 'audit:read', 'mail:manage'],
      false,
    ],
    ['a «viewer» allowed mail:read', [...VIEWER, 'mail:read'], true],
  ] as [string, StaffAction[], boolean][])(
    '«Почта» follows mail:read: %s',
    async (_, permissions, shown) => {
      const menu = await menuOf(permissions);
      if (shown) expect(menu).toContain('Почта');
      else expect(menu).not.toContain('Почта');
    },
  );

  it.each([
    ['a viewer', VIEWER, false],
    ['an editor', EDITOR, true],
    ['an admin', ADMIN, true],
    ['a «viewer» allowed mailing:read', [...VIEWER, 'mailing:read'], true],
    ['a caller with mailing:create but not mailing:read', [...VIEWER, 'mailing:create'], false],
  ] as [string, StaffAction[], boolean][])(
    '«Рассылки» follows mailing:read: %s',
    async (_, permissions, shown) => {
      const menu = await menuOf(permissions);
      if (shown) expect(menu).toContain('Рассылки');
      else expect(menu).not.toContain('Рассылки');
    },
  );

  it.each([
    ['a viewer', VIEWER, true],
    ['a caller without report:read', ['org:read', 'member:read'], false],
  ] as [string, StaffAction[], boolean][])(
    '«Отчёты» follows report:read: %s',
    async (_, permissions, shown) => {
      const menu = await menuOf(permissions);
      if (shown) expect(menu).toContain('Отчёты');
      else expect(menu).not.toContain('Отчёты');
    },
  );

  it('«Пользователи» follows user:read alone', async () => {
    const menu = await menuOf([...VIEWER, 'user:read']);
    expect(menu).toContain('Пользователи');
    expect(menu).not.toContain('Журнал аудита');
  });

  it('«Импорт» is there for a caller who may add members, «Возможные дубли» for member:merge', async () => {
    const importOnly = await menuOf([...VIEWER, 'member:create']);
    expect(importOnly).toContain('Импорт');
    expect(importOnly).not.toContain('Возможные дубли');
  });
});
