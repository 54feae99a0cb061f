import { type CardBatch, todayIso } from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { conflict, invalid, notFound } from '../../lib/app-error.js';
import { inTransaction, type StaffCtx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { authorize } from '../access/access.js';
import { getOrgPlacement, listScope, ORG_NOT_FOUND } from '../access/placement.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  adoptReissuedCards,
  type BatchRow,
  chunkEnd,
  countBatchCandidates,
  fillChunk,
  findBatch,
  findBatches,
  findFillingOverlap,
  finishFilling,
  insertBatch,
  lockBatch,
  lockCardBatches,
  lockCardPaths,
  moveCards,
  saveFillProgress,
  setBatchStatus,
} from './card-batches.queries.js';
import { cardBatchFillJob, cardBatchMoveJob } from './cards.jobs.js';

// The producer's batches: an admin orders plastic cards for every active member of a subtree
// without a live one (never twice: a unique index, whatever runs at once), a job orders them
// in chunks with its progress, the producer's file is streamed, and the batch's status moves
// its cards forward (ordered → produced → delivered).

export const BATCH_NOT_FOUND = 'Партия карт не найдена';

/**
 * Members per chunk of an order: one insert … select of this many rows and one commit of the
 * progress. Big enough that the union's 3.7 M take ~185 commits, small enough that a killed
 * job loses little and a transfer waits at most one chunk on the paths' lock.
 */
export const FILL_CHUNK = 20_000;
/** Cards per chunk of a status move; a batch no bigger moves within the request. */
export const MOVE_CHUNK = 20_000;

const iso = (value: Date | string) => new Date(value).toISOString();

export const toBatch = (row: BatchRow): CardBatch => ({
  id: row.id,
  orgId: row.org_id,
  orgName: row.org_name,
  status: row.status,
  count: row.count,
  filled: row.filled,
  createdAt: iso(row.created_at),
  createdBy: row.created_login,
  producedAt: row.produced_at ? iso(row.produced_at) : null,
  deliveredAt: row.delivered_at ? iso(row.delivered_at) : null,
});

const batchTarget = (row: { id: string; org_path: string }) => ({
  type: 'card_batch',
  id: row.id,
  orgPath: row.org_path,
});

/** The subtree an admin orders for: visible, theirs to manage, not liquidated. */
async function orderScope(ctx: StaffCtx, under: string) {
  const org = await getOrgPlacement(ctx.db, under);
  authorize(ctx.actor, 'card-batch:manage', org, ORG_NOT_FOUND);
  if (org.status !== 'active') throw invalid('under', 'Организация ликвидирована');
  return org;
}

/** `GET /card-batches/preview`: how many cards an order would hold now. */
export async function previewBatch(ctx: StaffCtx, under: string) {
  const org = await orderScope(ctx, under);
  return { count: await countBatchCandidates(ctx.db, org.path) };
}

/**
 * `POST /card-batches`. Orders serialize on a table lock: a second order overlapping a batch
 * still filling is refused (409), one after it counts only members still without a card. An
 * order of nobody is refused (422) rather than made empty: a batch the producer gets nothing
 * in would only be noise in the list and the file.
 */
export async function orderBatch(ctx: StaffCtx, under: string) {
  const org = await orderScope(ctx, under);
  return inTransaction(ctx, async (tx) => {
    await lockCardBatches(tx.db);
    const other = await findFillingOverlap(tx.db, org.path);
    if (other) {
      throw conflict(
        `Партия карт для организации «${other.org_name}» ещё формируется: дождитесь её окончания`,
      );
    }
    const count = await countBatchCandidates(tx.db, org.path);
    if (count === 0) {
      throw invalid('under', 'Все члены Профсоюза этой организации уже имеют пластиковую карту');
    }
    const { id } = await insertBatch(tx.db, {
      orgId: org.id,
      orgPath: org.path,
      count,
      userId: tx.actor.userId,
    });
    await tx.jobs.send(cardBatchFillJob, { batchId: id });
    await recordAudit(tx, {
      action: 'card_batch.create',
      target: { type: 'card_batch', id, orgPath: org.path },
      details: { under: org.id, count },
    });
    return { id, count };
  });
}

/**
 * The job: chunk after chunk, each one transaction holding the batch row (a second run of the
 * job waits, then goes on from the saved position) and the paths' lock. At the end the cards
 * reissued in the subtree join the batch and it is `ordered` with the count really ordered.
 */
