import type { FieldChange, OrgChangeAction } from '@profreestr/contracts';
import type { Ctx } from '../../lib/context.js';
import { authorize } from '../access/access.js';
import { getOrgPlacement } from '../access/placement.js';
import { pageOfChanges, recordChange } from '../history/history.service.js';

/** In the change's transaction: `ctx.db` is it. */
export function recordOrgChange(
  ctx: Ctx,
  change: {
    org: { id: string; path: string };
    action: OrgChangeAction;
    changes?: FieldChange[];
    note?: string | null;
  },
) {
  return recordChange(ctx, {
    entity: { type: 'org', id: change.org.id, orgPath: change.org.path },
    action: change.action,
    changes: change.changes ?? [],
    note: change.note ?? null,
  });
}

export async function listOrgHistory(
  ctx: Ctx,
  orgId: string,
  page: { limit: number; cursor?: string | undefined },
) {
  const org = await getOrgPlacement(ctx.db, orgId);
  authorize(ctx.actor, 'org:read', org, 'Организация не найдена');
  return pageOfChanges<OrgChangeAction>(ctx.db, { type: 'org', id: org.id }, page);
}
