import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type Actor, actorRef } from '../../lib/actor.js';
import {
  type AuditRow,
  insertAuditOfWritten,
  insertAuditRows,
  selectAuditForTarget,
  type TogetherWrite,
} from './audit.queries.js';

// Writing the log: every feature calls this, so it depends on none of them (the search, which
// does, is audit-search.service).

export interface AuditEntry {
  action: string;
  target?: { type: string; id: string; orgPath?: string | null };
  result?: 'ok' | 'denied' | 'failed';
  details?: Record<string, unknown>;
}

/**
 * Appends one entry. Called with the transaction of the change it records, so a change and
 * its audit entry commit or roll back together.
 */
export function recordAudit(ctx: AuditCtx, entry: AuditEntry): Promise<void> {
  return recordAudits(ctx, [entry]);
}

/**
 * Many entries of one actor in one statement (an import batch); `together`, another write of
 * the same change (its history rows), goes in that statement too.
 */
export function recordAudits(
  ctx: AuditCtx,
  entries: readonly AuditEntry[],
  together?: TogetherWrite,
) {
  return insertAuditRows(
    ctx.db,
    entries.map((entry) => auditRow(ctx, entry)),
    together,
  );
}

/**
 * A write that may write nothing (a retried insert) with its entry, in one statement and so
 * one round trip, no transaction needed: an entry about each row it wrote (the write returns
 * `id` and `org_path`). Returns those rows.
 */
export function recordAuditOfWritten(
  ctx: AuditCtx,
  entry: Omit<AuditEntry, 'target'> & { targetType: string },
  write: TogetherWrite,
) {
  return insertAuditOfWritten(
    ctx.db,
    auditRow(ctx, { ...entry, target: { type: entry.targetType, id: '' } }),
    write,
  );
}

/**
 * Where and by whom: a service's `Ctx` (inside `inTransaction`, its transaction), or, before
 * anyone is known (a failed sign-in), the database with no actor.
 */
export type AuditCtx = { db: Kysely<Database>; actor: Actor | null; ip: string | null };

const auditRow = (who: AuditCtx, entry: AuditEntry): AuditRow => {
  const ref = actorRef(who.actor);
  return {
    actorKind: ref.kind,
    actorId: ref.id,
    actorUserId: ref.userId,
    actorLogin: ref.login,
    ip: who.ip,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    orgPath: entry.target?.orgPath ?? null,
    result: entry.result ?? 'ok',
    details: entry.details ?? null,
  };
};

export const auditTrailOf = selectAuditForTarget;