export async function fillCardBatch(db: Kysely<Database>, batchId: string, chunkSize = FILL_CHUNK) {
  for (let done = false; !done; ) {
    done = await db.transaction().execute(async (trx) => {
      const batch = await lockBatch(trx, batchId);
      if (batch?.status !== 'filling') return true;
      await lockCardPaths(trx);
      const after =
        batch.fill_path !== null && batch.fill_name !== null && batch.fill_member !== null
          ? { path: batch.fill_path, name: batch.fill_name, memberId: batch.fill_member }
          : null;
      const chunk = await fillChunk(
        trx,
        { id: batch.id, path: batch.org_path, orderedOn: todayIso(batch.created_at) },
        after,
        chunkSize,
      );
      if (chunk.last) {
        await saveFillProgress(trx, batch.id, {
          filled: batch.filled + chunk.ordered,
          at: chunk.last,
        });
        return false;
      }
      const adopted = await adoptReissuedCards(trx, batch.id, batch.org_path);
      await finishFilling(trx, batch.id, batch.filled + adopted);
      return true;
    });
  }
}

export async function listBatches(
  ctx: StaffCtx,
  query: { under?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const path = await listScope(ctx, 'card:read', query.under);
  const beforeId = decodeCursor(query.cursor, ['id'])?.[0];
  const rows = await findBatches(ctx.db, path, beforeId, query.limit + 1);
  return toPage(rows, query.limit, toBatch, (row) => [row.id]);
}

/** The batch, when the caller may do `action` on it (404 outside their subtree). */
export async function visibleBatch(
  ctx: StaffCtx,
  id: string,
  action: 'card:read' | 'card-batch:manage',
) {
  const row = await findBatch(ctx.db, id);
  authorize(ctx.actor, action, row && { path: row.org_path }, BATCH_NOT_FOUND);
  return row as BatchRow;
}

export async function getBatch(ctx: StaffCtx, id: string) {
  return toBatch(await visibleBatch(ctx, id, 'card:read'));
}

const previousStatus = { produced: 'ordered', delivered: 'produced' } as const;

/**
 * `POST /card-batches/:id/status`: forward only. The cards move with it: within the request
 * for a batch of up to MOVE_CHUNK cards (a primary's or a territory's), else in a job in
 * chunks (a region's 148 k cards in one UPDATE would hold their rows locked for seconds).
 */
export async function changeBatchStatus(
  ctx: StaffCtx,
  id: string,
  status: 'produced' | 'delivered',
): Promise<CardBatch> {
  return inTransaction(ctx, async (tx) => {
    const batch = await lockBatch(tx.db, id);
    authorize(tx.actor, 'card-batch:manage', batch && { path: batch.org_path }, BATCH_NOT_FOUND);
    const row = batch as BatchRow;
    if (row.status === 'filling') {
      throw conflict('Партия ещё формируется: статус меняется, когда все карты заказаны');
    }
    if (row.status !== previousStatus[status]) {
      throw conflict('Статус партии меняется только вперёд: заказана → изготовлена → доставлена');
    }
    await setBatchStatus(tx.db, id, status, tx.actor.userId);
    if (row.count <= MOVE_CHUNK) await moveBatchCards(tx.db, id, status);
    else await tx.jobs.send(cardBatchMoveJob, { batchId: id, status });
    await recordAudit(tx, {
      action: 'card_batch.status',
      target: batchTarget(row),
      details: { batchStatus: status, count: row.count },
    });
    const updated = await findBatch(tx.db, id);
    if (!updated) throw notFound(BATCH_NOT_FOUND);
    return toBatch(updated);
  });
}

/**
 * Moves the batch's cards still before `status` there, chunk by chunk (each its own statement,
 * so a retried job redoes nothing already moved). The dates are the batch's days, not the
 * job's: a card is produced on the day its batch was.
 */
export async function moveBatchCards(
  db: Kysely<Database>,
  batchId: string,
  status: 'produced' | 'delivered',
  chunkSize = MOVE_CHUNK,
) {
  const batch = await findBatch(db, batchId);
  if (!batch?.produced_at) return;
  const days = {
    producedOn: todayIso(batch.produced_at),
    deliveredOn: batch.delivered_at ? todayIso(batch.delivered_at) : null,
  };
  if (status === 'delivered' && !days.deliveredOn) return;
  for (let afterId = '0'; ; ) {
    const lastId = await chunkEnd(db, batchId, afterId, chunkSize);
    if (!lastId) return;
    await moveCards(db, { batchId, afterId, lastId }, status, days);
    afterId = lastId;
  }
}
