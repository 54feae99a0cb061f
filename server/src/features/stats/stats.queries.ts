import { memberIndicators, orgIndicators } from '@profreestr/contracts';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import {
  memberIndicatorColumn,
  memberMissingSql,
  orgIndicatorColumn,
  orgMissingSql,
} from '../../db/indicators.js';
import type { Database } from '../../db/schema.js';
import {
  type MEMBER_STAT_COLUMNS,
  type ORG_STAT_COLUMNS,
  STAT_COLUMNS,
  type StatColumn,
  type StatsDelta,
} from './member-stats.js';

type MemberStatColumn = (typeof MEMBER_STAT_COLUMNS)[number];
type OrgStatColumn = (typeof ORG_STAT_COLUMNS)[number];

/**
 * Applies per-org deltas in one statement. Rows are locked in id order first, so concurrent
 * changes meet at the root in the same order and cannot deadlock.
 */
// One array per column (unnest), not a VALUES list: 40 parameters whatever the number of orgs,
// where 200 orgs × 40 columns took PostgreSQL longer to parse than to run.
/**
 * Adds the deltas to the orgs' counts, rows locked in id order. With `asOf`, only while the
 * stats clock still reads that date (share-locked before the rows, as lockStatsClock would):
 * the caller computed "under 35" with a clock it remembered, and learns whether it was right
 * (false: nothing was written; lock the clock and compute again). One statement either way.
 */
export async function applyDeltas(
  db: Kysely<Database>,
  deltas: Map<string, StatsDelta>,
  asOf?: string,
): Promise<boolean> {
  if (deltas.size === 0) return true;
  const ids = [...deltas.keys()].sort((a, b) => Number(a) - Number(b));
  const rows = ids.map((id) => deltas.get(id) as StatsDelta);
  // Only the counts that move: a member put on record touches a dozen of the forty columns,
  // and each column left out is an array less to send, parse and add.
  const columns = STAT_COLUMNS.filter((c) => rows.some((d) => d[c] !== 0));
  if (columns.length === 0) return true;
  // A member put on record or taken off changes every org of its path by the same amounts:
  // then the amounts go as plain parameters, else one array per column joined by org id.
  const [first] = rows;
  const same = rows.every((d) => columns.every((c) => d[c] === first?.[c]));
  const sets = sql.join(
    columns.map((c) =>
      same
        ? sql`${sql.ref(c)} = s.${sql.ref(c)} + ${first?.[c] ?? 0}::int`
        : sql`${sql.ref(c)} = s.${sql.ref(c)} + v.${sql.ref(c)}`,
    ),
  );
  const byOrg = same
    ? sql`where s.org_id in (select org_id from locked)`
    : sql`from unnest(${ids}::bigint[], ${sql.join(columns.map((c) => sql`${rows.map((d) => d[c])}::int[]`))})
        as v (org_id, ${sql.join(columns.map((c) => sql.ref(c)))})
      where s.org_id = v.org_id and s.org_id in (select org_id from locked)`;
  const clock =
    asOf === undefined
      ? sql`select true`
      : sql`select true from stats_clock where age_date = ${asOf}::date for share`;
  const { rows: result } = await sql<{ clock_ok: boolean }>`
    with clock as materialized (${clock}),
    locked as (
      select org_id from org_stats
      where org_id = any(${ids}::bigint[]) and exists (select 1 from clock)
      order by org_id for update
    ),
    updated as (update org_stats s set ${sets} ${byOrg} returning 1)
    select exists (select 1 from clock) as clock_ok`.execute(db);
  return result[0]?.clock_ok === true;
}

export async function insertStatsRow(db: Kysely<Database>, orgId: string) {
  await db.insertInto('org_stats').values({ org_id: orgId }).execute();
}

