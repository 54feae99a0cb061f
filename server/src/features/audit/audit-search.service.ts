import type { AuditEntry, AuditQuery, AuditResult } from '@profreestr/contracts';
import type { Ctx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { pathIds } from '../../lib/tree-path.js';
import { authorize } from '../access/access.js';
import { getMemberPlacement, MEMBER_NOT_FOUND } from '../members/members.service.js';
import { listScope } from '../orgs/orgs.service.js';
import { userIdsInSubtree } from '../users/users.service.js';
import { findAuditEntries } from './audit.queries.js';

// Reading the log: admins' search of their subtree, and a member's trail.

type AuditRecord = Awaited<ReturnType<typeof findAuditEntries>>[number];

const toAuditEntry = (row: AuditRecord): AuditEntry => ({
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
  const scopePath = await listScope(ctx, 'audit:read', query.under);
  const after = decodeCursor<[string, string]>(query.cursor, ['string', 'string']);
  const withUnplaced = pathIds(scopePath).length === 1;
  const actorIds = await userIdsInSubtree(ctx.db, scopePath);
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
