import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { StaffCtx } from '../../lib/context.js';
import { authorize } from '../access/access.js';
import { getOrgPlacement } from '../access/placement.js';
import {
  MEMBER_STAT_COLUMNS,
  type MemberFacts,
  memberDeltas,
  type OrgFacts,
  orgDeltas,
  rollUp,
  STAT_COLUMNS,
  type StatsDelta,
  scaled,
  zeroDelta,
} from './member-stats.js';
import {
  applyDeltas,
  chairmenTurning35,
  findDailyStats,
  findStats,
  insertStatsRow,
  lockStatsClock,
  membersTurning35,
  setStatsClock,
  snapshotStats,
} from './stats.queries.js';

type Db = Kysely<Database>;

export type { MemberFacts, OrgFacts };

export const factsOf = (row: {
  org_path: string;
  status: string;
  category: string | null;
  sex: string | null;
  birth_date: string | null;
  dues_payment_form: string | null;
  pd_consent_on: string | null;
  workplace: string | null;
  position: string | null;
  study_course: number | null;
}): MemberFacts => ({
  path: row.org_path,
  status: row.status,
  category: row.category,
  sex: row.sex,
  birthDate: row.birth_date,
  duesPaymentForm: row.dues_payment_form,
  pdConsentOn: row.pd_consent_on,
  workplace: row.workplace,
  position: row.position,
  studyCourse: row.study_course,
});

/** Keeps the subtree counts exact for one member changing, in the caller's transaction. */
export const recordMemberFacts = (trx: Db, before: MemberFacts | null, after: MemberFacts | null) =>
  recordManyMemberFacts(trx, [[before, after]]);

/** The same for many members at once (an import batch): one statement for all their orgs. */
export function recordManyMemberFacts(
  trx: Db,
  pairs: readonly (readonly [MemberFacts | null, MemberFacts | null])[],
) {
  const dated = pairs.some(([before, after]) => before?.birthDate || after?.birthDate);
  return applyAsOfClock(trx, dated, (asOf) => memberDeltas(pairs, asOf));
}

/** Keeps the counts exact for an org created, edited, liquidated or merged away. */
export function recordOrgFacts(trx: Db, before: OrgFacts | null, after: OrgFacts | null) {
  const dated = Boolean(before?.chairman?.birthDate || after?.chairman?.birthDate);
  return applyAsOfClock(trx, dated, (asOf) => orgDeltas(before, after, asOf));
}

// The stats clock moves once a day; a change with a birth date needs its date to count "under
// 35" (one without needs none: its deltas are the same on any day). The date last seen is tried
// first, guarded inside the update itself (one statement instead of two on every change); when
// the clock has moved (or another database is open), the update writes nothing and the clock
// is read under its lock as before.
let lastClock: string | undefined;

async function applyAsOfClock(
  trx: Db,
  dated: boolean,
  deltasAsOf: (asOf: string) => Map<string, StatsDelta>,
) {
  if (!dated && lastClock !== undefined) {
    await applyDeltas(trx, deltasAsOf(lastClock));
    return;
  }
  if (lastClock !== undefined && (await applyDeltas(trx, deltasAsOf(lastClock), lastClock))) {
    return;
  }
  lastClock = await lockStatsClock(trx);
  await applyDeltas(trx, deltasAsOf(lastClock));
}

/** A new org starts with zero counts. */
export const createStatsRow = insertStatsRow;

/** Moves counts of a whole subtree (or part of them) from the old ancestors to the new ones. */
async function moveCounts(trx: Db, counts: StatsDelta, fromPath: string, toPath: string) {
  await applyDeltas(
    trx,
    rollUp([
      [fromPath, scaled(counts, -1)],
      [toPath, counts],
    ]),
  );
}

const countsOf = (row: StatsDelta, columns: readonly (keyof StatsDelta)[]) => {
  const counts = zeroDelta();
  for (const c of columns) counts[c] = row[c];
  return counts;
};

/** A merge moves every active member of the primary `fromOrgId` (its own counts) at once. */
export async function moveActiveStats(
  trx: Db,
  fromOrgId: string,
  fromPath: string,
  toPath: string,
) {
  const row = await findStats(trx, fromOrgId);
  if (!row) return;
  const moving = MEMBER_STAT_COLUMNS.filter((c) => c !== 'deregistered');
  await moveCounts(trx, countsOf(row, moving), fromPath, toPath);
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
  await moveCounts(trx, countsOf(row, STAT_COLUMNS), oldParentPath, newParentPath);
}

/**
 * Moves the stats clock to `today`: members and chairmen who turned 35 since leave the
 * "under 35" counts. Run daily (and at start); idempotent, and safe from several processes.
 */
export async function advanceStatsClock(db: Db, today: string) {
  await db.transaction().execute(async (trx) => {
    const from = await lockStatsClock(trx, 'update');
    if (from >= today) return;
    const members = await membersTurning35(trx, from, today);
    const chairmen = await chairmenTurning35(trx, from, today);
    await applyDeltas(
      trx,
      rollUp([
        ...members.map((m) => [m.org_path, { ...zeroDelta(), under35: -m.n }] as const),
        ...chairmen.map((path) => [path, { ...zeroDelta(), chairmen_under35: -1 }] as const),
      ]),
    );
    await setStatsClock(trx, today);
  });
}

/** The day's copy of the counts of orgs above primaries, for the trend. */
export const takeStatsSnapshot = snapshotStats;

/** Daily copies of an org's counts since `fromDay` (call after an access check). */
export const dailyStats = findDailyStats;

/** The maintained counts of a subtree (zeros without a row), e.g. a list's total; call after
 * an access check. */
export async function subtreeCounts(db: Db, orgId: string): Promise<StatsDelta> {
  return (await findStats(db, orgId)) ?? zeroDelta();
}

/** Members of a subtree by status, category and sex: one row read, whatever the subtree. */
export async function getOrgStats(ctx: StaffCtx, orgId: string) {
  const org = await getOrgPlacement(ctx.db, orgId);
  authorize(ctx.actor, 'org:read', org, 'Организация не найдена');
  const s = (await findStats(ctx.db, orgId)) ?? zeroDelta();
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
