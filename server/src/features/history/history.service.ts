import type { FieldChange } from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type Actor, actorRef } from '../../lib/actor.js';
import type { Ctx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { recordAudits } from '../audit/audit.service.js';
import { changesInsert, type EntityType, findChanges, reassignChanges } from './history.queries.js';

export type { EntityType };

const actorOf = (actor: Actor) => {
  const ref = actorRef(actor);
  return { actorKind: ref.kind, actorId: ref.id, actorUserId: ref.userId };
};

export interface EntityChange {
  entity: { type: EntityType; id: string; orgPath: string };
  action: string;
  changes?: FieldChange[];
  note?: string | null;
}

/**
 * Records a change twice, in the caller's transaction: in the record's history that users read
 * (old → new per field), and in the security audit log (field names only, no values).
 */
export function recordChange(ctx: Ctx, change: EntityChange) {
  return recordChanges(ctx, [change]);
}

const isSame = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Many changes by one actor in two statements: an import batch. A field whose value stays what
 * it was is no change and is not written (a transfer on the day of registration does not record
 * "02.12.2026 → 02.12.2026"); an update left with no field is not written at all.
 */
export async function recordChanges(ctx: Ctx, all: readonly EntityChange[]) {
  const changes = all
    .map((change) => ({
      ...change,
      changes: (change.changes ?? []).filter((c) => !isSame(c.old, c.new)),
    }))
    .filter((change) => change.action !== 'update' || change.changes.length > 0);
  if (changes.length === 0) return;
  const rows = changes.map((change) => ({
    entityType: change.entity.type,
    entityId: change.entity.id,
    ...actorOf(ctx.actor),
    action: change.action,
    changes: change.changes,
    note: change.note ?? null,
  }));
  // The history rows ride in the audit's statement: one round trip for both.
  await recordAudits(
    ctx,
    changes.map((change) => ({
      action: `${change.entity.type}.${change.action}`,
      target: change.entity,
      details: { fields: change.changes.map((c) => c.field) },
    })),
    (db) => changesInsert(db, rows),
  );
}

/** A keyset page of a record's history, newest first. The caller has checked access. */
export async function pageOfChanges<A extends string>(
  db: Kysely<Database>,
  entity: { type: EntityType; id: string },
  page: { limit: number; cursor?: string | undefined },
) {
  const before = decodeCursor(page.cursor, ['id']);
  const rows = await findChanges(db, entity.type, entity.id, before?.[0], page.limit + 1);
  return toPage(
    rows,
    page.limit,
    (r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actor: r.actor_id
        ? { id: r.actor_id, login: r.actor_login ?? '', fullName: r.actor_full_name ?? '' }
        : null,
      action: r.action as A,
      changes: r.changes as FieldChange[],
      note: r.note,
    }),
    (r) => [r.id],
  );
}

/** Two records of one entity became one (a member's cards merged): the history follows. */
export const moveHistory = (
  trx: Kysely<Database>,
  type: EntityType,
  fromId: string,
  toId: string,
) => reassignChanges(trx, type, fromId, toId);
