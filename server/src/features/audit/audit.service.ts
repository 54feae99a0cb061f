import type { AuditEntry as AuditEntryView, AuditQuery, AuditResult } from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { pathIds } from '../../lib/tree-path.js';
import { type Actor, authorize, authorizeList } from '../access/access.js';
import { getMemberPlacement, MEMBER_NOT_FOUND } from '../members/members.service.js';
import { getOrgPlacement } from '../orgs/orgs.service.js';
import {
  type AuditRow,
  findAuditEntries,
  findUserIdsInSubtree,
  insertAuditRows,
  selectAuditForTarget,
} from './audit.queries.js';

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
export function recordAudit(db: Kysely<Database>, who: Who, entry: AuditEntry): Promise<void> {
  return recordAudits(db, who, [entry]);
}

/** Many entries of one actor in one statement (an import batch). */
export function recordAudits(db: Kysely<Database>, who: Who, entries: readonly AuditEntry[]) {
  return insertAuditRows(
    db,
    entries.map((entry) => auditRow(who, entry)),
  );
}

type Who = { actor: Pick<Actor, 'userId' | 'login'> | null; ip: string | null };

const auditRow = (who: Who, entry: AuditEntry): AuditRow => ({
  actorUserId: who.actor?.userId ?? null,
  actorLogin: who.actor?.login ?? null,
  ip: who.ip,
  action: entry.action,
  targetType: entry.target?.type ?? null,
  targetId: entry.target?.id ?? null,
  orgPath: entry.target?.orgPath ?? null,
  result: entry.result ?? 'ok',
  details: entry.details ?? null,
});

export const auditTrailOf = selectAuditForTarget;

type AuditRecord = Awaited<ReturnType<typeof findAuditEntries>>[number];

const toAuditEntry = (row: AuditRecord): AuditEntryView => ({
  id: row.id,
  at: row.at_iso,
  actor:
    row.actor_user_id || row.actor_login ? { id: row.actor_user_id, login: row.actor_login } : null,
  ip: row.ip,
  action: row.action,
  target: row.target_type && row.target_id ? { type: row.target_type, id: row.target_id } : null,
  result: row.result as AuditResult,
  details: (row.details as Record<string, unknown> | null) ?? null,
});

/** Admins search the audit of their subtree (or of an org in it), newest first. */
export async function searchAudit(ctx: Ctx, query: AuditQuery) {
  let scopePath = ctx.actor.scopePath;
  if (query.under) {
    const org = await getOrgPlacement(ctx.db, query.under);
    authorize(ctx.actor, 'audit:read', org, 'Организация не найдена');
    scopePath = org.path;
  } else {
    authorizeList(ctx.actor, 'audit:read');
  }
  const after = decodeCursor<[string, string]>(query.cursor, ['string', 'string']);
  const withUnplaced = pathIds(scopePath).length === 1;
  const actorIds = await findUserIdsInSubtree(ctx.db, scopePath);
  const rows = await findAuditEntries(
    ctx.db,
    { ...query, scopePath, actorIds, withUnplaced },
    after,
    query.limit + 1,
  );
  return toPage(rows, query.limit, toAuditEntry, (r) => [r.at_iso, r.id]);
}

/** Who viewed or changed a member's card (admins; the member cabinet will show it too). */
export async function memberAuditTrail(
  ctx: Ctx,
  memberId: string,
  page: { limit: number; cursor?: string | undefined },
) {
  const member = await getMemberPlacement(ctx.db, memberId);
  authorize(ctx.actor, 'audit:read', member, MEMBER_NOT_FOUND);
  const after = decodeCursor<[string, string]>(page.cursor, ['string', 'string']);
  const rows = await findAuditEntries(
    ctx.db,
    { scopePath: member.path, actorIds: [], targetType: 'member', targetId: memberId },
    after,
    page.limit + 1,
  );
  return toPage(rows, page.limit, toAuditEntry, (r) => [r.at_iso, r.id]);
}
