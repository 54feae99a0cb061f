import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { subtreeUpperBound } from '../../lib/tree-path.js';

// The producer's batches: ordering a subtree's cards in chunks, the batch's status moving its
// cards, and the pages of the producer's file.

type Db = Kysely<Database>;

/** Two admins ordering at once: the second waits, then sees the first batch. */
export async function lockCardBatches(db: Db) {
  await sql`lock table card_batches in share row exclusive mode`.execute(db);
}

/** A batch still filling whose subtree overlaps `path`'s (an ancestor's, a descendant's). */
export const findFillingOverlap = (db: Db, path: string) =>
  db
    .selectFrom('card_batches as b')
    .innerJoin('orgs as o', 'o.id', 'b.org_id')
    .select(['b.id', 'o.name as org_name'])
    .where('b.status', '=', 'filling')
    .where((eb) =>
      eb.or([
        eb(sql.val(path), 'like', sql<string>`b.org_path || '%'`),
        eb.and([eb('b.org_path', '>=', path), eb('b.org_path', '<', subtreeUpperBound(path))]),
      ]),
    )
    .executeTakeFirst();

/**
 * How many cards an order of the subtree would hold: its active members without a live
 * plastic card, and cards reissued there since the last batch (they join the next one).
 */
export async function countBatchCandidates(db: Db, path: string): Promise<number> {
  const upper = subtreeUpperBound(path);
  const { rows } = await sql<{ n: string }>`
    select (select count(*) from members m
             where m.org_path >= ${path} and m.org_path < ${upper} and m.status = 'active'
               and not exists (select 1 from cards c where c.member_id = m.id
                                 and c.kind = 'plastic' and c.status <> 'blocked'))
         + (select count(*) from cards c
             where c.batch_id is null and c.status = 'ordered'
               and c.org_path >= ${path} and c.org_path < ${upper}) as n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

export const insertBatch = (
  db: Db,
  row: { orgId: string; orgPath: string; count: number; userId: string },
) =>
  db
    .insertInto('card_batches')
    .values({
      org_id: row.orgId,
      org_path: row.orgPath,
      count: row.count,
      created_by: row.userId,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();

const batchColumns = [
  'b.id',
  'b.org_id',
  'b.org_path',
  'b.status',
  'b.count',
  'b.filled',
  'b.fill_path',
  'b.fill_name',
  'b.fill_member',
  'b.created_at',
  'b.produced_at',
  'b.delivered_at',
  'o.name as org_name',
  'u.login as created_login',
] as const;

const batches = (db: Db) =>
  db
    .selectFrom('card_batches as b')
    .innerJoin('orgs as o', 'o.id', 'b.org_id')
    .leftJoin('users as u', 'u.id', 'b.created_by')
    .select(batchColumns);

export const findBatch = (db: Db, id: string) =>
  batches(db).where('b.id', '=', id).executeTakeFirst();
export type BatchRow = NonNullable<Awaited<ReturnType<typeof findBatch>>>;

/** The batch row locked: a fill chunk, a status move, or both, one at a time. */
export const lockBatch = (db: Db, id: string) =>
  batches(db).where('b.id', '=', id).forUpdate('b').executeTakeFirst();

/** Batches ordered for orgs of the subtree, newest first. */
export const findBatches = (db: Db, path: string, beforeId: string | undefined, limit: number) =>
  batches(db)
    .where('b.org_path', '>=', path)
    .where('b.org_path', '<', subtreeUpperBound(path))
    .$if(beforeId !== undefined, (q) => q.where('b.id', '<', beforeId as string))
    .orderBy('b.id', 'desc')
    .limit(limit)
    .execute();

/** The advisory lock a chunk shares with changes of members' paths (migration 0019). */
const CARD_PATHS_LOCK = 190019;

/** Held by a fill chunk until it commits: no member's path changes under it unseen. */
export async function lockCardPaths(db: Db) {
  await sql`select pg_advisory_xact_lock(${CARD_PATHS_LOCK}::bigint)`.execute(db);
}

export interface FillPosition {
  path: string;
  name: string;
  memberId: string;
}

/**
 * One chunk of an order: the next `limit` active members of the subtree in the order of
 * members_path_idx (org path, name key, id), a plastic card for each without a live one.
 * Returns how many were ordered and the chunk's last member (null: the subtree is done).
 */
export async function fillChunk(
  db: Db,
  batch: { id: string; path: string; orderedOn: string },
  after: FillPosition | null,
  limit: number,
): Promise<{ ordered: number; last: FillPosition | null }> {
  const beyond = after
    ? sql`and (m.org_path, m.name_key, m.id) > (${after.path}, ${after.name}, ${after.memberId}::bigint)`
    : sql``;
  const { rows } = await sql<{
    ordered: number;
    org_path: string | null;
    name_key: string | null;
    id: string | null;
  }>`
    with chunk as (
      select m.id, m.org_path, m.name_key from members m
       where m.org_path >= ${batch.path} and m.org_path < ${subtreeUpperBound(batch.path)}
         ${beyond} and m.status = 'active'
       order by m.org_path, m.name_key, m.id
       limit ${limit}
    ), ordered as (
      -- A member holding a live plastic card is skipped by its unique index alone: no anti-join,
      -- whose plan the statistics of a table growing under the job would spoil (a seq scan of
      -- cards per member once the planner thinks it empty).
      insert into cards (member_id, kind, status, batch_id, org_path, ordered_on)
      select chunk.id, 'plastic', 'ordered', ${batch.id}::bigint, chunk.org_path,
             ${batch.orderedOn}::date
        from chunk
      on conflict do nothing
      returning 1
    )
    select (select count(*) from ordered)::int as ordered, last.*
      from (select 1) one
      left join (select org_path, name_key, id from chunk
                  order by org_path desc, name_key desc, id desc limit 1) last on true`.execute(db);
  const row = rows[0];
  return {
    ordered: Number(row?.ordered ?? 0),
    last:
      row?.id && row.org_path !== null && row.name_key !== null
        ? { path: row.org_path, name: row.name_key, memberId: row.id }
        : null,
  };
}

export async function saveFillProgress(
  db: Db,
  id: string,
  progress: { filled: number; at: FillPosition },
) {
  await db
    .updateTable('card_batches')
    .set({
      filled: progress.filled,
      fill_path: progress.at.path,
      fill_name: progress.at.name,
      fill_member: progress.at.memberId,
    })
    .where('id', '=', id)
    .execute();
}

/** Cards reissued in the subtree since its last batch join this one. */
export async function adoptReissuedCards(db: Db, batchId: string, path: string) {
  const result = await db
    .updateTable('cards')
    .set({ batch_id: batchId })
    .where('batch_id', 'is', null)
    .where('status', '=', 'ordered')
    .where('org_path', '>=', path)
    .where('org_path', '<', subtreeUpperBound(path))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function finishFilling(db: Db, id: string, count: number) {
  await db
    .updateTable('card_batches')
    .set({ status: 'ordered', count, fill_path: null, fill_name: null, fill_member: null })
    .where('id', '=', id)
    .execute();
}

export async function setBatchStatus(
  db: Db,
  id: string,
  status: 'produced' | 'delivered',
  userId: string,
) {
  await db
    .updateTable('card_batches')
    .set(
      status === 'produced'
        ? { status, produced_at: sql`now()`, produced_by: userId }
        : { status, delivered_at: sql`now()`, delivered_by: userId },
    )
    .where('id', '=', id)
    .execute();
}

/** The last card id of the batch's next chunk after `afterId` (null: no more). */
export async function chunkEnd(db: Db, batchId: string, afterId: string, limit: number) {
  const { rows } = await sql<{ last: string | null }>`
    select max(id) as last from (
      select id from cards where batch_id = ${batchId}::bigint and id > ${afterId}::bigint
       order by id limit ${limit}) chunk`.execute(db);
  return rows[0]?.last ?? null;
}

/**
 * The batch's cards in (afterId, lastId] still before `status` move there, dated: a card
 * delivered without being marked produced gets the produced date of the batch too.
 */
export async function moveCards(
  db: Db,
  range: { batchId: string; afterId: string; lastId: string },
  status: 'produced' | 'delivered',
  days: { producedOn: string; deliveredOn: string | null },
) {
  const result = await db
    .updateTable('cards')
    .set(
      status === 'produced'
        ? { status, produced_on: days.producedOn }
        : {
            status,
            produced_on: sql`coalesce(produced_on, ${days.producedOn}::date)`,
            delivered_on: days.deliveredOn,
          },
    )
    .where('batch_id', '=', range.batchId)
    .where('id', '>', range.afterId)
    .where('id', '<=', range.lastId)
    .where('status', 'in', status === 'produced' ? ['ordered'] : ['ordered', 'produced'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A page of the producer's file: the batch's cards (not blocked) with their holders. */
export const findFileRows = (db: Db, batchId: string, afterId: string, limit: number) =>
  db
    .selectFrom('cards as c')
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .select(['c.id', 'm.card_number', 'm.last_name', 'm.first_name', 'm.middle_name', 'm.org_id'])
    .select('c.org_path')
    .where('c.batch_id', '=', batchId)
    .where('c.id', '>', afterId)
    .where('c.status', '<>', 'blocked')
    .orderBy('c.id')
    .limit(limit)
    .execute();

/** Orgs by id with what the file prints: the name and the addresses of the passport. */
export const findOrgAddresses = (db: Db, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('orgs').select(['id', 'name', 'contacts']).where('id', 'in', ids).execute();
