import type { Kysely, QueryCreator } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CallerKind } from '../../lib/actor.js';

export type EntityType = 'org' | 'member';

export interface ChangeRow {
  entityType: EntityType;
  entityId: string;
  actorKind: CallerKind;
  actorId: string | null;
  actorUserId: string | null;
  action: string;
  changes: unknown[];
  note: string | null;
}

/** One statement for many changes: an import records a batch of members at once. */
/** The insert of history rows, to run on its own or inside another statement. */
export function changesInsert(db: QueryCreator<Database>, changes: readonly ChangeRow[]) {
  return db.insertInto('changes').values(
    changes.map((change) => ({
      entity_type: change.entityType,
      entity_id: change.entityId,
      actor_kind: change.actorKind,
      actor_id: change.actorId,
      actor_user_id: change.actorUserId,
      action: change.action,
      changes: JSON.stringify(change.changes),
      note: change.note,
    })),
  );
}

export function findChanges(
  db: Kysely<Database>,
  entityType: EntityType,
  entityId: string,
  beforeId: string | undefined,
  limit: number,
) {
  let query = db
    .selectFrom('changes')
    .leftJoin('users', 'users.id', 'changes.actor_user_id')
    .select([
      'changes.id',
      'changes.at',
      'changes.action',
      'changes.changes',
      'changes.note',
      'users.id as actor_id',
      'users.login as actor_login',
      'users.full_name as actor_full_name',
    ])
    .where('changes.entity_type', '=', entityType)
    .where('changes.entity_id', '=', entityId);
  // Ids grow with time; paging on the id alone avoids timestamp precision at the page edge.
  if (beforeId) query = query.where('changes.id', '<', beforeId);
  return query.orderBy('changes.id', 'desc').limit(limit).execute();
}

/** A record's history handed to another record of the same entity (two cards merged). */
export async function reassignChanges(
  db: Kysely<Database>,
  entityType: EntityType,
  fromId: string,
  toId: string,
) {
  await db
    .updateTable('changes')
    .set({ entity_id: toId })
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', fromId)
    .execute();
}
