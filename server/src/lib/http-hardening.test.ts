import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, type TestApp, USER_PASSWORD } from '../../test/test-app.js';
import { buildTree } from '../../test/tree-fixture.js';
import { isCrossSite } from './http-hardening.js';
import { serverLogger } from './logger.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t.close());

describe('response headers', () => {
  it('every response forbids framing and sniffing and allows scripts from this origin only', async () => {
    const response = await t.api('GET', '/api/health');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('API answers with personal data are never stored: Cache-Control no-store', async () => {
    const response = await t.api('GET', '/api/v1/auth/me', { cookie: admin });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('HSTS only over HTTPS', async () => {
    expect(
      (await t.api('GET', '/api/health')).headers['strict-transport-security'],
    ).toBeUndefined();
    const secure = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-forwarded-proto': 'https' },
    });
    // without trustProxy the forwarded protocol is not believed
    expect(secure.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('cross-site requests', () => {
  const create = (headers: Record<string, string>) =>
    t.api('POST', '/api/v1/users', {
      cookie: admin,
      headers,
      body: { login: 'x' },
    });

  it('a state change from another site is refused with 403 before anything runs', async () => {
    const bySite = await create({ 'sec-fetch-site': 'cross-site' });
    expect(bySite.statusCode).toBe(403);
    expect(bySite.json().error.message).toBe('Запрос с другого сайта отклонён');
    const byOrigin = await create({ origin: 'https://evil.example' });
    expect(byOrigin.statusCode).toBe(403);
  });

  it('the same origin, and scripts that send no Origin, pass (then fail validation here)', async () => {
    expect((await create({ origin: 'http://localhost:80' })).statusCode).toBe(422);
    expect((await create({ 'sec-fetch-site': 'same-origin' })).statusCode).toBe(422);
    expect((await create({})).statusCode).toBe(422);
  });

  it('reads are not refused: a link from elsewhere may open a page', async () => {
    const response = await t.api('GET', '/api/v1/auth/me', {
      cookie: admin,
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(response.statusCode).toBe(200);
  });

  it('isCrossSite reads Sec-Fetch-Site first, then Origin against Host', () => {
    const req = (headers: Record<string, string>) => ({
      headers,
      host: 'reg.example:3000',
      protocol: 'http' as const,
    });
    expect(isCrossSite(req({ 'sec-fetch-site': 'same-site' }))).toBe(true);
    expect(isCrossSite(req({ 'sec-fetch-site': 'none' }))).toBe(false);
    expect(isCrossSite(req({ origin: 'http://reg.example:3000' }))).toBe(false);
    expect(isCrossSite(req({ origin: 'http://reg.example:3001' }))).toBe(true);
    expect(isCrossSite(req({ origin: 'null' }))).toBe(true);
  });
});

describe('body limits', () => {
  it('a JSON body over 1 MB is refused with 413 too_large', async () => {
    const response = await t.api('POST', '/api/v1/orgs', {
      cookie: admin,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('too_large');
  });
});

describe('the log', () => {
  it('holds no password, cookie, e-mail, phone or searched name', async () => {
    const lines: string[] = [];
    const logged = await createTestApp({
      logger: serverLogger('info', { write: (line) => lines.push(line) }),
    });
    const tree = await buildTree(logged);
    const cookie = await logged.login('admin');
    await logged.api('POST', '/api/v1/members', {
      cookie,
      body: {
        orgId: tree.orgs.primaryA1.id,
        lastName: 'Журналова',
        firstName: 'Анна',
        email: 'anna.log@example.ru',
        phone: '+79123334455',
      },
    });
    await logged.api('GET', `/api/v1/members?q=${encodeURIComponent('Журналова')}`, { cookie });
    await logged.api('POST', '/api/v1/auth/login', {
      body: { login: 'admin', password: 'wrong-secret-password' },
    });
    await logged.close();
    const log = lines.join('');
    expect(log).toContain('"route":"/api/v1/members"');
    for (const secret of [
      ADMIN_PASSWORD,
      USER_PASSWORD,
      'wrong-secret-password',
      'anna.log@example.ru',
      '+79123334455',
      'Журналова',
      encodeURIComponent('Журналова'),
      cookie.split('=')[1] as string,
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
