import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { STAT_COLUMNS, type StatsDelta } from './member-stats.js';

/**
 * Applies per-org deltas in one statement. Rows are locked in id order first, so concurrent
 * changes meet at the root in the same order and cannot deadlock.
 */
export async function applyDeltas(db: Kysely<Database>, deltas: Map<string, StatsDelta>) {
  if (deltas.size === 0) return;
  const ids = [...deltas.keys()].sort((a, b) => Number(a) - Number(b));
  const values = sql.join(
    ids.map((id) => {
      const d = deltas.get(id) as StatsDelta;
      return sql`(${id}::bigint, ${sql.join(STAT_COLUMNS.map((c) => sql`${d[c]}::int`))})`;
    }),
  );
  const sets = sql.join(
    STAT_COLUMNS.map((c) => sql`${sql.ref(c)} = s.${sql.ref(c)} + v.${sql.ref(c)}`),
  );
  await sql`
    with locked as (
      select org_id from org_stats where org_id in (${sql.join(ids)}) order by org_id for update
    )
    update org_stats s set ${sets}
    from (values ${values}) as v (org_id, ${sql.join(STAT_COLUMNS.map((c) => sql.ref(c)))})
    where s.org_id = v.org_id and s.org_id in (select org_id from locked)`.execute(db);
}

export async function insertStatsRow(db: Kysely<Database>, orgId: string) {
  await db.insertInto('org_stats').values({ org_id: orgId }).execute();
}

export function findStats(db: Kysely<Database>, orgId: string) {
  return db.selectFrom('org_stats').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

/** Counts of active members of one org by category and sex, for moving them all at once. */
export function countActiveByFacts(db: Kysely<Database>, orgId: string) {
  return db
    .selectFrom('members')
    .select(['category', 'sex', sql<number>`count(*)::int`.as('n')])
    .where('org_id', '=', orgId)
    .where('status', '=', 'active')
    .groupBy(['category', 'sex'])
    .execute();
}

/** Recomputes every org's counts from the members table (after a bulk load). */
export async function rebuildAllStats(db: Kysely<Database>) {
  await sql`insert into org_stats (org_id) select id from orgs on conflict do nothing`.execute(db);
  await sql`
    update org_stats s set
      active = coalesce(c.active, 0), deregistered = coalesce(c.deregistered, 0),
      working = coalesce(c.working, 0), student = coalesce(c.student, 0),
      pensioner = coalesce(c.pensioner, 0), category_unknown = coalesce(c.category_unknown, 0),
      male = coalesce(c.male, 0), female = coalesce(c.female, 0),
      sex_unknown = coalesce(c.sex_unknown, 0)
    from org_stats s2 left join (
      select unnest(string_to_array(rtrim(org_path, '.'), '.'))::bigint as org_id,
        count(*) filter (where status = 'active') as active,
        count(*) filter (where status <> 'active') as deregistered,
        count(*) filter (where status = 'active' and category = 'working') as working,
        count(*) filter (where status = 'active' and category = 'student') as student,
        count(*) filter (where status = 'active' and category = 'pensioner') as pensioner,
        count(*) filter (where status = 'active' and category is null) as category_unknown,
        count(*) filter (where status = 'active' and sex = 'male') as male,
        count(*) filter (where status = 'active' and sex = 'female') as female,
        count(*) filter (where status = 'active' and sex is null) as sex_unknown
      from members group by 1
    ) c on c.org_id = s2.org_id
    where s.org_id = s2.org_id`.execute(db);
}
