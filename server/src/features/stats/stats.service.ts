import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { authorize } from '../access/access.js';
import { getOrgPlacement } from '../orgs/orgs.service.js';
import {
  addAlongPath,
  contribution,
  dropZeros,
  type MemberFacts,
  memberDeltas,
  STAT_COLUMNS,
  type StatsDelta,
  scaled,
  zeroDelta,
} from './member-stats.js';
import { applyDeltas, countActiveByFacts, findStats, insertStatsRow } from './stats.queries.js';

type Db = Kysely<Database>;

export type { MemberFacts };

export const factsOf = (row: {
  org_path: string;
  status: string;
  category: string | null;
  sex: string | null;
}): MemberFacts => ({
  path: row.org_path,
  status: row.status,
  category: row.category,
  sex: row.sex,
});

/** Keeps the subtree counts exact for one member changing, in the caller's transaction. */
export const recordMemberFacts = (trx: Db, before: MemberFacts | null, after: MemberFacts | null) =>
  applyDeltas(trx, memberDeltas(before, after));

/** The same for many members at once (an import batch): one statement for all their orgs. */
export function recordManyMemberFacts(
  trx: Db,
  pairs: readonly (readonly [MemberFacts | null, MemberFacts | null])[],
) {
  const deltas = new Map<string, StatsDelta>();
  for (const [before, after] of pairs) memberDeltas(before, after, deltas);
  return applyDeltas(trx, dropZeros(deltas));
}

/** A new org starts with zero counts. */
export const createStatsRow = insertStatsRow;

/** A merge moves every active member of `fromOrgId` at once: their counts move with them. */
export async function moveActiveStats(
  trx: Db,
  fromOrgId: string,
  fromPath: string,
  toPath: string,
) {
  const moved = zeroDelta();
  for (const group of await countActiveByFacts(trx, fromOrgId)) {
    const one = contribution({ status: 'active', category: group.category, sex: group.sex });
    for (const c of STAT_COLUMNS) moved[c] += one[c] * group.n;
  }
  const deltas = new Map<string, StatsDelta>();
  addAlongPath(deltas, fromPath, scaled(moved, -1));
  addAlongPath(deltas, toPath, moved);
  await applyDeltas(trx, dropZeros(deltas));
}

/** A moved subtree takes its counts from the old ancestors to the new ones. */
export async function moveSubtreeStats(
  trx: Db,
  orgId: string,
  oldParentPath: string,
  newParentPath: string,
) {
  const row = await findStats(trx, orgId);
  if (!row) return;
  const counts = Object.fromEntries(STAT_COLUMNS.map((c) => [c, row[c]])) as StatsDelta;
  const deltas = new Map<string, StatsDelta>();
  addAlongPath(deltas, oldParentPath, scaled(counts, -1));
  addAlongPath(deltas, newParentPath, counts);
  await applyDeltas(trx, dropZeros(deltas));
}

/** Members of a subtree by status, category and sex: one row read, whatever the subtree. */
export async function getOrgStats(ctx: Ctx, orgId: string) {
  const org = await getOrgPlacement(ctx.db, orgId);
  authorize(ctx.actor, 'org:read', org, 'Организация не найдена');
  const s = (await findStats(ctx.db, orgId)) ?? { ...zeroDelta(), org_id: orgId };
  return {
    members: {
      active: s.active,
      deregistered: s.deregistered,
      byCategory: {
        working: s.working,
        student: s.student,
        pensioner: s.pensioner,
        unknown: s.category_unknown,
      },
      bySex: { male: s.male, female: s.female, unknown: s.sex_unknown },
    },
  };
}
