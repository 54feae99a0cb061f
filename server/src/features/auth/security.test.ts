import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, USER_PASSWORD } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';
import { buildApp } from '../../app.js';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../sessions/sessions.service.js';
import { accountRule, lockSeconds } from './throttle.js';

// Sign-in throttling, session rules, password rules and the per-session request budget, on a
// clock the tests move.

let t: TestApp;
let now = new Date('2026-11-25T09:00:00Z');
const tick = (ms: number) => {
  now = new Date(now.getTime() + ms);
};
let tree: Awaited<ReturnType<typeof buildTree>>;
// The clock moves past sessions' lifetimes: every admin call signs in afresh.
const admin = () => t.login('admin');
const newUser = async (login: string, role: 'viewer' | 'editor', orgId: string) => {
  const response = await t.api('POST', '/api/v1/users', {
    cookie: await admin(),
    body: { login, role, orgId, password: USER_PASSWORD, fullName: `Тестовый ${login}` },
  });
  expect(response.statusCode).toBe(201);
  return response.json().user as { id: string };
};

beforeAll(async () => {
  t = await createTestApp({ security: { now: () => now, apiRequestsPerMinute: 200 } });
  tree = await buildTree(t);
});
afterAll(() => t.close());

const signIn = (login: string, password: string) =>
  t.api('POST', '/api/v1/auth/login', { body: { login, password } });

