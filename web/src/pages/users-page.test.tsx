import type { Role, StaffAction, UserAccount } from '@profreestr/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { me, renderApp, type SentRequest, stubServer } from '../test/app';
import { ADMIN, EDITOR, primaryOrg, VIEWER } from '../test/fixtures';

const colleague: UserAccount = {
  id: '200',
  login: 'petrov',
  role: 'viewer',
  orgId: '1',
  fullName: 'Петров Пётр',
  disabled: false,
  mfaEnabled: false,
  orgName: primaryOrg.name,
};

function openUsers(
  permissions: readonly StaffAction[],
  grantable: readonly Role[] = [],
): SentRequest[] {
  const sent = stubServer({
    'GET /auth/me': me(permissions, grantable),
    'GET /orgs/1': primaryOrg,
    'GET /users': { items: [colleague], nextCursor: null },
    'POST /users': (request) => ({
      user: { ...(request.body as object), id: '201', password: undefined },
    }),
  });
  renderApp('/users');
  return sent;
}

/** The options of the select «Роль» in the form named `form`. */
function roleOptions(form: HTMLElement): string[] {
  const select = within(form).getByLabelText('Роль');
  return within(select)
    .getAllByRole('option')
    .map((option) => option.textContent ?? '');
}

async function openCreateForm(): Promise<HTMLElement> {
  await userEvent.click(await screen.findByRole('button', { name: 'Новый пользователь' }));
  return screen.findByRole('form', { name: 'Новый пользователь' });
}

describe('the users page', () => {
  it('the new-user form offers only the grantable roles', async () => {
    openUsers(EDITOR, ['viewer', 'editor']);
    expect(roleOptions(await openCreateForm())).toEqual(['Просмотр', 'Редактор']);
  });

  it('a caller who may give every role is offered all three', async () => {
    openUsers(ADMIN, ['viewer', 'editor', 'admin']);
    expect(roleOptions(await openCreateForm())).toEqual(['Просмотр', 'Редактор', 'Администратор']);
  });

  it('the new-user form sends the login, name, role, org and password', async () => {
    const sent = openUsers(EDITOR, ['viewer', 'editor']);
    const form = await openCreateForm();
    await userEvent.type(within(form).getByLabelText('Логин'), 'sidorova');
    await userEvent.type(within(form).getByLabelText('ФИО'), 'Сидорова Мария');
    await userEvent.selectOptions(within(form).getByLabelText('Роль'), 'Редактор');
    await userEvent.click(within(form).getByRole('button', { name: primaryOrg.name }));
    await userEvent.type(within(form).getByLabelText('Пароль'), 'Ежевика-Пирог-2024');
    await userEvent.click(within(form).getByRole('button', { name: 'Создать' }));

    expect(await screen.findByText('Пользователь sidorova создан.')).toBeTruthy();
    const post = sent.find((request) => request.method === 'POST' && request.path === '/users');
    expect(post?.body).toEqual({
      login: 'sidorova',
      fullName: 'Сидорова Мария',
      role: 'editor',
      orgId: '1',
      password: 'Ежевика-Пирог-2024',
    });
  });

  it('a caller with user:create but not user:read adds a colleague and asks for no list', async () => {
    const sent = openUsers(EDITOR, ['viewer', 'editor']);
    expect(await screen.findByRole('button', { name: 'Новый пользователь' })).toBeTruthy();
    expect(screen.queryByText('petrov')).toBeNull();
    expect(sent.some((request) => request.path === '/users')).toBe(false);
  });

  it('a viewer may neither list nor add users', async () => {
    openUsers(VIEWER);
    expect(
      await screen.findByText('Пользователей добавляют редакторы, а ведут администраторы.'),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Новый пользователь' })).toBeNull();
  });

  it('with user:read and user:manage each listed user has «Действия»', async () => {
    openUsers(ADMIN, ['viewer', 'editor', 'admin']);
    expect(await screen.findByText('petrov')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Действия: petrov' })).toBeTruthy();
  });

  it('with user:read but not user:manage the list has no «Действия»', async () => {
    openUsers([...VIEWER, 'user:read']);
    expect(await screen.findByText('petrov')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Действия: petrov' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Новый пользователь' })).toBeNull();
  });

  it('the edit form offers the grantable roles, not every role', async () => {
    openUsers(
      ADMIN.filter((action) => action !== 'user:create'),
      ['viewer', 'editor'],
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Действия: petrov' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: 'Изменить' }));
    const form = await screen.findByRole('form', { name: 'Изменить пользователя' });
    expect(roleOptions(form)).toEqual(['Просмотр', 'Редактор']);
  });
});
