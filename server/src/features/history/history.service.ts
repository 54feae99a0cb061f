import type { FieldChange } from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { recordAudit } from '../audit/audit.service.js';
import { type EntityType, findChanges, insertChange } from './history.queries.js';

export type { EntityType };

/**
 * Records a change twice, in the caller's transaction: in the record's history that users read
 * (old → new per field), and in the security audit log (field names only, no values).
 */
export async function recordChange(
  trx: Kysely<Database>,
  ctx: Ctx,
  change: {
    entity: { type: EntityType; id: string; orgPath: string };
    action: string;
    changes?: FieldChange[];
    note?: string | null;
  },
) {
  const { type, id, orgPath } = change.entity;
  await insertChange(trx, {
    entityType: type,
    entityId: id,
    actorUserId: ctx.actor.userId,
    action: change.action,
    changes: change.changes ?? [],
    note: change.note ?? null,
  });
  await recordAudit(trx, ctx, {
    action: `${type}.${change.action}`,
    target: { type, id, orgPath },
    details: { fields: (change.changes ?? []).map((c) => c.field) },
  });
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
