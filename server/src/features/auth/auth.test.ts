import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { auditTrailOf } from '../audit/audit.service.js';
import { resolveSession, SESSION_IDLE_MS } from '../sessions/sessions.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('admin signs in, gets an HttpOnly SameSite cookie and sees themself at /auth/me', async () => {
    const response = await t.api('POST', '/api/v1/auth/login', {
      body: { login: 'admin', password: 'admin-test-password' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({
      login: 'admin',
      role: 'admin',
      fullName: 'Администратор',
    });
    const cookie = response.cookies.find((c) => c.name === 'prf_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    const me = await t.api('GET', '/api/v1/auth/me', { cookie: `prf_session=${cookie?.value}` });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.login).toBe('admin');
  });

  it('login is case-insensitive and trimmed', async () => {
    const response = await t.api('POST', '/api/v1/auth/login', {
      body: { login: '  ADMIN ', password: 'admin-test-password' },
    });
    expect(response.statusCode).toBe(200);
  });

  it('wrong password is 401 unauthenticated with a Russian message and sets no cookie', async () => {
    const response = await t.api('POST', '/api/v1/auth/login', {
      body: { login: 'admin', password: 'wrong-password' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      error: { code: 'unauthenticated', message: 'Неверный логин или пароль', details: [] },
    });
    expect(response.cookies).toHaveLength(0);
  });

  it('an unknown login gets the same 401 as a wrong password', async () => {
    const response = await t.api('POST', '/api/v1/auth/login', {
      body: { login: 'nobody', password: 'whatever-password' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.message).toBe('Неверный логин или пароль');
  });

  it('a failed sign-in is written to the audit log', async () => {
    const me = await t.api('GET', '/api/v1/auth/me', { cookie: await t.login('admin') });
    await t.api('POST', '/api/v1/auth/login', {
      body: { login: 'admin', password: 'bad-bad-bad' },
    });
    const trail = await auditTrailOf(t.database.db, 'user', me.json().user.id);
    expect(trail.some((e) => e.action === 'auth.login' && e.result === 'failed')).toBe(true);
    expect(trail.some((e) => e.action === 'auth.login' && e.result === 'ok')).toBe(true);
  });

  it('/auth/me says what the caller may do: a viewer reads, an admin also manages users', async () => {
    const admin = await t.api('GET', '/api/v1/auth/me', { cookie: await t.login('admin') });
    expect(admin.json().permissions).toEqual(expect.arrayContaining(['user:manage', 'audit:read']));
    expect(admin.json().grantableRoles).toEqual(['viewer', 'editor', 'admin']);
    const created = await t.api('POST', '/api/v1/users', {
      cookie: await t.login('admin'),
      body: {
        login: 'reader',
        fullName: 'Читатель Проверочный',
        role: 'viewer',
        orgId: admin.json().user.orgId,
        password: 'reader-test-password',
      },
    });
    expect(created.statusCode).toBe(201);
    const viewer = await t.api('GET', '/api/v1/auth/me', {
      cookie: await t.login('reader', 'reader-test-password'),
    });
    expect(viewer.json().permissions).toEqual([
      'org:read',
      'member:read',
      'application:read',
      'report:read',
      'card:read',
      'bonus:read',
      'survey:read',
      'benefit:read',
      'aid:read',
    ]);
    expect(viewer.json().grantableRoles).toEqual(['viewer']);
  });

  it('the audit log names the caller by kind and id: staff by user, a sign-in by nobody', async () => {
    const me = await t.api('GET', '/api/v1/auth/me', { cookie: await t.login('admin') });
    await t.api('POST', '/api/v1/auth/login', { body: { login: 'admin', password: 'bad-bad-x' } });
    const rows = (await t.database.query(
      `select action, actor_kind, actor_id from audit_log where action like 'auth.login%' order by id desc limit 2`,
    )) as { action: string; actor_kind: string; actor_id: string | null }[];
    expect(rows[0]).toMatchObject({ actor_kind: 'applicant', actor_id: null });
    expect(rows[1]).toMatchObject({ actor_kind: 'staff', actor_id: me.json().user.id });
  });

  it('/auth/me without a session is 401', async () => {
    const response = await t.api('GET', '/api/v1/auth/me');
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthenticated');
  });

  it('a forged cookie is 401', async () => {
    const response = await t.api('GET', '/api/v1/auth/me', { cookie: 'prf_session=forged' });
    expect(response.statusCode).toBe(401);
  });
});

describe('sign-out', () => {
  it('logout ends the session: the same cookie is refused afterwards', async () => {
    const cookie = await t.login('admin');
    const out = await t.api('POST', '/api/v1/auth/logout', { cookie });
    expect(out.statusCode).toBe(204);
    const me = await t.api('GET', '/api/v1/auth/me', { cookie });
    expect(me.statusCode).toBe(401);
  });

  it('logout without a session is 401', async () => {
    const response = await t.api('POST', '/api/v1/auth/logout');
    expect(response.statusCode).toBe(401);
  });
});

describe('session lifetime', () => {
  it('a session idle for longer than the idle timeout is gone', async () => {
    const cookie = await t.login('admin');
    const token = cookie.split('=')[1] ?? '';
    const later = new Date(Date.now() + SESSION_IDLE_MS + 1000);
    expect(await resolveSession(t.database.db, token, later)).toBeNull();
    // and it stays gone even at the present time: the expired row was deleted
    expect(await resolveSession(t.database.db, token, new Date())).toBeNull();
  });

  it('a session used within the idle timeout lives on', async () => {
    const cookie = await t.login('admin');
    const token = cookie.split('=')[1] ?? '';
    const soon = new Date(Date.now() + SESSION_IDLE_MS / 2);
    expect((await resolveSession(t.database.db, token, soon))?.actor.login).toBe('admin');
  });
});
