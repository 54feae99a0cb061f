import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, USER_PASSWORD } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';

// Admins look after the users of their subtree: find them by login or name, give a new
// password, move one to another org of the subtree. Each change ends the user's sessions and
// is on record.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let adminA: string;
let editorA: string;

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  await tree.user('admin.ra', 'admin', tree.orgs.regionA.id);
  await tree.user('editor.ra', 'editor', tree.orgs.regionA.id);
  adminA = await t.login('admin.ra');
  editorA = await t.login('editor.ra');
});
afterAll(() => t.close());

/** A user created with a full name of our choosing. */
async function userNamed(login: string, fullName: string, orgId: string, role = 'viewer') {
  const response = await t.api('POST', '/api/v1/users', {
    cookie: tree.admin,
    body: { login, password: USER_PASSWORD, role, orgId, fullName },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().user as { id: string };
}

const logins = async (cookie: string, query: string) => {
  const response = await t.api('GET', `/api/v1/users?${query}`, { cookie });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as { login: string }[]).map((u) => u.login);
};

const auditOf = async (userId: string, action: string) => {
  const response = await t.api(
    'GET',
    `/api/v1/audit?targetType=user&targetId=${userId}&action=${action}`,
    { cookie: tree.admin },
  );
  return response.json().items as { details: Record<string, unknown> | null; refs: unknown[] }[];
};

describe('searching users', () => {
  beforeAll(async () => {
    await userNamed('petrova.school1', 'Петрова Алёна Сергеевна', tree.orgs.primaryA1.id);
    await userNamed('ivanov.terr', 'Иванов Пётр Алексеевич', tree.orgs.terrA.id);
    await userNamed('sidorova.b', 'Петрова-Сидорова Анна', tree.orgs.primaryB1.id);
  });

  it('finds by the start of the login or of any word of the full name, any case, ё as е', async () => {
    expect(await logins(adminA, 'q=PETROVA')).toEqual(['petrova.school1']);
    expect(await logins(adminA, 'q=алена')).toEqual(['petrova.school1']);
    expect(await logins(adminA, `q=${encodeURIComponent('петр')}`)).toEqual([
      'ivanov.terr',
      'petrova.school1',
    ]);
    expect(await logins(adminA, `q=${encodeURIComponent('Иванов Пётр')}`)).toEqual(['ivanov.terr']);
    // Inside a word is not a start.
    expect(await logins(adminA, `q=${encodeURIComponent('етрова')}`)).toEqual([]);
  });

  it('searches only the caller subtree (a namesake in region B is not found)', async () => {
    expect(await logins(adminA, `q=${encodeURIComponent('Сидорова')}`)).toEqual([]);
    expect(await logins(tree.admin, `q=${encodeURIComponent('Сидорова')}`)).toEqual(['sidorova.b']);
  });

  it('% and _ in the query are plain characters', async () => {
    expect(await logins(adminA, `q=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await logins(adminA, 'q=_')).toEqual([]);
  });

  it('pages a search by login with a keyset cursor, no user twice', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await t.api(
        'GET',
        `/api/v1/users?q=${encodeURIComponent('тестовый')}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        { cookie: tree.admin },
      );
      const page = response.json();
      seen.push(...page.items.map((u: { login: string }) => u.login));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['admin.ra', 'editor.ra']);
  });
});

describe("an admin sets a user's password", () => {
  it('the new password signs in, the old one no longer, the user is signed out, it is on record', async () => {
    const user = await userNamed('forgot.pw', 'Забывчивая Анна', tree.orgs.primaryA2.id);
    const session = await t.login('forgot.pw');
    const response = await t.api('POST', `/api/v1/users/${user.id}/password`, {
      cookie: adminA,
      body: { password: 'brand-new-secret-42' },
    });
    expect(response.statusCode, response.body).toBe(204);
    expect((await t.api('GET', '/api/v1/auth/me', { cookie: session })).statusCode).toBe(401);
    await expect(t.login('forgot.pw')).rejects.toThrow(/401/);
    await expect(t.login('forgot.pw', 'brand-new-secret-42')).resolves.toMatch(/^prf_session=/);
    const entries = await auditOf(user.id, 'user.password');
    expect(entries).toHaveLength(1);
    // The password itself never reaches the log.
    expect(JSON.stringify(entries)).not.toContain('brand-new-secret-42');
  });

  it('the password rules apply: short and common passwords are refused by field', async () => {
    const user = await userNamed('weak.pw', 'Слабый Пароль', tree.orgs.primaryA2.id);
    for (const password of ['short', 'qwertyuiop']) {
      const response = await t.api('POST', `/api/v1/users/${user.id}/password`, {
        cookie: adminA,
        body: { password },
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().error.details[0].field).toBe('password');
    }
  });

  it('an admin of region A gets 404 for a user of region B and an editor gets 403', async () => {
    const userB = await userNamed('user.b.pw', 'Пользователь Б', tree.orgs.primaryB1.id);
    const body = { password: 'another-secret-77' };
    const outside = await t.api('POST', `/api/v1/users/${userB.id}/password`, {
      cookie: adminA,
      body,
    });
    expect(outside.statusCode).toBe(404);
    const userA = await userNamed('user.a.pw', 'Пользователь А', tree.orgs.primaryA1.id);
    const byEditor = await t.api('POST', `/api/v1/users/${userA.id}/password`, {
      cookie: editorA,
      body,
    });
    expect(byEditor.statusCode).toBe(403);
  });

  it("an admin's own password is changed only with the current one: 422", async () => {
    const me = (await t.api('GET', '/api/v1/auth/me', { cookie: adminA })).json().user;
    const response = await t.api('POST', `/api/v1/users/${me.id}/password`, {
      cookie: adminA,
      body: { password: 'my-own-new-secret-1' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toMatch(/Безопасность/);
  });
});

describe('an admin moves a user to another org of the subtree', () => {
  it('the user now sees the new subtree, is signed out, and the move is on record', async () => {
    const user = await userNamed('mover', 'Переводимый Иван', tree.orgs.primaryA1.id, 'editor');
    const session = await t.login('mover');
    const response = await t.api('PATCH', `/api/v1/users/${user.id}`, {
      cookie: adminA,
      body: { orgId: tree.orgs.terrA.id },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().user).toMatchObject({
      orgId: tree.orgs.terrA.id,
      orgName: 'Территориальная организация А',
    });
    expect((await t.api('GET', '/api/v1/auth/me', { cookie: session })).statusCode).toBe(401);
    const again = await t.login('mover');
    const sibling = await t.api('GET', `/api/v1/orgs/${tree.orgs.primaryA2.id}`, {
      cookie: again,
    });
    expect(sibling.statusCode).toBe(200);
    const [entry] = await auditOf(user.id, 'user.update');
    expect(entry?.details).toEqual({
      orgId: { from: tree.orgs.primaryA1.id, to: tree.orgs.terrA.id },
    });
    expect(entry?.refs).toEqual([
      { type: 'org', id: tree.orgs.primaryA1.id, name: 'ППО школы № 1', state: 'active' },
      {
        type: 'org',
        id: tree.orgs.terrA.id,
        name: 'Территориальная организация А',
        state: 'active',
      },
    ]);
  });

  it('an org outside the admin subtree is 404, as if it did not exist', async () => {
    const user = await userNamed('stays.a', 'Остающийся Пётр', tree.orgs.primaryA1.id);
    const response = await t.api('PATCH', `/api/v1/users/${user.id}`, {
      cookie: adminA,
      body: { orgId: tree.orgs.primaryB1.id },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toBe('Организация не найдена');
    const list = await t.api('GET', `/api/v1/users?q=stays.a`, { cookie: adminA });
    expect(list.json().items[0].orgId).toBe(tree.orgs.primaryA1.id);
  });

  it('an admin cannot move themself (their scope would change under them): 422', async () => {
    const me = (await t.api('GET', '/api/v1/auth/me', { cookie: adminA })).json().user;
    const response = await t.api('PATCH', `/api/v1/users/${me.id}`, {
      cookie: adminA,
      body: { orgId: tree.orgs.terrA.id },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0]).toEqual({
      field: 'orgId',
      message: 'Свою организацию изменить нельзя',
    });
  });

  it('an editor cannot move a user: 403', async () => {
    const user = await userNamed('stays.too', 'Остающаяся Анна', tree.orgs.primaryA1.id);
    const response = await t.api('PATCH', `/api/v1/users/${user.id}`, {
      cookie: editorA,
      body: { orgId: tree.orgs.terrA.id },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('peers', () => {
  it('an admin cannot reset, disable or move a fellow admin of the same org; the org above can', async () => {
    const peer = await userNamed('admin.ra2', 'Соседова Ольга', tree.orgs.regionA.id, 'admin');
    const attempts = [
      t.api('POST', `/api/v1/users/${peer.id}/password`, {
        cookie: adminA,
        body: { password: 'a-brand-new-password' },
      }),
      t.api('DELETE', `/api/v1/users/${peer.id}/mfa`, { cookie: adminA }),
      t.api('PATCH', `/api/v1/users/${peer.id}`, { cookie: adminA, body: { disabled: true } }),
      t.api('PATCH', `/api/v1/users/${peer.id}`, {
        cookie: adminA,
        body: { orgId: tree.orgs.terrA.id },
      }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode, response.body).toBe(403);
      expect(response.json().error.message).toMatch(/вышестоящей организации/);
    }
    // The centre's admin looks after region A's admins.
    const fromAbove = await t.api('POST', `/api/v1/users/${peer.id}/password`, {
      cookie: tree.admin,
      body: { password: 'a-brand-new-password' },
    });
    expect(fromAbove.statusCode, fromAbove.body).toBe(204);
  });

  it('a viewer below in the same org stays the admin’s to manage', async () => {
    const viewer = await userNamed('viewer.ra', 'Смотрова Анна', tree.orgs.regionA.id);
    const response = await t.api('PATCH', `/api/v1/users/${viewer.id}`, {
      cookie: adminA,
      body: { disabled: true },
    });
    expect(response.statusCode, response.body).toBe(200);
  });
});
