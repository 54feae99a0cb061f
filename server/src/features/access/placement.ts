import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { StaffCtx } from '../../lib/context.js';
import { type Action, authorize, authorizeList } from './access.js';
import { findOrgLabels, findOrgPlacement } from './placement.queries.js';

// Placement and scope: where a record sits in the tree, read by every feature before its
// access check. Here, below every feature, so none has to import orgs for it.

export const ORG_NOT_FOUND = 'Организация не найдена';

/** Placement of an org (id, path, level, status) for access checks. */
export const getOrgPlacement = (db: Kysely<Database>, id: string) => findOrgPlacement(db, id);

/**
 * The subtree a list reads: the caller's own, or that of `under` when given (outside the
 * caller's subtree: 404). The role must allow `action` either way.
 */
export async function listScope(ctx: StaffCtx, action: Action, under: string | undefined) {
  if (!under) {
    authorizeList(ctx.actor, action);
    return ctx.actor.orgPath;
  }
  const org = await findOrgPlacement(ctx.db, under);
  authorize(ctx.actor, action, org, ORG_NOT_FOUND);
  return org.path;
}

/** Code and name of each org by id, for rows that show where they belong. */
export async function orgLabels(db: Kysely<Database>, ids: readonly string[]) {
  const rows = ids.length ? await findOrgLabels(db, ids) : [];
  return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
}
