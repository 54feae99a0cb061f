import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { errorCodes, errorStatus } from '@profreestr/contracts';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { components, paths } from '../../test/generated/openapi.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../test/test-app.js';
import { buildTree } from '../../test/tree-fixture.js';
import { startMemberSession } from '../features/sessions/member-sessions.js';
import { openApiTypes, openApiTypesFile } from '../tools/openapi-types.js';
import { operationIdOf } from './openapi.js';

const WEBHOOK_TOKEN = 'openapi-webhook-token-0123456789';

// The document integrators build on, proven against the running server: its types drive a
// real client, and every operation's security and documented errors are what the server does.

type Parameter = { in: string; name: string };
type Operation = {
  operationId: string;
  security: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
};

let t: TestApp;
let baseUrl: string;
let document: Document;
let operations: { method: string; path: string; operation: Operation }[];

beforeAll(async () => {
  t = await createTestApp({ mail: { webhookToken: WEBHOOK_TOKEN } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  document = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as Document;
  operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method, path, operation })),
  );
});
afterAll(() => t.close());

/** The contract's error body, with the code that belongs to the status. */
function expectContractError(status: number, body: unknown, code: keyof typeof errorStatus) {
  expect(status).toBe(errorStatus[code]);
  expect(body).toEqual({
    error: { code, message: expect.stringMatching(/[а-яё]/i), details: expect.any(Array) },
  });
}

/** A URL of the operation with every path parameter set to `value`. */
const urlOf = (path: string, value: string) => path.replace(/\{[^}]+\}/g, value);

