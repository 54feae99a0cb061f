import type { AuditEntry, AuditQuery } from '@profreestr/contracts';
import type { StaffCtx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { pathIds } from '../../lib/tree-path.js';
import { authorize } from '../access/access.js';
import { listScope } from '../access/placement.js';
import { recordAudit } from '../audit/audit.service.js';
import { getMemberPlacement, MEMBER_NOT_FOUND } from '../members/members.service.js';
import { userIdsInSubtree } from '../users/users.service.js';
import { findAuditEntries } from './journal.queries.js';
import { detailRecords, nameRecords } from './journal-names.js';

// Reading the log: admins' search of their subtree, and a member's trail. Each entry names its
// records (target, actor, what its details point at) by their names now.

type AuditRecord = Awaited<ReturnType<typeof findAuditEntries>>[number];

/** A page of entries with the names of what they touched, looked up once for the page. */
async function pageOfEntries(ctx: StaffCtx, rows: AuditRecord[], limit: number) {
  const names = await nameRecords(ctx.db, ctx.actor.orgPath, rows.slice(0, limit));
  const toAuditEntry = (row: AuditRecord): AuditEntry => ({
    id: row.id,
    at: row.at_iso,
    actor:
      row.actor_user_id || row.actor_login
        ? {
            id: row.actor_user_id,
            login: row.actor_login,
            fullName: names.actorName(row.actor_user_id),
          }
        : null,
    ip: row.ip,
    action: row.action,
    target:
      row.target_type && row.target_id ? names.ref(row, row.target_type, row.target_id) : null,
    result: row.result,
    details: (row.details as Record<string, unknown> | null) ?? null,
    refs: detailRecords(row.action, row.details).map((r) => names.ref(row, r.type, r.id)),
  });
  return toPage(rows, limit, toAuditEntry, (r) => [r.at_iso, r.id]);
}

/** Admins search the audit of their subtree (or of an org in it), newest first. */
export async function searchAudit(ctx: StaffCtx, query: AuditQuery) {
  const scopePath = await listScope(ctx, 'audit:read', query.under);
  const after = decodeCursor(query.cursor, ['timestamp', 'id']);
  const withUnplaced = pathIds(scopePath).length === 1;
  const actorIds = await userIdsInSubtree(ctx.db, scopePath);
  const rows = await findAuditEntries(
    ctx.db,
    { ...query, scopePath, actorIds, withUnplaced },
    after,
    query.limit + 1,
  );
  const page = await pageOfEntries(ctx, rows, query.limit);
  // The journal names people (who did what to whose card): reading it is on record too.
  const { limit: _limit, cursor: _cursor, ...filters } = query;
  await recordAudit(ctx, {
    action: 'audit.search',
    target: { type: 'org', id: pathIds(scopePath).at(-1) as string, orgPath: scopePath },
    details: { ...filters, returned: page.items.length },
  });
  return page;
}

/** Who viewed or changed a member's card (admins; the member cabinet will show it too). */
export async function memberAuditTrail(
  ctx: StaffCtx,
  memberId: string,
  page: { limit: number; cursor?: string | undefined },
) {
  const member = await getMemberPlacement(ctx.db, memberId);
  authorize(ctx.actor, 'audit:read', member, MEMBER_NOT_FOUND);
  const after = decodeCursor(page.cursor, ['timestamp', 'id']);
  const rows = await findAuditEntries(
    ctx.db,
    { scopePath: member.path, actorIds: [], targetType: 'member', targetId: memberId },
    after,
    page.limit + 1,
  );
  const entries = await pageOfEntries(ctx, rows, page.limit);
  await recordAudit(ctx, {
    action: 'member.audit',
    target: { type: 'member', id: memberId, orgPath: member.path },
    details: { returned: entries.items.length },
  });
  return entries;
}
