import type { Org, OrgSearchItem, TransferTarget } from '@profreestr/contracts';
import { todayIso } from '@profreestr/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let terrC: Org;
let viewerTerrA: string;
let chairA1: string;
let closed: Org;

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  const org = async (code: string, level: Org['level'], parentId: string, name: string) => {
    const response = await t.api('POST', '/api/v1/orgs', {
      cookie: tree.admin,
      body: { code, level, parentId, name },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Org;
  };
  terrC = await org('T-C', 'territorial', tree.orgs.regionA.id, 'Территориальная организация В');
  // Created in this order so that name order alone would put «№ 110» and «№ 118» first.
  await org('K-118', 'primary', tree.orgs.terrA.id, 'МБДОУ «Детский сад № 118»');
  await org('K-110', 'primary', tree.orgs.terrA.id, 'МБДОУ «Детский сад № 110»');
  await org('K-11A', 'primary', tree.orgs.terrA.id, 'МБДОУ «Детский сад № 11»');
  await org('K-11B', 'primary', tree.orgs.terrB.id, 'МБДОУ «Детский сад № 11»');
  await org('K-11C', 'primary', terrC.id, 'МБДОУ «Детский сад № 11»');
  await org('11', 'primary', terrC.id, 'ППО школы искусств');
  closed = await org('K-12', 'primary', tree.orgs.terrB.id, 'МБДОУ «Детский сад № 12»');
  const liquidated = await t.api('POST', `/api/v1/orgs/${closed.id}/liquidate`, {
    cookie: tree.admin,
    body: { on: todayIso() },
  });
  expect(liquidated.statusCode, liquidated.body).toBe(200);
  await tree.user('viewer.ta', 'viewer', tree.orgs.terrA.id);
  await tree.user('chair.a1', 'editor', tree.orgs.primaryA1.id);
  viewerTerrA = await t.login('viewer.ta');
  chairA1 = await t.login('chair.a1');
});
afterAll(() => t.close());

const search = async (query: string, cookie = tree.admin) => {
  const response = await t.api('GET', `/api/v1/orgs?${query}`, { cookie });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: OrgSearchItem[]; nextCursor: string | null };
};
const q = (text: string) => `q=${encodeURIComponent(text)}`;
const codes = (page: { items: { code: string }[] }) => page.items.map((o) => o.code);

describe('org search ranking', () => {
  it('an exact number ranks first: «11» and «сад 11» put every «№ 11» before «№ 110», «№ 118»', async () => {
    for (const text of ['сад 11', 'Детский сад № 11', 'детский САД 11']) {
      expect(codes(await search(q(text))), text).toEqual([
        'K-11A',
        'K-11B',
        'K-11C',
        'K-110',
        'K-118',
      ]);
    }
  });

  it('a code equal to the query ranks before names holding the number', async () => {
    expect(codes(await search(q('11')))).toEqual([
      '11',
      'K-11A',
      'K-11B',
      'K-11C',
      'K-110',
      'K-118',
    ]);
  });

  it('keyset pages keep the ranked order and cover the results once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof search>> = await search(
        `${q('сад 11')}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...codes(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['K-11A', 'K-11B', 'K-11C', 'K-110', 'K-118']);
  });

  it('each result names its regional and territorial parents, top first', async () => {
    const page = await search(q('сад 11'));
    const parents = Object.fromEntries(
      page.items.map((o) => [o.code, o.parents.map((p) => `${p.level}: ${p.name}`)]),
    );
    expect(parents['K-11A']).toEqual([
      'regional: Региональная организация А',
      'territorial: Территориальная организация А',
    ]);
    expect(parents['K-11B']).toEqual([
      'regional: Региональная организация Б',
      'territorial: Территориальная организация Б',
    ]);
    expect(parents['K-11C']).toEqual([
      'regional: Региональная организация А',
      'territorial: Территориальная организация В',
    ]);
  });

  it('parents outside the caller subtree are not named', async () => {
    const page = await search(q('сад 11'), viewerTerrA);
    expect(codes(page)).toEqual(['K-11A', 'K-110', 'K-118']);
    expect(page.items[0]?.parents).toEqual([
      { id: tree.orgs.terrA.id, name: 'Территориальная организация А', level: 'territorial' },
    ]);
  });
});

describe('transfer targets', () => {
  const targets = async (query: string, cookie = chairA1) => {
    const response = await t.api('GET', `/api/v1/orgs/transfer-targets?${query}`, { cookie });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: TransferTarget[]; nextCursor: string | null };
  };

  it('a primary chairman finds active primaries of other districts, by name and parents only', async () => {
    const page = await targets(q('сад 11'));
    expect(page.items.map((o) => o.parents.at(-1)?.name)).toEqual([
      'Территориальная организация А',
      'Территориальная организация Б',
      'Территориальная организация В',
      'Территориальная организация А',
      'Территориальная организация А',
    ]);
    expect(Object.keys(page.items[1] ?? {}).sort()).toEqual(['id', 'level', 'name', 'parents']);
  });

  it('liquidated primaries and other levels are no targets', async () => {
    expect((await targets(q('сад 12'))).items).toEqual([]);
    expect((await search(q('сад 12'))).items.map((o) => o.id)).toEqual([closed.id]);
    expect((await targets(q('Территориальная'))).items).toEqual([]);
  });

  it('a viewer, who transfers no one, gets 403', async () => {
    const response = await t.api('GET', `/api/v1/orgs/transfer-targets?${q('сад')}`, {
      cookie: viewerTerrA,
    });
    expect(response.statusCode).toBe(403);
  });
});
