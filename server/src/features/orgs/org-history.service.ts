import type { FieldChange, OrgChange, OrgChangeAction } from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { authorize } from '../access/access.js';
import { recordAudit } from '../audit/audit.service.js';
import { findOrgChanges, insertOrgChange } from './org-history.queries.js';
import { findOrgPlacement } from './orgs.queries.js';

/**
 * Records a change of an org twice, in the caller's transaction: in the org's history that
 * users read (old → new per field), and in the security audit log.
 */
export async function recordOrgChange(
  trx: Kysely<Database>,
  ctx: Ctx,
  change: {
    org: { id: string; path: string };
    action: OrgChangeAction;
    changes?: FieldChange[];
    note?: string | null;
  },
) {
  await insertOrgChange(trx, {
    orgId: change.org.id,
    actorUserId: ctx.actor.userId,
    action: change.action,
    changes: change.changes ?? [],
    note: change.note ?? null,
  });
  await recordAudit(trx, ctx, {
    action: `org.${change.action}`,
    target: { type: 'org', id: change.org.id, orgPath: change.org.path },
    details: { fields: (change.changes ?? []).map((c) => c.field) },
  });
}

export async function listOrgHistory(
  ctx: Ctx,
  orgId: string,
  page: { limit: number; cursor?: string | undefined },
) {
  const org = await findOrgPlacement(ctx.db, orgId);
  authorize(ctx.actor, 'org:read', org, 'Организация не найдена');
  const before = decodeCursor<[string]>(page.cursor, ['string']);
  const rows = await findOrgChanges(ctx.db, orgId, before?.[0], page.limit + 1);
  return toPage(
    rows,
    page.limit,
    (r): OrgChange => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actor: r.actor_id
        ? { id: r.actor_id, login: r.actor_login ?? '', fullName: r.actor_full_name ?? '' }
        : null,
      action: r.action as OrgChangeAction,
      changes: r.changes as FieldChange[],
      note: r.note,
    }),
    (r) => [r.id],
  );
}
