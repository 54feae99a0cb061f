import {
  type Compilable,
  type Kysely,
  type OperationNodeSource,
  type QueryCreator,
  sql,
} from 'kysely';
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

/**
 * A write that may do nothing (`on conflict do nothing`) and its entry, in one statement: an
 * entry per row the write returns, its target being that row (`id`, `org_path`). Returns the
 * rows written; none, no entry.
 */
export async function insertAuditOfWritten(
  db: Kysely<Database>,
  row: AuditRow,
  write: TogetherWrite,
): Promise<{ id: string; orgPath: string | null }[]> {
  const written = await (
    db.with('together', (qc) => write(qc) as never) as unknown as QueryCreator<
      Database & { together: { id: string; org_path: string | null } }
    >
  )
    .insertInto('audit_log')
    .columns([
      'actor_kind',
      'actor_id',
      'actor_user_id',
      'actor_login',
      'ip',
      'action',
      'target_type',
      'target_id',
      'org_path',
      'result',
      'details',
    ])
    .expression((eb) =>
      eb
        .selectFrom('together')
        .select([
          sql<string>`${row.actorKind}::text`.as('actor_kind'),
          sql<string>`${row.actorId}::text`.as('actor_id'),
          sql<string>`${row.actorUserId}::bigint`.as('actor_user_id'),
          sql<string>`${row.actorLogin}::text`.as('actor_login'),
          sql<string>`${row.ip}::text`.as('ip'),
          sql<string>`${row.action}::text`.as('action'),
          sql<string>`${row.targetType}::text`.as('target_type'),
          sql<string>`together.id::text`.as('target_id'),
          'together.org_path',
          sql<string>`${row.result}::text`.as('result'),
          sql<string>`${row.details ? JSON.stringify(row.details) : null}::jsonb`.as('details'),
        ]),
    )
    .returning(['target_id', 'org_path'])
    .execute();
  return written.map((r) => ({ id: String(r.target_id), orgPath: r.org_path }));
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
