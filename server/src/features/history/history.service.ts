import type { FieldChange } from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { recordAudits } from '../audit/audit.service.js';
import { type EntityType, findChanges, insertChanges } from './history.queries.js';

export type { EntityType };

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
export function recordChange(trx: Kysely<Database>, ctx: Ctx, change: EntityChange) {
  return recordChanges(trx, ctx, [change]);
}

/** Many changes by one actor in two statements: an import batch. */
export async function recordChanges(
  trx: Kysely<Database>,
  ctx: Ctx,
  changes: readonly EntityChange[],
) {
  await insertChanges(
    trx,
    changes.map((change) => ({
      entityType: change.entity.type,
      entityId: change.entity.id,
      actorUserId: ctx.actor.userId,
      action: change.action,
      changes: change.changes ?? [],
      note: change.note ?? null,
    })),
  );
  await recordAudits(
    trx,
    ctx,
    changes.map((change) => ({
      action: `${change.entity.type}.${change.action}`,
      target: change.entity,
      details: { fields: (change.changes ?? []).map((c) => c.field) },
    })),
  );
}

/** A keyset page of a record's history, newest first. The caller has checked access. */
export async function pageOfChanges<A extends string>(
  db: Kysely<Database>,
  entity: { type: EntityType; id: string },
  page: { limit: number; cursor?: string | undefined },
) {
  const before = decodeCursor<[string]>(page.cursor, ['string']);
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