describe('the OpenAPI document', () => {
  it('is the one the tests are compiled against (else run `npm run openapi`)', async () => {
    const onDisk = await readFile(openApiTypesFile, 'utf8').catch(() => 'missing');
    expect(onDisk, 'server/test/generated/openapi.d.ts is stale: npm run openapi').toBe(
      await openApiTypes(document),
    );
  });

  it('drives a real flow through a typed client: sign in, create an org and a member, read it', async () => {
    const anonymous = createClient<paths>({ baseUrl });
    const signIn = await anonymous.POST('/api/v1/auth/login', {
      body: { login: 'admin', password: ADMIN_PASSWORD },
    });
    expect(signIn.response.status).toBe(200);
    const cookie = signIn.response.headers
      .getSetCookie()
      .find((c) => c.startsWith('prf_session='))
      ?.split(';')[0];
    expect(cookie).toBeDefined();
    const api = createClient<paths>({ baseUrl, headers: { cookie } });

    let parentId = signIn.data?.user.orgId ?? '';
    for (const level of ['regional', 'territorial', 'primary'] as const) {
      const { data, response } = await api.POST('/api/v1/orgs', {
        body: { code: `OA-${level}`, level, parentId, name: `Организация для OpenAPI: ${level}` },
      });
      expect(response.status).toBe(201);
      parentId = data?.id ?? '';
    }
    const created = await api.POST('/api/v1/members', {
      body: {
        orgId: parentId,
        lastName: 'Проверкина',
        firstName: 'Ольга',
        birthDate: '1990-05-17',
      },
    });
    expect(created.response.status).toBe(201);
    expect(created.data?.cardNumber).toMatch(/^\d{16}$/);

    const read = await api.GET('/api/v1/members/{id}', {
      params: { path: { id: created.data?.id ?? '' } },
    });
    expect(read.data).toEqual(created.data);
    expect(read.data?.lastName).toBe('Проверкина');

    // A versioned edit as the document describes it: ETag → If-Match; a stale one → 412.
    const etag = read.response.headers.get('etag') ?? '';
    expect(etag).toBe(`"${read.data?.version}"`);
    const path = { path: { id: created.data?.id ?? '' } };
    const edited = await api.PATCH('/api/v1/members/{id}', {
      params: { ...path, header: { 'if-match': etag } },
      body: { workplace: 'Школа № 1' },
    });
    expect(edited.response.status).toBe(200);
    const stale = await api.PATCH('/api/v1/members/{id}', {
      params: { ...path, header: { 'if-match': etag } },
      body: { workplace: 'Школа № 2' },
    });
    expect(stale.response.status).toBe(412);
    expect(stale.error?.error.code).toBe('conflict');
    expect(Object.keys(document.paths['/api/v1/members/{id}']?.patch?.responses ?? {})).toContain(
      '412',
    );
  });

  it('gives the typed client its errors in the contract shape: 422, 404, 401', async () => {
    const anonymous = createClient<paths>({ baseUrl });
    const wrongPassword = await anonymous.POST('/api/v1/auth/login', {
      body: { login: 'admin', password: 'not-the-password' },
    });
    expectContractError(wrongPassword.response.status, wrongPassword.error, 'unauthenticated');

    const api = createClient<paths>({ baseUrl, headers: { cookie: await t.login('admin') } });
    const invalid = await api.POST('/api/v1/members', {
      body: { orgId: '1', lastName: 'Проверкина', firstName: 'Ольга', birthDate: '1990-02-30' },
    });
    expectContractError(invalid.response.status, invalid.error, 'invalid');
    const error: components['schemas']['Error'] | undefined = invalid.error;
    expect(error?.error.details).toEqual([{ field: 'birthDate', message: expect.any(String) }]);

    const missing = await api.GET('/api/v1/members/{id}', {
      params: { path: { id: '999999999' } },
    });
    expectContractError(missing.response.status, missing.error, 'not_found');
    // A record named in the query is a 404 too, as the document says.
    const missingOrg = await api.GET('/api/v1/members', {
      params: { query: { under: '999999999' } },
    });
    expectContractError(missingOrg.response.status, missingOrg.error, 'not_found');
    expect(Object.keys(document.paths['/api/v1/members']?.get?.responses ?? {})).toContain('404');
  });

  it('names every operation once, from its method and path unless the route names it', () => {
    const ids = operations.map((o) => o.operation.operationId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(document.paths['/api/v1/members/{id}']?.get?.operationId).toBe('getMembersById');
    expect(document.paths['/api/v1/auth/login']?.post?.operationId).toBe('postAuthLogin');
    expect(operationIdOf('get', '/api/v1/orgs/{id}/short-passport.pdf')).toBe(
      'getOrgsByIdShortPassportPdf',
    );
    expect(operationIdOf('delete', '/api/v1/orgs/{id}/staff/{partId}')).toBe(
      'deleteOrgsByIdStaffByPartId',
    );
  });

  it('declares the session cookies (staff, member), partners’ bearer keys and the mail webhook’s token', () => {
    expect(document.components.securitySchemes).toEqual({
      sessionCookie: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'prf_session' }),
      memberSession: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'prf_member' }),
      bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      mailWebhook: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    const schemes = new Set(
      operations.flatMap((o) => o.operation.security.flatMap((s) => Object.keys(s))),
    );
    expect([...schemes].sort()).toEqual([
      'bearerAuth',
      'mailWebhook',
      'memberSession',
      'sessionCookie',
    ]);
  });

  it('describes every error with the contract’s error body', () => {
    const error = document.components.schemas.Error as {
      properties: { error: { properties: { code: { enum: string[] } } } };
    };
    expect(error.properties.error.properties.code.enum).toEqual([...errorCodes]);
    for (const { method, path, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        expect(response.content, `${method} ${path} ${status}`).toEqual({
          'application/json': { schema: { $ref: '#/components/schemas/Error' } },
        });
      }
    }
  });

  it('asks for a session exactly where the server refuses a caller without one', async () => {
    for (const { method, path, operation } of operations) {
      const response = await t.api(method.toUpperCase() as 'GET', urlOf(path, '1'), {
        ...(operation.requestBody ? { body: {} } : {}),
      });
      const where = `${method} ${path}`;
      if (operation.security.length > 0) {
        expect(response.statusCode, where).toBe(401);
        expectContractError(response.statusCode, response.json(), 'unauthenticated');
        expect(operation.responses, where).toHaveProperty('401');
      } else {
        expect(response.statusCode, where).not.toBe(401);
      }
    }
  });

  it('answers the documented 404 for a path naming no record, and 422 for refused input', async () => {
    const staffCookie = await t.login('admin');
    // The cabinet's routes answer a member's own session.
    const tree = await buildTree(t);
    const created = await t.api('POST', '/api/v1/members', {
      cookie: staffCookie,
      body: { orgId: tree.orgs.primaryA1.id, lastName: 'Документова', firstName: 'Анна' },
    });
    const memberId: string | undefined = created.json().id;
    const memberCookie = memberId
      ? `prf_member=${(await startMemberSession(t.database.db, memberId, { ip: null, userAgent: null, now: new Date() })).token}`
      : '';
    // A PROFCARDS partner's routes answer its API key.
    const partner = await t.api('POST', '/api/v1/partners', {
      cookie: staffCookie,
      body: { name: 'Партнёр документа', cashbackPercent: 3.5 },
    });
    const partnerKey: string = partner.json().apiKey;
    let checked404 = 0;
    let checked422 = 0;
    for (const { method, path, operation } of operations) {
      const where = `${method} ${path}`;
      // The mail webhook answers its own token, not the session.
      const webhook = operation.security.some((s) => 'mailWebhook' in s);
      const bearer = operation.security.some((s) => 'bearerAuth' in s);
      const cookie = operation.security.some((s) => 'memberSession' in s)
        ? memberCookie
        : staffCookie;
      const call = (url: string, body?: unknown) =>
        t.api(method.toUpperCase() as 'GET', url, {
          cookie,
          body,
          ...(webhook ? { headers: { authorization: `Bearer ${WEBHOOK_TOKEN}` } } : {}),
          ...(bearer ? { headers: { authorization: `Bearer ${partnerKey}` } } : {}),
        });
      const query = operation.parameters?.find((p) => p.in === 'query');
      // A card check names no record: a malformed number is a 422 like any refused input.
      if (path.includes('{') && !path.startsWith('/api/v1/partner/cards/')) {
        expect(operation.responses, where).toHaveProperty('404');
        const response = await call(urlOf(path, 'x'), operation.requestBody ? {} : undefined);
        expect(response.statusCode, where).toBe(404);
        expectContractError(response.statusCode, response.json(), 'not_found');
        checked404++;
      }
      if (operation.requestBody || query) {
        expect(operation.responses, where).toHaveProperty('422');
        // An unknown field in a body, a control character in a query parameter.
        const response = operation.requestBody
          ? await call(urlOf(path, '1'), { notAFieldOfTheContract: 1 })
          : await call(`${urlOf(path, '1')}?${query?.name}=%01`);
        expect(response.statusCode, where).toBe(422);
        expectContractError(response.statusCode, response.json(), 'invalid');
        checked422++;
      }
    }
    // The walk covered the document, not an empty list.
    expect(checked404).toBeGreaterThan(20);
    expect(checked422).toBeGreaterThan(20);
  });
});
