import { type CardBatch, type MemberCards, todayIso } from '@profreestr/contracts';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putOnRecord } from '../../../test/member-fixture.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';
import { until } from '../../../test/until.js';
import { fillCardBatch, moveBatchCards } from './card-batches.service.js';

// The producer's batches through the API: the count shown first, the order (never a member
// twice, also under two orders at once), the job's chunks and their progress, the status moving
// the cards, the file read back, and who may do what.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let adminTerrA: string;
let chairA1: string;
let viewerTerrA: string;

const get = (cookie: string, url: string) => t.api('GET', `/api/v1${url}`, { cookie });
const post = (cookie: string, url: string, body: unknown = {}) =>
  t.api('POST', `/api/v1${url}`, { cookie, body });

const batchOf = async (id: string) =>
  (await get(tree.admin, `/card-batches/${id}`)).json() as CardBatch;
const filled = (id: string) =>
  until(
    () => batchOf(id),
    (b) => b.status !== 'filling',
  );

/** Members holding more than one live plastic card (none, ever). */
async function doubledMembers() {
  const { rows } = await sql<{ member_id: string }>`
    select member_id from cards where kind = 'plastic' and status <> 'blocked'
     group by member_id having count(*) > 1`.execute(t.database.db);
  return rows;
}

/** Active members of an org's subtree without a live plastic card. */
async function withoutCard(orgId: string) {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from members m, orgs o
     where o.id = ${orgId} and m.org_path like o.path || '%' and m.status = 'active'
       and not exists (select 1 from cards c where c.member_id = m.id and c.kind = 'plastic'
                         and c.status <> 'blocked')`.execute(t.database.db);
  return rows[0]?.n;
}

const onRecord = (orgId: string, lastName: string, extra: Record<string, unknown> = {}) =>
  putOnRecord(t, tree.admin, { orgId, lastName, firstName: 'Партия', ...extra });

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  const { orgs } = tree;
  await tree.user('batch-admin-ta', 'admin', orgs.terrA.id);
  await tree.user('batch-chair-a1', 'editor', orgs.primaryA1.id);
  await tree.user('batch-viewer-ta', 'viewer', orgs.terrA.id);
  adminTerrA = await t.login('batch-admin-ta');
  chairA1 = await t.login('batch-chair-a1');
  viewerTerrA = await t.login('batch-viewer-ta');
  for (const name of ['Альфа', 'Бета', 'Гамма']) await onRecord(orgs.primaryA1.id, name);
  for (const name of ['Дельта', 'Эпсилон']) await onRecord(orgs.primaryA2.id, name);
  for (const name of ['Зета', 'Эта', 'Тета', 'Йота']) await onRecord(orgs.primaryB1.id, name);
  // Off record: no card for them.
  const gone = await onRecord(orgs.primaryA1.id, 'Ушедшая');
  const off = await post(tree.admin, `/members/${gone.id}/deregister`, {
    on: todayIso(),
    reason: 'own_wish',
  });
  expect(off.statusCode).toBe(200);
});
afterAll(() => t.close());

describe('ordering a batch', () => {
  it('who may order: an admin of the subtree; an editor 403; another branch 404', async () => {
    const editor = await post(chairA1, '/card-batches', { under: tree.orgs.primaryA1.id });
    expect(editor.statusCode).toBe(403);
    const above = await post(adminTerrA, '/card-batches', { under: tree.orgs.regionA.id });
    expect(above.statusCode).toBe(404);
    const other = await get(adminTerrA, `/card-batches/preview?under=${tree.orgs.primaryB1.id}`);
    expect(other.statusCode).toBe(404);
    expect((await post(adminTerrA, '/card-batches', { under: 'abc' })).statusCode).toBe(422);
    expect((await post(adminTerrA, '/card-batches', {})).statusCode).toBe(422);
    expect(
      (await post(adminTerrA, '/card-batches', { under: tree.orgs.terrA.id, x: 1 })).statusCode,
    ).toBe(422);
  });

  it('shows the count first, orders every active member without a card, once', async () => {
    const preview = await get(adminTerrA, `/card-batches/preview?under=${tree.orgs.primaryA1.id}`);
    expect(preview.json()).toEqual({ count: 3 });
    const ordered = await post(adminTerrA, '/card-batches', { under: tree.orgs.primaryA1.id });
    expect(ordered.statusCode, ordered.body).toBe(201);
    expect(ordered.json().count).toBe(3);
    const batch = await filled(ordered.json().id);
    expect(batch).toMatchObject({
      status: 'ordered',
      count: 3,
      filled: 3,
      orgId: tree.orgs.primaryA1.id,
      orgName: tree.orgs.primaryA1.name,
      createdBy: 'batch-admin-ta',
    });
    expect(await withoutCard(tree.orgs.primaryA1.id)).toBe(0);
    // Again: nobody is left without a card.
    const again = await post(adminTerrA, '/card-batches', { under: tree.orgs.primaryA1.id });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.message).toMatch(/уже имеют/);
  });

  it('two orders at once over overlapping subtrees: no member gets two cards', async () => {
    const [a, b] = await Promise.all([
      post(adminTerrA, '/card-batches', { under: tree.orgs.terrA.id }),
      post(adminTerrA, '/card-batches', { under: tree.orgs.primaryA2.id }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    for (const s of statuses) expect([201, 409, 422]).toContain(s);
    for (const r of [a, b]) if (r.statusCode === 201) await filled(r.json().id);
    expect(await withoutCard(tree.orgs.terrA.id)).toBe(0);
    expect(await doubledMembers()).toEqual([]);
  });

  it('a batch still filling: an overlapping order, its file and its status wait (409)', async () => {
    // A batch whose job has not run yet (made in the database, no job sent).
    const { rows } = await sql<{ id: string }>`
      insert into card_batches (org_id, org_path, count, created_by)
      select id, path, 4, null from orgs where id = ${tree.orgs.regionB.id}
      returning id`.execute(t.database.db);
    const id = rows[0]?.id as string;
    const overlap = await post(tree.admin, '/card-batches', { under: tree.orgs.primaryB1.id });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.message).toMatch(/ещё формируется/);
    expect((await get(tree.admin, `/card-batches/${id}/file`)).statusCode).toBe(409);
    const moved = await post(tree.admin, `/card-batches/${id}/status`, { status: 'produced' });
    expect(moved.statusCode).toBe(409);

    // The job, in chunks of two members: progress after each, and a second run does nothing.
    await fillCardBatch(t.database.db, id, 2);
    expect(await batchOf(id)).toMatchObject({ status: 'ordered', count: 4, filled: 4 });
    await fillCardBatch(t.database.db, id, 2);
    expect(await batchOf(id)).toMatchObject({ count: 4, filled: 4 });
    expect(await withoutCard(tree.orgs.regionB.id)).toBe(0);
  });

  it('a killed job resumes from its saved position, not from the start', async () => {
    const members = [];
    for (const name of ['Каппа', 'Лямбда', 'Мю']) {
      members.push(await onRecord(tree.orgs.primaryB1.id, `Возобновлённая${name}`));
    }
    // Saved as if the first chunk (the first of them in the keyset order) had committed.
    const { rows } = await sql<{ id: string; first: string }>`
      with first as (
        select m.id, m.org_path, m.name_key from members m
         where m.id in (${sql.join(members.map((m) => m.id))})
         order by m.org_path, m.name_key, m.id limit 1)
      insert into card_batches (org_id, org_path, count, filled, fill_path, fill_name, fill_member)
      select o.id, o.path, 3, 1, first.org_path, first.name_key, first.id
        from orgs o, first where o.id = ${tree.orgs.primaryB1.id}
      returning id, fill_member as first`.execute(t.database.db);
    const { id, first } = rows[0] as { id: string; first: string };
    await fillCardBatch(t.database.db, id, 1);
    expect(await batchOf(id)).toMatchObject({ status: 'ordered', count: 3, filled: 3 });
    const { rows: carded } = await sql<{ member_id: string }>`
      select member_id from cards where batch_id = ${id} order by id`.execute(t.database.db);
    expect(carded.map((r) => r.member_id).sort()).toEqual(
      members
        .map((m) => m.id)
        .filter((m) => m !== first)
        .sort(),
    );
  });
});

describe('status and the producer’s file', () => {
  let batchId: string;

  beforeAll(async () => {
    for (const name of ['Ню', 'Кси']) await onRecord(tree.orgs.primaryA2.id, `Файлова${name}`);
    const ordered = await post(adminTerrA, '/card-batches', { under: tree.orgs.primaryA2.id });
    expect(ordered.statusCode, ordered.body).toBe(201);
    batchId = ordered.json().id;
    await filled(batchId);
  });

  it('lists batches of the subtree newest first (viewers too); one batch; bad ids 404', async () => {
    const list = await get(viewerTerrA, '/card-batches?limit=1');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items[0].id).toBe(batchId);
    const next = await get(viewerTerrA, `/card-batches?limit=1&cursor=${list.json().nextCursor}`);
    expect(next.json().items).toHaveLength(1);
    expect((await get(viewerTerrA, `/card-batches/${batchId}`)).statusCode).toBe(200);
    expect((await get(viewerTerrA, '/card-batches/99999999')).statusCode).toBe(404);
    expect((await get(viewerTerrA, '/card-batches/abc')).statusCode).toBe(404);
    // A viewer may not download the names, nor move the status.
    expect((await get(viewerTerrA, `/card-batches/${batchId}/file`)).statusCode).toBe(403);
    const moved = await post(viewerTerrA, `/card-batches/${batchId}/status`, {
      status: 'produced',
    });
    expect(moved.statusCode).toBe(403);
    // A batch of region B is none of theirs.
    const ofB = (await get(tree.admin, `/card-batches?under=${tree.orgs.regionB.id}`)).json();
    const bId = ofB.items[0].id as string;
    expect((await get(adminTerrA, `/card-batches/${bId}`)).statusCode).toBe(404);
  });

  it('the file: numbers 4-4-4-4, names as printed, the org, the region’s address', async () => {
    const patched = await t.api('PATCH', `/api/v1/orgs/${tree.orgs.regionA.id}`, {
      cookie: tree.admin,
      body: { contacts: { actualAddress: 'г. Энск, ул. Доставки, д. 1' } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const response = await get(adminTerrA, `/card-batches/${batchId}/file`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-disposition']).toContain('attachment');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    book.worksheets[0]?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows[0]).toEqual([
      'Номер карты',
      'Держатель (как на карте)',
      'Организация',
      'Регион',
      'Адрес доставки',
    ]);
    const body = rows.slice(1);
    expect(body).toHaveLength(2);
    for (const row of body) {
      expect(row[0]).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
      expect(row.slice(2)).toEqual([
        tree.orgs.primaryA2.name,
        tree.orgs.regionA.name,
        'г. Энск, ул. Доставки, д. 1',
      ]);
    }
    expect(body.map((r) => r[1]).sort()).toEqual(['ФАЙЛОВАКСИ ПАРТИЯ', 'ФАЙЛОВАНЮ ПАРТИЯ']);
    const { rows: audit } = await sql<{ action: string; details: Record<string, unknown> }>`
      select action, details from audit_log where target_type = 'card_batch'
        and target_id = ${batchId} and action like 'card_batch.export%' order by id`.execute(
      t.database.db,
    );
    expect(audit.map((a) => a.action)).toEqual(['card_batch.export', 'card_batch.export.end']);
    expect(audit[1]?.details).toMatchObject({ rows: 2, complete: true });
  });

  it('status moves only forward and moves its cards, dated', async () => {
    const skip = await post(adminTerrA, `/card-batches/${batchId}/status`, {
      status: 'delivered',
    });
    expect(skip.statusCode).toBe(409);
    const bad = await post(adminTerrA, `/card-batches/${batchId}/status`, { status: 'issued' });
    expect(bad.statusCode).toBe(422);
    const produced = await post(adminTerrA, `/card-batches/${batchId}/status`, {
      status: 'produced',
    });
    expect(produced.statusCode, produced.body).toBe(200);
    expect(produced.json()).toMatchObject({ status: 'produced' });
    expect(produced.json().producedAt).not.toBeNull();
    const twice = await post(adminTerrA, `/card-batches/${batchId}/status`, {
      status: 'produced',
    });
    expect(twice.statusCode).toBe(409);
    const delivered = await post(adminTerrA, `/card-batches/${batchId}/status`, {
      status: 'delivered',
    });
    expect(delivered.statusCode).toBe(200);
    const { rows } = await sql<{ status: string; produced_on: string; delivered_on: string }>`
      select distinct status, produced_on, delivered_on from cards
       where batch_id = ${batchId}`.execute(t.database.db);
    expect(rows).toEqual([
      { status: 'delivered', produced_on: todayIso(), delivered_on: todayIso() },
    ]);
    const back = await post(adminTerrA, `/card-batches/${batchId}/status`, { status: 'produced' });
    expect(back.statusCode).toBe(409);
  });

  it('a big batch’s cards move in chunks (the job), skipping blocked and later ones', async () => {
    const ofB = (await get(tree.admin, `/card-batches?under=${tree.orgs.regionB.id}`)).json();
    const big = ofB.items.find((b: CardBatch) => b.count === 4) as CardBatch;
    // One card lost before production: it stays blocked.
    const { rows } = await sql<{ id: string; member_id: string }>`
      select id, member_id from cards where batch_id = ${big.id} order by id limit 1`.execute(
      t.database.db,
    );
    const lost = rows[0] as { id: string; member_id: string };
    const blocked = await post(tree.admin, `/members/${lost.member_id}/cards/${lost.id}/block`, {
      reason: 'damaged',
    });
    expect(blocked.statusCode, blocked.body).toBe(200);
    // Marked produced as the route does for a big batch, then the job's work in chunks of one.
    await t.database.query(
      `update card_batches set status = 'produced', produced_at = now() where id = $1`,
      [big.id],
    );
    await moveBatchCards(t.database.db, big.id, 'produced', 1);
    const { rows: states } = await sql<{ status: string; n: number }>`
      select status, count(*)::int as n from cards where batch_id = ${big.id}
       group by status order by status`.execute(t.database.db);
    expect(states).toEqual([
      { status: 'blocked', n: 1 },
      { status: 'produced', n: 3 },
    ]);
    const view = (await get(tree.admin, `/members/${lost.member_id}/cards`)).json() as MemberCards;
    expect(view.items[0]).toMatchObject({ status: 'blocked', producedOn: null });
  });
});
