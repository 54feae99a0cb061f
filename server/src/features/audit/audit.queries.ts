import type { Compilable, Kysely, OperationNodeSource, QueryCreator } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CallerKind } from '../../lib/actor.js';

export interface AuditRow {
  actorKind: CallerKind;
  actorId: string | null;
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

/** Another write of the same moment, sent in the audit's statement (a round trip less). */
export type TogetherWrite = (db: QueryCreator<Database>) => Compilable & OperationNodeSource;

export async function insertAuditRows(
  db: Kysely<Database>,
  rows: readonly AuditRow[],
  together?: TogetherWrite,
) {
  if (rows.length === 0) return;
  const creator: QueryCreator<Database> = together
    ? (db.with('together', (qc) => together(qc) as never) as unknown as QueryCreator<Database>)
    : db;
  await creator
    .insertInto('audit_log')
    .values(
      rows.map((row) => ({
        actor_kind: row.actorKind,
        actor_id: row.actorId,
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
