import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, USER_PASSWORD } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let editorTerrA: string;
let viewerTerrA: string;

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  await tree.user('editor.ta', 'editor', tree.orgs.terrA.id);
  await tree.user('viewer.ta', 'viewer', tree.orgs.terrA.id);
  editorTerrA = await t.login('editor.ta');
  viewerTerrA = await t.login('viewer.ta');
});
afterAll(() => t.close());

const newUser = (over: Record<string, unknown>) => ({
  login: 'new.user',
  password: USER_PASSWORD,
  role: 'viewer',
  fullName: 'Новый Пользователь',
  ...over,
});

describe('creating users', () => {
  it('an editor creates an editor for a primary of their subtree, who can then sign in', async () => {
    const response = await t.api('POST', '/api/v1/users', {
      cookie: editorTerrA,
      body: newUser({ login: 'Chair.A2', role: 'editor', orgId: tree.orgs.primaryA2.id }),
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().user).toMatchObject({
      login: 'chair.a2',
      role: 'editor',
      orgId: tree.orgs.primaryA2.id,
      fullName: 'Новый Пользователь',
    });
    expect(response.json().user).not.toHaveProperty('password');
    await expect(t.login('chair.a2')).resolves.toMatch(/^prf_session=/);
  });

  it('an editor cannot create an admin: 403', async () => {
    const response = await t.api('POST', '/api/v1/users', {
      cookie: editorTerrA,
      body: newUser({ login: 'sneaky.admin', role: 'admin', orgId: tree.orgs.primaryA1.id }),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toBe(
      'Нельзя выдать роль «Администратор»: она выше вашей',
    );
  });

  it('an editor cannot create a user outside their subtree: 404', async () => {
    for (const orgId of [tree.orgs.primaryB1.id, tree.orgs.regionA.id]) {
      const response = await t.api('POST', '/api/v1/users', {
        cookie: editorTerrA,
        body: newUser({ login: `outside.${orgId}`, orgId }),
      });
      expect(response.statusCode).toBe(404);
    }
  });

  it('a viewer cannot create users: 403', async () => {
    const response = await t.api('POST', '/api/v1/users', {
      cookie: viewerTerrA,
      body: newUser({ login: 'by.viewer', orgId: tree.orgs.primaryA1.id }),
    });
    expect(response.statusCode).toBe(403);
  });

  it('a taken login is 409', async () => {
    const response = await t.api('POST', '/api/v1/users', {
      cookie: tree.admin,
      body: newUser({ login: 'editor.ta', orgId: tree.orgs.primaryA1.id }),
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.details).toEqual([
      { field: 'login', message: 'Пользователь с таким логином уже есть' },
    ]);
  });

  it('a short password and a bad login are refused with field details', async () => {
    const response = await t.api('POST', '/api/v1/users', {
      cookie: tree.admin,
      body: newUser({ login: 'ы', password: 'short', orgId: tree.orgs.primaryA1.id }),
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toEqual([
      { field: 'login', message: 'Логин: от 3 до 64 латинских букв, цифр и знаков . _ @ -' },
      { field: 'password', message: 'Пароль: не короче 10 символов' },
    ]);
  });
});

describe('reading users', () => {
  it('the user list of an admin holds only their subtree, each user with the org by name', async () => {
    await tree.user('admin.ta', 'admin', tree.orgs.terrA.id);
    const response = await t.api('GET', '/api/v1/users', { cookie: await t.login('admin.ta') });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { login: string; orgName: string }[];
    expect(items.map((u) => u.login)).toContain('editor.ta');
    expect(items.map((u) => u.login)).not.toContain('admin');
    expect(items.find((u) => u.login === 'editor.ta')?.orgName).toBe(
      'Территориальная организация А',
    );
  });

  it("an editor may not list users nor read one (logins are admins' to manage): 403", async () => {
    expect((await t.api('GET', '/api/v1/users', { cookie: editorTerrA })).statusCode).toBe(403);
    const viewer = (await t.api('GET', '/api/v1/auth/me', { cookie: viewerTerrA })).json().user;
    const one = await t.api('GET', `/api/v1/users/${viewer.id}`, { cookie: editorTerrA });
    expect(one.statusCode).toBe(403);
  });

  it('a user of another branch is 404 to an admin', async () => {
    const adminB = await tree.user('admin.rb', 'admin', tree.orgs.regionB.id);
    const response = await t.api('GET', `/api/v1/users/${adminB.id}`, {
      cookie: await t.login('admin.ta'),
    });
    expect(response.statusCode).toBe(404);
  });

  it('a viewer, who may not read other users, still sees themself at /auth/me', async () => {
    const response = await t.api('GET', '/api/v1/auth/me', { cookie: viewerTerrA });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ login: 'viewer.ta', role: 'viewer' });
  });

  it('a viewer may not list users: 403', async () => {
    const response = await t.api('GET', '/api/v1/users', { cookie: viewerTerrA });
    expect(response.statusCode).toBe(403);
  });
});

describe('managing users (admins)', () => {
  it('the list says who is disabled and who has a second factor; a disabled user stays listed', async () => {
    const user = await tree.user('to.disable', 'viewer', tree.orgs.primaryA2.id);
    const patch = await t.api('PATCH', `/api/v1/users/${user.id}`, {
      cookie: tree.admin,
      body: { disabled: true, fullName: 'Уволенный Пользователь' },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().user.fullName).toBe('Уволенный Пользователь');
    const list = await t.api('GET', `/api/v1/users?under=${tree.orgs.primaryA2.id}`, {
      cookie: tree.admin,
    });
    expect(list.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ login: 'to.disable', disabled: true, mfaEnabled: false }),
      ]),
    );
    const back = await t.api('PATCH', `/api/v1/users/${user.id}`, {
      cookie: tree.admin,
      body: { disabled: false },
    });
    expect(back.statusCode).toBe(200);
    expect(
      (
        await t.api('POST', '/api/v1/auth/login', {
          body: { login: 'to.disable', password: USER_PASSWORD },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('an admin cannot change their own role or lock themself out', async () => {
    const me = (await t.api('GET', '/api/v1/auth/me', { cookie: tree.admin })).json().user;
    const response = await t.api('PATCH', `/api/v1/users/${me.id}`, {
      cookie: tree.admin,
      body: { disabled: true },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toBe('Свою роль и доступ изменить нельзя');
  });

  it('an unknown field is refused with its name', async () => {
    const user = await tree.user('strict.patch', 'viewer', tree.orgs.primaryA2.id);
    const response = await t.api('PATCH', `/api/v1/users/${user.id}`, {
      cookie: tree.admin,
      body: { login: 'renamed' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0].field).toBe('login');
  });
});

describe('rules of managing users', () => {
  it('an admin cannot reset their own second factor (that takes a code): 400', async () => {
    const me = (await t.api('GET', '/api/v1/auth/me', { cookie: tree.admin })).json().user;
    const response = await t.api('DELETE', `/api/v1/users/${me.id}/mfa`, { cookie: tree.admin });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toMatch(/кодом/);
  });

  it('no user is created in a liquidated org', async () => {
    const org = await t.api('POST', '/api/v1/orgs', {
      cookie: tree.admin,
      body: {
        code: 'P-GONE',
        level: 'primary',
        parentId: tree.orgs.terrB.id,
        name: 'ППО закрытой школы',
      },
    });
    const liquidated = await t.api('POST', `/api/v1/orgs/${org.json().id}/liquidate`, {
      cookie: tree.admin,
      body: { on: '2026-01-15', note: 'Школа закрыта' },
    });
    expect(liquidated.statusCode, liquidated.body).toBe(200);
    const response = await t.api('POST', '/api/v1/users', {
      cookie: tree.admin,
      body: newUser({ login: 'late.user', orgId: org.json().id }),
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0]).toEqual({
      field: 'orgId',
      message: 'Организация ликвидирована',
    });
  });
});
