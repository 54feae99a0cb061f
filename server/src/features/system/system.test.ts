import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
});
afterAll(() => t.close());

describe('health and API description', () => {
  it('/api/health answers ok and names the database in use', async () => {
    const response = await t.api('GET', '/api/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      database: process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite',
    });
  });

  it('/api/openapi.json documents the contract routes from the Zod schemas', async () => {
    const response = await t.api('GET', '/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of [
      '/api/v1/auth/login',
      '/api/v1/auth/logout',
      '/api/v1/auth/me',
      '/api/v1/users',
      '/api/v1/orgs',
      '/api/v1/orgs/{id}',
      '/api/v1/orgs/{id}/children',
    ]) {
      expect(doc.paths).toHaveProperty([route]);
    }
    const loginBody = doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'];
    expect(loginBody.schema.required).toEqual(['login', 'password']);
  });

  it('/api/docs serves the browsable page', async () => {
    const response = await t.api('GET', '/api/docs/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('errors in the contract shape', () => {
  it('broken JSON is 400 invalid, never 500', async () => {
    const response = await t.api('POST', '/api/v1/auth/login', {
      body: '{"login": "admin", "password": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: { code: 'invalid', message: 'Тело запроса не является корректным JSON', details: [] },
    });
  });

  it('a body that is not an object is 422 with details', async () => {
    const response = await t.api('POST', '/api/v1/auth/login', { body: [1, 2] });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('invalid');
  });

  it('a too large body is 413 too_large', async () => {
    const response = await t.api('POST', '/api/v1/auth/login', {
      body: { login: 'admin', password: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('too_large');
  });

  it('an unknown API route is a JSON 404 even with a session', async () => {
    const response = await t.api('GET', '/api/v1/nothing-here', { cookie: admin });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toEqual({
      code: 'not_found',
      message: 'Адрес не найден',
      details: [],
    });
  });

  it('a path id that cannot name a record (not a number, past bigint) is 404', async () => {
    for (const id of ['abc', '9999999999999999999', '0']) {
      const response = await t.api('GET', `/api/v1/orgs/${id}`, { cookie: admin });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
  });

  it('API routes other than sign-in and health need a session', async () => {
    const response = await t.api('GET', '/api/v1/orgs/1');
    expect(response.statusCode).toBe(401);
  });

  it('without a session an invalid body is 401, not a validation error', async () => {
    const response = await t.api('POST', '/api/v1/orgs', { body: { code: '' } });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthenticated');
  });
});

describe('audit log', () => {
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const { db } = t.database;
    await expect(sql`update audit_log set action = 'x'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db);
    expect(rows[0]?.n).toBeGreaterThan(0);
  });
});
