import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let editorTerrA: string;
let editorTerrB: string;
let editorRegionA: string;

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  await tree.user('editor.ta', 'editor', tree.orgs.terrA.id);
  await tree.user('editor.tb', 'editor', tree.orgs.terrB.id);
  await tree.user('editor.ra', 'editor', tree.orgs.regionA.id);
  editorTerrA = await t.login('editor.ta');
  editorTerrB = await t.login('editor.tb');
  editorRegionA = await t.login('editor.ra');
});
afterAll(() => t.close());

const get = (id: string, cookie: string) => t.api('GET', `/api/v1/orgs/${id}`, { cookie });

describe('moving a subtree', () => {
  it('scopes follow at once: the old parent editor gets 404, the new one sees the subtree', async () => {
    // A second territorial org in region A, with its own primary, moves to region B.
    const create = (body: object) => t.api('POST', '/api/v1/orgs', { cookie: tree.admin, body });
    const terrA2 = (
      await create({
        code: 'T-A2',
        level: 'territorial',
        parentId: tree.orgs.regionA.id,
        name: 'ТО А2',
      })
    ).json();
    const primary = (
      await create({ code: 'P-A2-1', level: 'primary', parentId: terrA2.id, name: 'ППО лицея' })
    ).json();
    expect((await get(primary.id, editorRegionA)).statusCode).toBe(200);

    const moved = await t.api('POST', `/api/v1/orgs/${terrA2.id}/move`, {
      cookie: tree.admin,
      body: { parentId: tree.orgs.regionB.id },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().parentId).toBe(tree.orgs.regionB.id);

    expect((await get(terrA2.id, editorRegionA)).statusCode).toBe(404);
    expect((await get(primary.id, editorRegionA)).statusCode).toBe(404);
    const regionBEditor = await tree.user('editor.rb', 'editor', tree.orgs.regionB.id);
    expect(regionBEditor.id).toBeTruthy();
    const editorRegionB = await t.login('editor.rb');
    expect((await get(primary.id, editorRegionB)).statusCode).toBe(200);
    const crumbs = await t.api('GET', `/api/v1/orgs/${primary.id}/ancestors`, {
      cookie: editorRegionB,
    });
    expect(crumbs.json().items.map((o: { id: string }) => o.id)).toEqual([
      tree.orgs.regionB.id,
      terrA2.id,
      primary.id,
    ]);
  });

  it('an editor cannot move an org into a parent outside their subtree: 404', async () => {
    const response = await t.api('POST', `/api/v1/orgs/${tree.orgs.primaryA2.id}/move`, {
      cookie: editorTerrA,
      body: { parentId: tree.orgs.terrB.id },
    });
    expect(response.statusCode).toBe(404);
  });

  it('an org cannot move inside its own subtree', async () => {
    const response = await t.api('POST', `/api/v1/orgs/${tree.orgs.regionA.id}/move`, {
      cookie: tree.admin,
      body: { parentId: tree.orgs.terrA.id },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0].message).toBe(
      'Нельзя перенести организацию внутрь её собственного поддерева',
    );
  });

  it('the level rule holds for the new parent', async () => {
    const response = await t.api('POST', `/api/v1/orgs/${tree.orgs.terrA.id}/move`, {
      cookie: tree.admin,
      body: { parentId: tree.orgs.terrB.id },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0].field).toBe('parentId');
  });

  it('a primary can move between territorial orgs of the editor subtree', async () => {
    const create = await t.api('POST', '/api/v1/orgs', {
      cookie: editorRegionA,
      body: { code: 'T-A3', level: 'territorial', parentId: tree.orgs.regionA.id, name: 'ТО А3' },
    });
    const response = await t.api('POST', `/api/v1/orgs/${tree.orgs.primaryA2.id}/move`, {
      cookie: editorRegionA,
      body: { parentId: create.json().id },
    });
    expect(response.statusCode).toBe(200);
    expect((await get(tree.orgs.primaryA2.id, editorTerrA)).statusCode).toBe(404);
  });
});

describe('merging primaries', () => {
  it('the source becomes liquidated and points at the target; both histories tell it', async () => {
    const create = (code: string) =>
      t.api('POST', '/api/v1/orgs', {
        cookie: editorTerrB,
        body: { code, level: 'primary', parentId: tree.orgs.terrB.id, name: `ППО ${code}` },
      });
    const source = (await create('M-1')).json();
    const target = (await create('M-2')).json();
    const response = await t.api('POST', `/api/v1/orgs/${source.id}/merge`, {
      cookie: editorTerrB,
      body: { intoId: target.id, on: '2025-09-01' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().id).toBe(target.id);

    const merged = (await get(source.id, editorTerrB)).json();
    expect(merged).toMatchObject({
      status: 'liquidated',
      liquidatedOn: '2025-09-01',
      mergedIntoId: target.id,
    });
    const history = await t.api('GET', `/api/v1/orgs/${target.id}/history`, {
      cookie: editorTerrB,
    });
    expect(history.json().items[0]).toMatchObject({
      action: 'merge',
      actor: { login: 'editor.tb' },
    });
    expect(history.json().items[0].note).toContain('код M-1');
  });

  it('only primaries merge', async () => {
    const response = await t.api('POST', `/api/v1/orgs/${tree.orgs.terrA.id}/merge`, {
      cookie: tree.admin,
      body: { intoId: tree.orgs.terrB.id },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toBe('Объединяются только первичные организации');
  });

  it('a target outside the editor subtree is 404', async () => {
    const response = await t.api('POST', `/api/v1/orgs/${tree.orgs.primaryB1.id}/merge`, {
      cookie: editorTerrB,
      body: { intoId: tree.orgs.primaryA1.id },
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('liquidation', () => {
  it('is refused while active orgs remain below', async () => {
    const response = await t.api('POST', `/api/v1/orgs/${tree.orgs.terrB.id}/liquidate`, {
      cookie: tree.admin,
      body: { on: '2025-01-01' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toMatch(/^Есть действующие подчинённые организации/);
  });

  it('a liquidated org stays visible, marked, and can no longer be edited', async () => {
    const response = await t.api('POST', `/api/v1/orgs/${tree.orgs.primaryB1.id}/liquidate`, {
      cookie: editorTerrB,
      body: { on: '2025-06-30', note: 'Школа закрыта' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'liquidated', liquidatedOn: '2025-06-30' });
    const read = await get(tree.orgs.primaryB1.id, editorTerrB);
    expect(read.statusCode).toBe(200);
    const edit = await t.api('PATCH', `/api/v1/orgs/${tree.orgs.primaryB1.id}`, {
      cookie: editorTerrB,
      body: { duesRate: 1 },
    });
    expect(edit.statusCode).toBe(409);
    const again = await t.api('POST', `/api/v1/orgs/${tree.orgs.primaryB1.id}/liquidate`, {
      cookie: editorTerrB,
      body: { on: '2025-06-30' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('a date in the future is refused', async () => {
    const response = await t.api('POST', `/api/v1/orgs/${tree.orgs.primaryA1.id}/liquidate`, {
      cookie: tree.admin,
      body: { on: '2999-01-01' },
    });
    expect(response.statusCode).toBe(422);
  });

  it('a viewer may not liquidate: 403', async () => {
    await tree.user('viewer.ta', 'viewer', tree.orgs.terrA.id);
    const viewer = await t.login('viewer.ta');
    const response = await t.api('POST', `/api/v1/orgs/${tree.orgs.primaryA1.id}/liquidate`, {
      cookie: viewer,
      body: { on: '2025-01-01' },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('change history', () => {
  it('shows who changed what, old → new, newest first, for edits by two users', async () => {
    const id = tree.orgs.primaryA1.id;
    await t.api('PATCH', `/api/v1/orgs/${id}`, { cookie: editorTerrA, body: { duesRate: 1 } });
    await t.api('PATCH', `/api/v1/orgs/${id}`, {
      cookie: editorRegionA,
      body: { duesRate: 1.5, chairman: { lastName: 'Лебедева' } },
    });
    const response = await t.api('GET', `/api/v1/orgs/${id}/history?limit=2`, {
      cookie: editorTerrA,
    });
    expect(response.statusCode).toBe(200);
    const [latest, previous] = response.json().items;
    expect(latest).toMatchObject({
      action: 'update',
      actor: { login: 'editor.ra' },
      changes: expect.arrayContaining([
        { field: 'duesRate', old: 1, new: 1.5 },
        { field: 'chairman', old: null, new: expect.objectContaining({ lastName: 'Лебедева' }) },
      ]),
    });
    expect(previous).toMatchObject({
      action: 'update',
      actor: { login: 'editor.ta' },
      changes: [{ field: 'duesRate', old: null, new: 1 }],
    });
    expect(Date.parse(latest.at)).toBeGreaterThanOrEqual(Date.parse(previous.at));
    expect(response.json().nextCursor).toEqual(expect.any(String));
    const rest = await t.api(
      'GET',
      `/api/v1/orgs/${id}/history?cursor=${response.json().nextCursor}`,
      { cookie: editorTerrA },
    );
    expect(rest.json().items.at(-1).action).toBe('create');
  });

  it('a PATCH that changes nothing adds no history entry', async () => {
    const id = tree.orgs.primaryA1.id;
    const before = await t.api('GET', `/api/v1/orgs/${id}/history`, { cookie: editorTerrA });
    await t.api('PATCH', `/api/v1/orgs/${id}`, { cookie: editorTerrA, body: { duesRate: 1.5 } });
    const after = await t.api('GET', `/api/v1/orgs/${id}/history`, { cookie: editorTerrA });
    expect(after.json().items.length).toBe(before.json().items.length);
  });

  it('history of an org outside the scope is 404', async () => {
    const response = await t.api('GET', `/api/v1/orgs/${tree.orgs.primaryA1.id}/history`, {
      cookie: editorTerrB,
    });
    expect(response.statusCode).toBe(404);
  });
});
