import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';
import { totpCode } from '../../lib/totp.js';

// Second factor: enrolment forced by MFA_REQUIRED_ROLES, sign-in with a code, replay refused,
// recovery codes spent once. A movable clock stands in for time.

let t: TestApp;
let now = new Date('2026-11-25T09:00:00Z');
const tick = (seconds: number) => {
  now = new Date(now.getTime() + seconds * 1000);
};
let tree: Awaited<ReturnType<typeof buildTree>>;

beforeAll(async () => {
  t = await createTestApp({ security: { mfaRequiredRoles: ['admin'], now: () => now } });
});
afterAll(() => t.close());

const cookieOf = (response: { cookies: { name: string; value: string }[] }) => {
  const c = response.cookies.find((x) => x.name === 'prf_session');
  return c ? `prf_session=${c.value}` : '';
};

async function passwordStep(login: string, password: string) {
  const response = await t.api('POST', '/api/v1/auth/login', { body: { login, password } });
  expect(response.statusCode).toBe(200);
  return { body: response.json(), cookie: cookieOf(response) };
}

/** Admin enrols through the forced path; returns the secret and the recovery codes. */
async function enrolAdmin() {
  const step = await passwordStep('admin', 'admin-test-password');
  expect(step.body.mfa).toBe('enroll');
  const setup = await t.api('POST', '/api/v1/auth/mfa/setup', { cookie: step.cookie });
  expect(setup.statusCode).toBe(200);
  const { secret, otpauthUrl } = setup.json();
  expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/.+secret=/);
  const enable = await t.api('POST', '/api/v1/auth/mfa/enable', {
    cookie: step.cookie,
    body: { code: totpCode(secret, now) },
  });
  expect(enable.statusCode).toBe(200);
  return {
    secret: secret as string,
    recoveryCodes: enable.json().recoveryCodes as string[],
    cookie: cookieOf(enable),
    pendingCookie: step.cookie,
  };
}

let admin: Awaited<ReturnType<typeof enrolAdmin>>;