describe('sign-in throttling', () => {
  it('the back-off doubles from 30 s after five failures, up to an hour', () => {
    expect([4, 5, 6, 7, 20].map((n) => lockSeconds(accountRule, n))).toEqual([
      0, 30, 60, 120, 3600,
    ]);
  });

  it('five wrong passwords lock the account: 429 rate_limited with Retry-After, the right password too', async () => {
    await newUser('throttled', 'viewer', tree.orgs.primaryA1.id);
    for (let i = 0; i < 5; i++) {
      expect((await signIn('throttled', 'wrong-password-x')).statusCode).toBe(401);
    }
    const locked = await signIn('throttled', USER_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toMatchObject({ code: 'rate_limited' });
    expect(locked.json().error.message).toMatch(/Повторите через 30 с/);
    expect(locked.headers['retry-after']).toBe('30');

    tick(31_000);
    // one more failure after the lock: the next lock is twice as long
    expect((await signIn('throttled', 'wrong-password-x')).statusCode).toBe(401);
    const longer = await signIn('throttled', USER_PASSWORD);
    expect(longer.statusCode).toBe(429);
    expect(longer.headers['retry-after']).toBe('60');

    tick(61_000);
    expect((await signIn('throttled', USER_PASSWORD)).statusCode).toBe(200);
    // a success forgives the account's failures
    expect((await signIn('throttled', 'wrong-password-x')).statusCode).toBe(401);
    expect((await signIn('throttled', USER_PASSWORD)).statusCode).toBe(200);
  });

  it('keys silent for more than two hours are forgotten at the next failure', async () => {
    expect((await signIn('throttled', 'wrong-password-x')).statusCode).toBe(401);
    const keys = () =>
      t.database.db
        .selectFrom('auth_throttle')
        .select('key')
        .execute()
        .then((rows) => rows.map((r) => r.key));
    expect(await keys()).toContain('login:throttled');
    tick(2 * 60 * 60 * 1000 + 1000);
    expect((await signIn('nobody-at-all', 'wrong-password-x')).statusCode).toBe(401);
    expect(await keys()).not.toContain('login:throttled');
    expect(await keys()).toContain('login:nobody-at-all');
  });

  it('failures are written to the audit log, and so is a refusal by the lock', async () => {
    const audit = await t.api('GET', '/api/v1/audit?action=auth.login&limit=200', {
      cookie: await admin(),
    });
    expect(audit.statusCode, audit.body).toBe(200);
    const results = audit
      .json()
      .items.filter((e: { details: { login?: string } | null }) => e.details?.login === 'throttled')
      .map((e: { result: string }) => e.result);
    expect(results).toContain('failed');
    expect(results).toContain('denied');
  });
});

describe('sessions', () => {
  const cookieOf = (response: { cookies: { name: string; value: string }[] }) =>
    `prf_session=${response.cookies.find((c) => c.name === 'prf_session')?.value}`;
  const me = (cookie: string) => t.api('GET', '/api/v1/auth/me', { cookie });

  it('a new token at every sign-in, and the session held before is ended', async () => {
    const first = cookieOf(await signIn('admin', 'admin-test-password'));
    const again = await t.api('POST', '/api/v1/auth/login', {
      cookie: first,
      body: { login: 'admin', password: 'admin-test-password' },
    });
    const second = cookieOf(again);
    expect(second).not.toBe(first);
    expect((await me(first)).statusCode).toBe(401);
    expect((await me(second)).statusCode).toBe(200);
  });

  it('ends after 30 idle minutes', async () => {
    const cookie = cookieOf(await signIn('admin', 'admin-test-password'));
    tick(SESSION_IDLE_MS - 60_000);
    expect((await me(cookie)).statusCode).toBe(200);
    tick(SESSION_IDLE_MS + 1000);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('ends 12 hours after sign-in however busy', async () => {
    const cookie = cookieOf(await signIn('admin', 'admin-test-password'));
    for (let elapsed = 0; elapsed < SESSION_ABSOLUTE_MS - 20 * 60_000; elapsed += 20 * 60_000) {
      tick(20 * 60_000);
      expect((await me(cookie)).statusCode).toBe(200);
    }
    tick(21 * 60_000);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('a change of role ends the user’s sessions; so does disabling', async () => {
    const user = await newUser('role-changed', 'editor', tree.orgs.terrA.id);
    const cookie = cookieOf(await signIn('role-changed', USER_PASSWORD));
    expect((await me(cookie)).statusCode).toBe(200);
    const patch = await t.api('PATCH', `/api/v1/users/${user.id}`, {
      cookie: await admin(),
      body: { role: 'viewer' },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().user.role).toBe('viewer');
    expect((await me(cookie)).statusCode).toBe(401);

    const next = cookieOf(await signIn('role-changed', USER_PASSWORD));
    await t.api('PATCH', `/api/v1/users/${user.id}`, {
      cookie: await admin(),
      body: { disabled: true },
    });
    expect((await me(next)).statusCode).toBe(401);
    expect((await signIn('role-changed', USER_PASSWORD)).statusCode).toBe(401);
  });

  it('an editor may not change users (admins only): 403', async () => {
    const user = await newUser('plain-viewer', 'viewer', tree.orgs.terrA.id);
    await newUser('some-editor', 'editor', tree.orgs.regionA.id);
    const editor = cookieOf(await signIn('some-editor', USER_PASSWORD));
    const response = await t.api('PATCH', `/api/v1/users/${user.id}`, {
      cookie: editor,
      body: { role: 'editor' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('a password change ends the other sessions and keeps this one', async () => {
    await newUser('changes-password', 'viewer', tree.orgs.primaryA1.id);
    const here = cookieOf(await signIn('changes-password', USER_PASSWORD));
    const elsewhere = cookieOf(await signIn('changes-password', USER_PASSWORD));
    const change = await t.api('POST', '/api/v1/auth/password', {
      cookie: here,
      body: { currentPassword: USER_PASSWORD, newPassword: 'зелёный чайник на окне' },
    });
    expect(change.statusCode).toBe(204);
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
    expect((await signIn('changes-password', 'зелёный чайник на окне')).statusCode).toBe(200);
  });
});

describe('password change', () => {
  it('wrong current passwords count toward the lock: the sixth try is 429', async () => {
    await newUser('guesses-password', 'viewer', tree.orgs.primaryA2.id);
    const cookie = `prf_session=${(await signIn('guesses-password', USER_PASSWORD)).cookies.find((c) => c.name === 'prf_session')?.value}`;
    const change = (currentPassword: string) =>
      t.api('POST', '/api/v1/auth/password', {
        cookie,
        body: { currentPassword, newPassword: 'совсем новый длинный пароль' },
      });
    for (let i = 0; i < 5; i++) {
      const wrong = await change('not-my-password');
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().error.details[0].field).toBe('currentPassword');
    }
    expect((await change(USER_PASSWORD)).statusCode).toBe(429);
  });
});

describe('password rules', () => {
  it.each([
    ['short1234', /не короче 10 символов/],
    ['1234567890', /слишком распространён/],
    ['Qwertyuiop', /слишком распространён/],
    ['ЙЦУКЕНГШЩЗ', /слишком распространён/],
  ])('refuses %s with a Russian message and creates nothing', async (password, message) => {
    const response = await t.api('POST', '/api/v1/users', {
      cookie: await admin(),
      body: {
        login: `weak-${password.length}-${Math.random().toString(36).slice(2, 7)}`,
        password,
        role: 'viewer',
        orgId: tree.orgs.primaryA1.id,
        fullName: 'Слабый Пароль',
      },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0]).toMatchObject({ field: 'password' });
    expect(response.json().error.message).toMatch(message);
  });

  it('accepts a long passphrase without digits or capitals (no composition rules)', async () => {
    const response = await t.api('POST', '/api/v1/users', {
      cookie: await admin(),
      body: {
        login: 'passphrase',
        password: 'кот спит на тёплой батарее',
        role: 'viewer',
        orgId: tree.orgs.primaryA1.id,
        fullName: 'Длинная Фраза',
      },
    });
    expect(response.statusCode).toBe(201);
  });
});

describe('request budget per session', () => {
  it('past the budget a session gets 429 with Retry-After until the next minute', async () => {
    tick(60_000 - (now.getTime() % 60_000));
    await newUser('busy-script', 'viewer', tree.orgs.regionB.id);
    const cookie = `prf_session=${(await signIn('busy-script', USER_PASSWORD)).cookies.find((c) => c.name === 'prf_session')?.value}`;
    let refused: Awaited<ReturnType<typeof t.api>> | undefined;
    for (let i = 0; i < 201 && !refused; i++) {
      const response = await t.api('GET', '/api/v1/auth/me', { cookie });
      if (response.statusCode === 429) refused = response;
    }
    expect(refused?.json().error.code).toBe('rate_limited');
    expect(Number(refused?.headers['retry-after'])).toBe(60);
    tick(60_000);
    expect((await t.api('GET', '/api/v1/auth/me', { cookie })).statusCode).toBe(200);
  });

  it("two servers on one database share a session's budget: 200 requests in a minute, not 400", async () => {
    tick(60_000 - (now.getTime() % 60_000));
    const other = await buildApp({
      database: t.database,
      imports: { worker: false },
      security: { mfaRequiredRoles: [], now: () => now, apiRequestsPerMinute: 200 },
    });
    try {
      const cookie = await t.login('busy-script');
      let served = 0;
      for (let i = 0; i < 200; i++) {
        const app = i % 2 === 0 ? t.app : other;
        const response = await app.inject({
          method: 'GET',
          url: '/api/v1/auth/me',
          headers: { cookie },
        });
        if (response.statusCode === 200) served++;
      }
      const refused = await other.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { cookie },
      });
      // The login itself came under no session: 200 served, the 201st refused on either server.
      expect(served).toBe(200);
      expect(refused.statusCode).toBe(429);
      expect((await t.api('GET', '/api/v1/auth/me', { cookie })).statusCode).toBe(429);
    } finally {
      await other.close();
    }
  });
});
