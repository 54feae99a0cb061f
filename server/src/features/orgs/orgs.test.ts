import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';
import { auditTrailOf } from '../audit/audit.service.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let chairA1: string;
let viewerTerrA: string;
let editorRegionA: string;

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  await tree.user('chair.a1', 'editor', tree.orgs.primaryA1.id);
  await tree.user('viewer.ta', 'viewer', tree.orgs.terrA.id);
  await tree.user('editor.ra', 'editor', tree.orgs.regionA.id);
  chairA1 = await t.login('chair.a1');
  viewerTerrA = await t.login('viewer.ta');
  editorRegionA = await t.login('editor.ra');
});
afterAll(() => t.close());

describe('reading organizations within the subtree', () => {
  it('chairman of primary A1 reads their own org with the full passport shape', async () => {
    const response = await t.api('GET', `/api/v1/orgs/${tree.orgs.primaryA1.id}`, {
      cookie: chairA1,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: tree.orgs.primaryA1.id,
      code: 'P-A1',
      parentId: tree.orgs.terrA.id,
      level: 'primary',
      name: 'ППО школы № 1',
      shortName: null,
      status: 'active',
      isLegalEntity: false,
      inn: null,
      ogrn: null,
      duesRate: null,
      isSmall: null,
      hasCommittee: null,
      foundedOn: null,
      chairman: null,
      eduOrg: null,
      contacts: {
        legalAddress: null,
        actualAddress: null,
        phone: null,
        email: null,
        website: null,
      },
      memberCount: 0,
      childCount: 0,
      liquidatedOn: null,
      mergedIntoId: null,
      version: expect.any(Number),
    });
  });

  it('chairman of A1 gets 404 for sibling primary A2, exactly as for a missing id', async () => {
    const sibling = await t.api('GET', `/api/v1/orgs/${tree.orgs.primaryA2.id}`, {
      cookie: chairA1,
    });
    const missing = await t.api('GET', '/api/v1/orgs/999999', { cookie: chairA1 });
    expect(sibling.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(sibling.json()).toEqual(missing.json());
    expect(sibling.json().error).toEqual({
      code: 'not_found',
      message: 'Организация не найдена',
      details: [],
    });
  });

  it('chairman of A1 gets 404 for the parent territorial org and another branch', async () => {
    for (const id of [tree.orgs.terrA.id, tree.orgs.primaryB1.id, tree.centralId]) {
      const response = await t.api('GET', `/api/v1/orgs/${id}`, { cookie: chairA1 });
      expect(response.statusCode).toBe(404);
    }
  });

  it('a territorial viewer reads descendants but not the region above', async () => {
    const below = await t.api('GET', `/api/v1/orgs/${tree.orgs.primaryA2.id}`, {
      cookie: viewerTerrA,
    });
    const above = await t.api('GET', `/api/v1/orgs/${tree.orgs.regionA.id}`, {
      cookie: viewerTerrA,
    });
    expect(below.statusCode).toBe(200);
    expect(above.statusCode).toBe(404);
  });

  it('children come sorted by name with keyset pages', async () => {
    const first = await t.api('GET', `/api/v1/orgs/${tree.orgs.terrA.id}/children?limit=1`, {
      cookie: viewerTerrA,
    });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((o: { code: string }) => o.code)).toEqual(['P-A1']);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const second = await t.api(
      'GET',
      `/api/v1/orgs/${tree.orgs.terrA.id}/children?limit=1&cursor=${page1.nextCursor}`,
      { cookie: viewerTerrA },
    );
    expect(second.json().items.map((o: { code: string }) => o.code)).toEqual(['P-A2']);
    expect(second.json().nextCursor).toBeNull();
  });

  it('childCount tells the tree where to offer expansion', async () => {
    const response = await t.api('GET', `/api/v1/orgs/${tree.centralId}/children`, {
      cookie: tree.admin,
    });
    expect(response.json().items.map((o: { childCount: number }) => o.childCount)).toEqual([1, 1]);
  });

  it('children of an org outside the scope are 404', async () => {
    const response = await t.api('GET', `/api/v1/orgs/${tree.orgs.terrB.id}/children`, {
      cookie: viewerTerrA,
    });
    expect(response.statusCode).toBe(404);
  });

  it('a tampered cursor is a 400 with a field detail, not a 500', async () => {
    const response = await t.api('GET', `/api/v1/orgs/${tree.orgs.terrA.id}/children?cursor=abc`, {
      cookie: viewerTerrA,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toEqual([
      { field: 'cursor', message: 'Некорректный курсор страницы' },
    ]);
  });

  it('breadcrumbs stop at the caller own root', async () => {
    const response = await t.api('GET', `/api/v1/orgs/${tree.orgs.primaryA2.id}/ancestors`, {
      cookie: viewerTerrA,
    });
    expect(response.json().items.map((o: { id: string }) => o.id)).toEqual([
      tree.orgs.terrA.id,
      tree.orgs.primaryA2.id,
    ]);
  });

  it('every passport read is written to the audit log', async () => {
    await t.api('GET', `/api/v1/orgs/${tree.orgs.primaryB1.id}`, { cookie: tree.admin });
    const trail = await auditTrailOf(t.database.db, 'org', tree.orgs.primaryB1.id);
    expect(trail[0]).toMatchObject({ action: 'org.read', actor_login: 'admin', result: 'ok' });
  });
});

describe('creating organizations', () => {
  it('a viewer gets 403 when creating an org under a visible parent', async () => {
    const response = await t.api('POST', '/api/v1/orgs', {
      cookie: viewerTerrA,
      body: { code: 'P-X', level: 'primary', parentId: tree.orgs.terrA.id, name: 'ППО X' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('forbidden');
  });

  it('an editor of region A creates a primary under territorial A, but gets 404 under region B', async () => {
    const ok = await t.api('POST', '/api/v1/orgs', {
      cookie: editorRegionA,
      body: { code: 'P-A3', level: 'primary', parentId: tree.orgs.terrA.id, name: 'ППО колледжа' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      code: 'P-A3',
      parentId: tree.orgs.terrA.id,
      level: 'primary',
    });
    const outside = await t.api('POST', '/api/v1/orgs', {
      cookie: editorRegionA,
      body: { code: 'P-B9', level: 'primary', parentId: tree.orgs.terrB.id, name: 'ППО Б' },
    });
    expect(outside.statusCode).toBe(404);
  });

  it('a child level must fit under the parent level', async () => {
    const response = await t.api('POST', '/api/v1/orgs', {
      cookie: tree.admin,
      body: { code: 'R-X', level: 'regional', parentId: tree.orgs.terrA.id, name: 'Не туда' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details).toEqual([
      {
        field: 'level',
        message: 'В организацию уровня «Территориальная» входят только: первичная',
      },
    ]);
  });

  it('a primary may sit directly under a regional org', async () => {
    const response = await t.api('POST', '/api/v1/orgs', {
      cookie: tree.admin,
      body: {
        code: 'P-UNI',
        level: 'primary',
        parentId: tree.orgs.regionB.id,
        name: 'ППО университета',
      },
    });
    expect(response.statusCode).toBe(201);
  });

  it('a duplicate code is 409 conflict naming the field', async () => {
    const response = await t.api('POST', '/api/v1/orgs', {
      cookie: tree.admin,
      body: { code: 'P-A1', level: 'primary', parentId: tree.orgs.terrA.id, name: 'Дубль' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({
      code: 'conflict',
      details: [{ field: 'code', message: 'Организация с таким кодом уже есть' }],
    });
  });

  it('validation errors carry a Russian message per field', async () => {
    const response = await t.api('POST', '/api/v1/orgs', {
      cookie: tree.admin,
      body: { code: '', level: 'district', parentId: 'x', name: '   ' },
    });
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body.error.code).toBe('invalid');
    const fields = body.error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['code', 'level', 'name', 'parentId']);
    for (const detail of body.error.details) expect(detail.message).toMatch(/[А-Яа-яЁё]/);
  });
});
