import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export async function insertOrgChange(
  db: Kysely<Database>,
  change: {
    orgId: string;
    actorUserId: string | null;
    action: string;
    changes: unknown[];
    note: string | null;
  },
) {
  await db
    .insertInto('org_changes')
    .values({
      org_id: change.orgId,
      actor_user_id: change.actorUserId,
      action: change.action,
      changes: JSON.stringify(change.changes),
      note: change.note,
    })
    .execute();
}

export function findOrgChanges(
  db: Kysely<Database>,
  orgId: string,
  beforeId: string | undefined,
  limit: number,
) {
  let query = db
    .selectFrom('org_changes')
    .leftJoin('users', 'users.id', 'org_changes.actor_user_id')
    .select([
      'org_changes.id',
      'org_changes.at',
      'org_changes.action',
      'org_changes.changes',
      'org_changes.note',
      'users.id as actor_id',
      'users.login as actor_login',
      'users.full_name as actor_full_name',
    ])
    .where('org_changes.org_id', '=', orgId);
  // Ids grow with time; paging on the id alone avoids timestamp precision at the page edge.
  if (beforeId) query = query.where('org_changes.id', '<', beforeId);
  return query.orderBy('org_changes.id', 'desc').limit(limit).execute();
}