describe('forced enrolment', () => {
  it('an admin without a second factor is led to enrol: until then only the MFA steps answer', async () => {
    const step = await passwordStep('admin', 'admin-test-password');
    expect(step.body).toMatchObject({ user: { login: 'admin' }, mfa: 'enroll' });
    const me = await t.api('GET', '/api/v1/auth/me', { cookie: step.cookie });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.message).toMatch(/код подтверждения/);
    const orgs = await t.api('GET', '/api/v1/orgs', { cookie: step.cookie });
    expect(orgs.statusCode).toBe(401);
  });

  it('enrolment with a code from the new secret opens a full session under a new token, with 10 recovery codes', async () => {
    admin = await enrolAdmin();
    expect(admin.recoveryCodes).toHaveLength(10);
    expect(admin.cookie).not.toBe(admin.pendingCookie);
    expect(
      (await t.api('GET', '/api/v1/auth/me', { cookie: admin.pendingCookie })).statusCode,
    ).toBe(401);
    const me = await t.api('GET', '/api/v1/auth/me', { cookie: admin.cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json().mfa).toEqual({ enabled: true, required: true, recoveryCodesLeft: 10 });
    tree = await buildTree({ ...t, login: async () => admin.cookie });
  });

  it('a viewer (role not required) signs in with the password alone, as the contract says', async () => {
    await tree.user('mfa-viewer', 'viewer', tree.orgs.regionA.id);
    const response = await t.api('POST', '/api/v1/auth/login', {
      body: { login: 'mfa-viewer', password: 'user-test-password' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().mfa).toBeUndefined();
  });
});

describe('sign-in with a second factor', () => {
  it('asks for a code after the password, and a right code signs in', async () => {
    tick(60);
    const step = await passwordStep('admin', 'admin-test-password');
    expect(step.body.mfa).toBe('verify');
    const verify = await t.api('POST', '/api/v1/auth/mfa/verify', {
      cookie: step.cookie,
      body: { code: totpCode(admin.secret, now) },
    });
    expect(verify.statusCode).toBe(200);
    expect(verify.json().user.login).toBe('admin');
    expect((await t.api('GET', '/api/v1/auth/me', { cookie: cookieOf(verify) })).statusCode).toBe(
      200,
    );
  });

  it('the same code is refused a second time (replay)', async () => {
    tick(60);
    const code = totpCode(admin.secret, now);
    const first = await passwordStep('admin', 'admin-test-password');
    const ok = await t.api('POST', '/api/v1/auth/mfa/verify', {
      cookie: first.cookie,
      body: { code },
    });
    expect(ok.statusCode).toBe(200);
    const second = await passwordStep('admin', 'admin-test-password');
    const replay = await t.api('POST', '/api/v1/auth/mfa/verify', {
      cookie: second.cookie,
      body: { code },
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.message).toBe('Неверный или уже использованный код');
  });

  it('a recovery code signs in once, then no more', async () => {
    const recovery = admin.recoveryCodes[0] as string;
    const first = await passwordStep('admin', 'admin-test-password');
    const ok = await t.api('POST', '/api/v1/auth/mfa/verify', {
      cookie: first.cookie,
      body: { code: recovery.toUpperCase() },
    });
    expect(ok.statusCode).toBe(200);
    const me = await t.api('GET', '/api/v1/auth/me', { cookie: cookieOf(ok) });
    expect(me.json().mfa.recoveryCodesLeft).toBe(9);
    const again = await passwordStep('admin', 'admin-test-password');
    const refused = await t.api('POST', '/api/v1/auth/mfa/verify', {
      cookie: again.cookie,
      body: { code: recovery },
    });
    expect(refused.statusCode).toBe(401);
  });

  it('five wrong codes lock the second step with 429 and Retry-After, even for a right code', async () => {
    tick(60);
    // a success clears the failures counted so far (the replay above)
    const clean = await passwordStep('admin', 'admin-test-password');
    const cleared = await t.api('POST', '/api/v1/auth/mfa/verify', {
      cookie: clean.cookie,
      body: { code: totpCode(admin.secret, now) },
    });
    expect(cleared.statusCode).toBe(200);
    tick(30);
    const step = await passwordStep('admin', 'admin-test-password');
    for (let i = 0; i < 5; i++) {
      const wrong = await t.api('POST', '/api/v1/auth/mfa/verify', {
        cookie: step.cookie,
        body: { code: '000000' },
      });
      expect(wrong.statusCode).toBe(401);
    }
    const locked = await t.api('POST', '/api/v1/auth/mfa/verify', {
      cookie: step.cookie,
      body: { code: totpCode(admin.secret, now) },
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    tick(31);
    const after = await t.api('POST', '/api/v1/auth/mfa/verify', {
      cookie: step.cookie,
      body: { code: totpCode(admin.secret, now) },
    });
    expect(after.statusCode).toBe(200);
    admin.cookie = cookieOf(after);
  });

  it('a role that requires the second factor cannot switch it off', async () => {
    const response = await t.api('POST', '/api/v1/auth/mfa/disable', {
      cookie: admin.cookie,
      body: { code: totpCode(admin.secret, now) },
    });
    expect(response.statusCode).toBe(403);
  });

  it('enabling, disabling and the admin reset are written to the audit log', async () => {
    const me = (await t.api('GET', '/api/v1/auth/me', { cookie: admin.cookie })).json();
    const response = await t.api(
      'GET',
      `/api/v1/audit?targetType=user&targetId=${me.user.id}&action=mfa.`,
      { cookie: admin.cookie },
    );
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((e: { action: string }) => e.action)).toContain('mfa.enable');
  });
});

describe('voluntary second factor and admin reset', () => {
  it('an editor turns it on, off with a code, and an admin can reset it', async () => {
    await tree.user('mfa-editor', 'editor', tree.orgs.terrA.id);
    const login = await passwordStep('mfa-editor', 'user-test-password');
    expect(login.body.mfa).toBeUndefined();
    const setup = (await t.api('POST', '/api/v1/auth/mfa/setup', { cookie: login.cookie })).json();
    const enabled = await t.api('POST', '/api/v1/auth/mfa/enable', {
      cookie: login.cookie,
      body: { code: totpCode(setup.secret, now) },
    });
    expect(enabled.statusCode).toBe(200);
    tick(30);
    const off = await t.api('POST', '/api/v1/auth/mfa/disable', {
      cookie: login.cookie,
      body: { code: totpCode(setup.secret, now) },
    });
    expect(off.statusCode).toBe(204);

    tick(30);
    const again = (await t.api('POST', '/api/v1/auth/mfa/setup', { cookie: login.cookie })).json();
    await t.api('POST', '/api/v1/auth/mfa/enable', {
      cookie: login.cookie,
      body: { code: totpCode(again.secret, now) },
    });
    const editor = (await t.api('GET', '/api/v1/auth/me', { cookie: login.cookie })).json();
    const reset = await t.api('DELETE', `/api/v1/users/${editor.user.id}/mfa`, {
      cookie: admin.cookie,
    });
    expect(reset.statusCode).toBe(204);
    // the reset ends the user's sessions; a new sign-in needs the password alone
    expect((await t.api('GET', '/api/v1/auth/me', { cookie: login.cookie })).statusCode).toBe(401);
    expect((await passwordStep('mfa-editor', 'user-test-password')).body.mfa).toBeUndefined();
  });
});