export function findStats(db: Kysely<Database>, orgId: string) {
  return db.selectFrom('org_stats').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

/** The date "under 35" is counted as of; a share lock keeps the daily step from moving it
 * while this transaction's deltas, computed with it, are not yet written. */
export async function lockStatsClock(db: Kysely<Database>, lock: 'share' | 'update' = 'share') {
  const row = await db
    .selectFrom('stats_clock')
    .select(sql<string>`age_date::text`.as('age_date'))
    .$call((q) => (lock === 'share' ? q.forShare() : q.forUpdate()))
    .executeTakeFirstOrThrow();
  return row.age_date;
}

export async function setStatsClock(db: Kysely<Database>, ageDate: string) {
  await db.updateTable('stats_clock').set({ age_date: ageDate }).execute();
}

/** Active members turning 35 in (from, to], by org path. The range on birth_date is one day
 * wider each side so that 29 February births (35 years later: 28 February) are caught. */
export async function membersTurning35(db: Kysely<Database>, from: string, to: string) {
  const { rows } = await sql<{ org_path: string; n: number }>`
    select org_path, count(*)::int as n from members
    where status = 'active'
      and birth_date > (${from}::date - interval '35 years' - interval '1 day')::date
      and birth_date <= (${to}::date - interval '35 years' + interval '1 day')::date
      and (birth_date + interval '35 years')::date > ${from}::date
      and (birth_date + interval '35 years')::date <= ${to}::date
    group by org_path`.execute(db);
  return rows;
}

/** Paths of active orgs whose chairman turns 35 in (from, to]. */
export async function chairmenTurning35(db: Kysely<Database>, from: string, to: string) {
  const { rows } = await sql<{ path: string }>`
    select path from orgs
    where status = 'active' and coalesce(chairman ->> 'lastName', '') <> ''
      and ((chairman ->> 'birthDate')::date + interval '35 years')::date > ${from}::date
      and ((chairman ->> 'birthDate')::date + interval '35 years')::date <= ${to}::date`.execute(
    db,
  );
  return rows.map((r) => r.path);
}

/** Today's copy of the counts of every active org above primaries (re-taken the same day). */
export async function snapshotStats(db: Kysely<Database>, day: string) {
  const columns = sql.join(STAT_COLUMNS.map((c) => sql.ref(c)));
  await sql`
    insert into org_stats_daily (org_id, day, ${columns})
    select s.org_id, ${day}::date, ${sql.join(STAT_COLUMNS.map((c) => sql.ref(`s.${c}`)))}
    from org_stats s join orgs o on o.id = s.org_id
    where o.level <> 'primary' and o.status = 'active'
    on conflict (org_id, day) do update set
      ${sql.join(STAT_COLUMNS.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`))}`.execute(
    db,
  );
}

export function findDailyStats(db: Kysely<Database>, orgId: string, fromDay: string) {
  return db
    .selectFrom('org_stats_daily')
    .select([sql<string>`day::text`.as('day'), ...STAT_COLUMNS])
    .where('org_id', '=', orgId)
    .where('day', '>=', fromDay)
    .orderBy('day')
    .execute();
}

/** Recomputes every org's counts from the members and orgs tables (after a bulk load). */
export async function rebuildAllStats(db: Kysely<Database>) {
  const under35 = (birth: RawBuilder<unknown>) =>
    sql`(${birth} + interval '35 years')::date > (select age_date from stats_clock)`;
  const count = (condition: RawBuilder<unknown>) => sql`count(*) filter (where ${condition})`;
  const activeCount = (condition: RawBuilder<unknown>) =>
    count(sql`status = 'active' and ${condition}`);
  const memberCounts: Record<MemberStatColumn, RawBuilder<unknown>> = {
    ...(Object.fromEntries(
      memberIndicators.map((k) => [memberIndicatorColumn[k], activeCount(memberMissingSql[k])]),
    ) as Record<MemberStatColumn, RawBuilder<unknown>>),
    active: count(sql`status = 'active'`),
    deregistered: count(sql`status <> 'active'`),
    working: activeCount(sql`category = 'working'`),
    student: activeCount(sql`category = 'student'`),
    pensioner: activeCount(sql`category = 'pensioner'`),
    male: activeCount(sql`sex = 'male'`),
    female: activeCount(sql`sex = 'female'`),
    under35: activeCount(under35(sql`birth_date`)),
  };
  const hasChairman = sql`coalesce(chairman ->> 'lastName', '') <> ''`;
  const primary = sql`level = 'primary'`;
  const chairmanCount = (condition: RawBuilder<unknown>) =>
    count(sql`${hasChairman} and ${condition}`);
  const eduSum = (key: string) =>
    sql`coalesce(sum((edu_org ->> ${key})::int) filter (where ${primary}), 0)`;
  const orgCounts: Record<OrgStatColumn, RawBuilder<unknown>> = {
    ...(Object.fromEntries(
      orgIndicators.map((k) => [
        orgIndicatorColumn[k],
        count(sql`${primary} and ${orgMissingSql[k]}`),
      ]),
    ) as Record<OrgStatColumn, RawBuilder<unknown>>),
    primaries: count(primary),
    territorials: count(sql`level = 'territorial'`),
    regionals: count(sql`level = 'regional'`),
    chairmen: count(hasChairman),
    chairmen_female: chairmanCount(sql`chairman ->> 'sex' = 'female'`),
    chairmen_under35: chairmanCount(under35(sql`(chairman ->> 'birthDate')::date`)),
    chairmen_released: chairmanCount(sql`(chairman ->> 'isReleased')::boolean`),
    edu_employees: eduSum('employees'),
    edu_students: eduSum('students'),
  };
  await sql`insert into org_stats (org_id) select id from orgs on conflict do nothing`.execute(db);
  await sql`update org_stats set ${sql.join(STAT_COLUMNS.map((c) => sql`${sql.ref(c)} = 0`))}`.execute(
    db,
  );
  await rollUp(db, memberCounts, sql`members`, 'org_path');
  await rollUp(db, orgCounts, sql`orgs where status = 'active'`, 'path');
}

/** Sets each org's columns to the counts over the rows at or below it. */
async function rollUp(
  db: Kysely<Database>,
  counts: Partial<Record<StatColumn, RawBuilder<unknown>>>,
  from: RawBuilder<unknown>,
  pathColumn: string,
) {
  const columns = Object.keys(counts) as StatColumn[];
  await sql`
    update org_stats s set ${sql.join(columns.map((c) => sql`${sql.ref(c)} = c.${sql.ref(c)}`))}
    from (
      select unnest(string_to_array(rtrim(${sql.ref(pathColumn)}, '.'), '.'))::bigint as org_id,
        ${sql.join(columns.map((c) => sql`${counts[c]} as ${sql.ref(c)}`))}
      from ${from} group by 1
    ) c
    where s.org_id = c.org_id`.execute(db);
}
