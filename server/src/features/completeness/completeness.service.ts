import {
  addDays,
  type Completeness,
  type CompletenessOrgItem,
  type Indicator,
  isOrgIndicator,
  memberIndicators,
  type OrgLevel,
  orgIndicators,
  type ShortPassport,
  todayIso,
} from '@profreestr/contracts';
import { memberIndicatorColumn, orgIndicatorColumn } from '../../db/indicators.js';
import type { StaffCtx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { authorize } from '../access/access.js';
import type { StatsDelta } from '../stats/member-stats.js';
import { dailyStats } from '../stats/stats.service.js';
import {
  findChildrenWithStats,
  findOrgsLacking,
  findOrgsWithMembersLacking,
  findOrgWithStats,
} from './completeness.queries.js';

// Completeness ("не заполнено у N"), its drill-downs and the short passport. Every figure is
// read from the maintained subtree counts, so the root costs one row like a primary; the
// drill-downs are bounded to the caller's subtree by the scope's path range.

const ORG_NOT_FOUND = 'Организация не найдена';

/** The completeness figures held in a row of counts. */
export function completenessOf(s: StatsDelta): Completeness {
  const pick = <K extends string>(keys: readonly K[], column: Record<K, keyof StatsDelta>) =>
    Object.fromEntries(keys.map((k) => [k, s[column[k]]])) as Record<K, number>;
  return {
    orgs: { total: s.primaries, missing: pick(orgIndicators, orgIndicatorColumn) },
    members: { total: s.active, missing: pick(memberIndicators, memberIndicatorColumn) },
  };
}

/** The org with its counts, after the one access check. */
async function scopedOrg(ctx: StaffCtx, id: string) {
  const org = await findOrgWithStats(ctx.db, id);
  authorize(ctx.actor, 'org:read', org, ORG_NOT_FOUND);
  return org;
}

export async function getCompleteness(ctx: StaffCtx, id: string): Promise<Completeness> {
  return completenessOf(await scopedOrg(ctx, id));
}

/** The org's own line of the dashboard, with its path (the scope of an export). */
export async function getCompletenessLine(ctx: StaffCtx, id: string) {
  const s = await scopedOrg(ctx, id);
  return { path: s.path, line: { org: orgRef(s), ...completenessOf(s) } };
}

const orgRef = (o: { id: string; code: string; name: string; level: OrgLevel }) => ({
  id: o.id,
  code: o.code,
  name: o.name,
  level: o.level,
});

/** The dashboard's rows: each active child org with its subtree's completeness. */
export async function listCompletenessChildren(
  ctx: StaffCtx,
  id: string,
  query: { limit: number; cursor?: string | undefined },
) {
  const org = await scopedOrg(ctx, id);
  const after = decodeCursor(query.cursor, ['text', 'id']);
  const rows = await findChildrenWithStats(ctx.db, org.id, after, query.limit + 1);
  return toPage(
    rows,
    query.limit,
    (r) => ({ org: orgRef(r), ...completenessOf(r) }),
    (r) => [r.name_key, r.id],
  );
}

type LackingOrgRow = Awaited<ReturnType<typeof findOrgsLacking>>[number] & {
  missing_members: number | null;
};

/** The drill-down: primaries lacking an org field, or with members lacking a member field. */
export async function listOrgsLacking(
  ctx: StaffCtx,
  id: string,
  query: { indicator: Indicator; limit: number; cursor?: string | undefined },
): Promise<{ items: CompletenessOrgItem[]; nextCursor: string | null }> {
  const scope = await scopedOrg(ctx, id);
  const afterPath = decodeCursor(query.cursor, ['text'])?.[0];
  const { indicator } = query;
  const rows: LackingOrgRow[] = isOrgIndicator(indicator)
    ? (await findOrgsLacking(ctx.db, scope.path, indicator, afterPath, query.limit + 1)).map(
        (o) => ({ ...o, missing_members: null }),
      )
    : await findOrgsWithMembersLacking(ctx.db, scope.path, indicator, afterPath, query.limit + 1);
  return toPage(
    rows,
    query.limit,
    (r) => ({ ...orgRef(r), parentName: r.parent_name, missingMembers: r.missing_members }),
    (r) => [r.path],
  );
}

/** Daily snapshots of the org's completeness, oldest first (orgs above primaries). */
export async function getCompletenessTrend(ctx: StaffCtx, id: string, days: number) {
  const org = await scopedOrg(ctx, id);
  const rows = await dailyStats(ctx.db, org.id, addDays(todayIso(), 1 - days));
  return { items: rows.map((r) => ({ day: r.day, ...completenessOf(r) })) };
}

/** part ÷ whole in %, to a tenth; null when there is nothing to divide by. */
export const percent = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;

/** Краткий паспорт: live figures of the org's subtree. */
export async function getShortPassport(ctx: StaffCtx, id: string): Promise<ShortPassport> {
  const s = await scopedOrg(ctx, id);
  return {
    org: { ...orgRef(s), parentName: s.parent_name },
    asOf: s.age_date,
    members: {
      active: s.active,
      byCategory: {
        working: s.working,
        student: s.student,
        pensioner: s.pensioner,
        unknown: s.category_unknown,
      },
      women: s.female,
      under35: s.under35,
      // Every member on record holds an individual number from the register.
      cardHolders: s.active,
    },
    coverage: {
      employees: s.edu_employees,
      workingMembers: s.working,
      employeesPercent: percent(s.working, s.edu_employees),
      students: s.edu_students,
      studentMembers: s.student,
      studentsPercent: percent(s.student, s.edu_students),
    },
    orgs: { primaries: s.primaries, territorials: s.territorials, regionals: s.regionals },
    chairmen: {
      total: s.chairmen,
      women: s.chairmen_female,
      under35: s.chairmen_under35,
      released: s.chairmen_released,
    },
  };
}
