import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface AuditRow {
  actorUserId: string | null;
  actorLogin: string | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  orgPath: string | null;
  result: 'ok' | 'denied' | 'failed';
  details: Record<string, unknown> | null;
}

export async function insertAuditRows(db: Kysely<Database>, rows: readonly AuditRow[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(
      rows.map((row) => ({
        actor_user_id: row.actorUserId,
        actor_login: row.actorLogin,
        ip: row.ip,
        action: row.action,
        target_type: row.targetType,
        target_id: row.targetId,
        org_path: row.orgPath,
        result: row.result,
        details: row.details ? JSON.stringify(row.details) : null,
      })),
    )
    .execute();
}

export function selectAuditForTarget(db: Kysely<Database>, targetType: string, targetId: string) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
