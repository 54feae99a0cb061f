import { afterEach, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  createTestApp,
  type TestApp,
  USER_PASSWORD,
} from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';
import { parseTrustProxy } from '../../config.js';

// Which address a request comes from (behind proxies), and what a locked address still lets
// through: the right password of an account that is not itself locked.

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const signIn = (
  app: TestApp,
  login: string,
  password: string,
  headers: Record<string, string> = {},
) =>
  app.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login, password },
    remoteAddress: '127.0.0.1',
    headers,
  });

const lastLoginIp = async (app: TestApp) => {
  const row = await app.database.db
    .selectFrom('audit_log')
    .select('ip')
    .where('action', '=', 'auth.login')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return row.ip;
};

describe('TRUST_PROXY', () => {
  it('reads false, true (one hop), a hop count and a list of proxy addresses', () => {
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('true')).toBe(1);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.1, 10.1.0.0/16, ::1')).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      '::1',
    ]);
    const issues: string[] = [];
    parseTrustProxy('yes please', {
      addIssue: (i: { message: string }) => issues.push(i.message),
    } as never);
    expect(issues[0]).toMatch(/не понято: yes please/);
    for (const wrong of ['999.1.1.1', '10.0.0.1/99', '::1/200', '10.0.0.1/8/8']) {
      const found: string[] = [];
      parseTrustProxy(wrong, {
        addIssue: (i: { message: string }) => found.push(i.message),
      } as never);
      expect(found, wrong).toHaveLength(1);
    }
  });

  it('one trusted hop: the audit records the address the proxy saw, not what the client wrote', async () => {
    t = await createTestApp();
    // The test app trusts nobody; build one that trusts one hop, as TRUST_PROXY=true does.
    const { buildApp } = await import('../../app.js');
    const app = await buildApp({ database: t.database, trustProxy: 1 });
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { login: 'admin', password: ADMIN_PASSWORD },
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '6.6.6.6, 10.0.0.1' },
      });
      expect(response.statusCode).toBe(200);
      expect(await lastLoginIp(t)).toBe('10.0.0.1');
    } finally {
      await app.close();
    }
  });

  it('rotating X-Forwarded-For does not get around the address lock', async () => {
    t = await createTestApp();
    const { buildApp } = await import('../../app.js');
    const app = await buildApp({ database: t.database, trustProxy: 1 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { login: `nobody${i}`, password: 'wrong-password' },
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': `6.6.6.${i}, 10.0.0.1` },
        });
        statuses.push(response.statusCode);
      }
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    } finally {
      await app.close();
    }
  });

  it('trusting nobody, the socket address is recorded whatever the header says', async () => {
    t = await createTestApp();
    await signIn(t, 'admin', ADMIN_PASSWORD, { 'x-forwarded-for': '6.6.6.6' });
    expect(await lastLoginIp(t)).toBe('127.0.0.1');
  });
});

describe('the address lock', () => {
  it('after 20 failures from one address, unknown accounts and wrong passwords get 429, the right password of an account known there gets in', async () => {
    t = await createTestApp();
    const tree = await buildTree(t);
    await tree.user('teacher', 'viewer', tree.orgs.primaryA1.id);
    // Both have signed in from this address before (buildTree signed the admin in from it).
    expect((await signIn(t, 'teacher', USER_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 20; i++) {
      expect((await signIn(t, `guess${i}`, 'wrong-password')).statusCode).toBe(401);
    }
    const unknown = await signIn(t, 'guess-more', 'wrong-password');
    expect(unknown.statusCode).toBe(429);
    expect(unknown.headers['retry-after']).toBeDefined();
    expect((await signIn(t, 'admin', 'wrong-password')).statusCode).toBe(429);
    // Colleagues behind the same NAT sign in with their right passwords.
    expect((await signIn(t, 'admin', ADMIN_PASSWORD)).statusCode).toBe(200);
    expect((await signIn(t, 'teacher', USER_PASSWORD)).statusCode).toBe(200);
  });

  it('a locked address does not let a right password through for an account never used there: no spraying across accounts', async () => {
    t = await createTestApp();
    const tree = await buildTree(t);
    await tree.user('newcomer', 'viewer', tree.orgs.primaryA1.id);
    for (let i = 0; i < 20; i++) await signIn(t, `guess${i}`, 'wrong-password');
    const first = await signIn(t, 'newcomer', USER_PASSWORD);
    expect(first.statusCode).toBe(429);
    // A right password is no failure: the account itself is not locked by it.
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'newcomer', password: USER_PASSWORD },
      remoteAddress: '10.9.9.9',
    });
    expect(elsewhere.statusCode).toBe(200);
  });

  it('a locked account stays locked whatever the address: the right password gets 429 too', async () => {
    t = await createTestApp();
    for (let i = 0; i < 5; i++) {
      expect((await signIn(t, 'admin', 'wrong-password')).statusCode).toBe(401);
    }
    expect((await signIn(t, 'admin', ADMIN_PASSWORD)).statusCode).toBe(429);
  });

  it('failures behind a locked address still count toward the account lock', async () => {
    t = await createTestApp();
    const tree = await buildTree(t);
    await tree.user('teacher', 'viewer', tree.orgs.primaryA1.id);
    expect((await signIn(t, 'teacher', USER_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 20; i++) await signIn(t, `guess${i}`, 'wrong-password');
    for (let i = 0; i < 5; i++) {
      expect((await signIn(t, 'teacher', 'wrong-password')).statusCode).toBe(429);
    }
    // The account has now failed five times: its own lock holds even with the right password.
    const locked = await signIn(t, 'teacher', USER_PASSWORD);
    expect(locked.statusCode).toBe(429);
  });
});
