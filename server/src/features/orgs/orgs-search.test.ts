import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let viewerTerrA: string;

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  await t.api('PATCH', `/api/v1/orgs/${tree.orgs.primaryA2.id}`, {
    cookie: tree.admin,
    body: { eduOrg: { name: 'МБОУ СОШ № 2', inn: '7736050003' } },
  });
  await t.api('PATCH', `/api/v1/orgs/${tree.orgs.primaryB1.id}`, {
    cookie: tree.admin,
    body: { isLegalEntity: true, inn: '7707083893' },
  });
  await tree.user('viewer.ta', 'viewer', tree.orgs.terrA.id);
  viewerTerrA = await t.login('viewer.ta');
});
afterAll(() => t.close());

const search = async (query: string, cookie = tree.admin) => {
  const response = await t.api('GET', `/api/v1/orgs?${query}`, { cookie });
  expect(response.statusCode).toBe(200);
  return response.json().items.map((o: { code: string }) => o.code);
};

describe('org search', () => {
  it('finds by words of the name in any order and case, ё as е', async () => {
    expect(await search(`q=${encodeURIComponent('школы ппо')}`)).toEqual(['P-A1', 'P-A2']);
    expect(await search(`q=${encodeURIComponent('ДЕТСКОГО')}`)).toEqual(['P-B1']);
  });

  it('finds by exact code', async () => {
    expect(await search('q=T-B')).toEqual(['T-B']);
  });

  it('finds by the union org INN and by the education org INN', async () => {
    expect(await search('q=7707083893')).toEqual(['P-B1']);
    expect(await search('q=7736050003')).toEqual(['P-A2']);
  });

  it('never returns orgs outside the caller subtree', async () => {
    expect(await search(`q=${encodeURIComponent('ппо')}`, viewerTerrA)).toEqual(['P-A1', 'P-A2']);
    expect(await search('q=7707083893', viewerTerrA)).toEqual([]);
  });

  it('under= narrows to a subtree, and one outside the scope is 404', async () => {
    expect(await search(`q=${encodeURIComponent('ппо')}&under=${tree.orgs.regionB.id}`)).toEqual([
      'P-B1',
    ]);
    const response = await t.api('GET', `/api/v1/orgs?under=${tree.orgs.regionB.id}`, {
      cookie: viewerTerrA,
    });
    expect(response.statusCode).toBe(404);
  });

  it('filters by level and pages with a cursor', async () => {
    const first = await t.api('GET', '/api/v1/orgs?level=primary&limit=2', { cookie: tree.admin });
    expect(first.json().items).toHaveLength(2);
    const second = await t.api(
      'GET',
      `/api/v1/orgs?level=primary&limit=2&cursor=${first.json().nextCursor}`,
      { cookie: tree.admin },
    );
    expect(second.json().items.map((o: { code: string }) => o.code)).toEqual(['P-A2']);
  });

  it('% and _ in a query are literal characters', async () => {
    expect(await search(`q=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await search('q=_')).toEqual([]);
  });
});
