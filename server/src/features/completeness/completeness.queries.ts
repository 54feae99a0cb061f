import type { MemberIndicator, OrgIndicator, OrgLevel } from '@profreestr/contracts';
import { type Kysely, sql } from 'kysely';
import { memberMissingSql, orgMissingSql } from '../../db/indicators.js';
import type { Database } from '../../db/schema.js';
import { subtreeUpperBound } from '../../lib/tree-path.js';
import { STAT_COLUMNS } from '../stats/member-stats.js';

// Completeness reads: the maintained counts (one row per org), and the drill-downs, which walk
// the partial indexes of migration 0006 so a page costs the same whatever the share missing.

const statColumns = STAT_COLUMNS.map((c) => `s.${c}` as const);

/** An org with its parent's name and its subtree counts: one row, whatever the subtree. */
export function findOrgWithStats(db: Kysely<Database>, id: string) {
  return (
    db
      .selectFrom('orgs as o')
      .innerJoin('org_stats as s', 's.org_id', 'o.id')
      .leftJoin('orgs as p', 'p.id', 'o.parent_id')
      .select(['o.id', 'o.code', 'o.name', 'o.level', 'o.path', 'p.name as parent_name'])
      // The date "under 35" is counted as of, in the same round trip.
      .select(sql<string>`(select age_date::text from stats_clock)`.as('age_date'))
      .select(statColumns)
      .where('o.id', '=', id)
      .executeTakeFirst()
  );
}

/** Active children with their counts, in name order. */
export function findChildrenWithStats(
  db: Kysely<Database>,
  parentId: string,
  after: readonly [string, string] | undefined,
  limit: number,
) {
  return db
    .selectFrom('orgs as o')
    .innerJoin('org_stats as s', 's.org_id', 'o.id')
    .select(['o.id', 'o.code', 'o.name', 'o.level', 'o.name_key'])
    .select(statColumns)
    .where('o.parent_id', '=', parentId)
    .where('o.status', '=', 'active')
    .$if(after !== undefined, (q) =>
      q.where((eb) =>
        eb(eb.refTuple('o.name_key', 'o.id'), '>', eb.tuple(after?.[0] ?? '', after?.[1] ?? '0')),
      ),
    )
    .orderBy('o.name_key')
    .orderBy('o.id')
    .limit(limit)
    .execute();
}

interface LackingOrgRow {
  id: string;
  code: string;
  name: string;
  level: OrgLevel;
  path: string;
  parent_name: string | null;
}

/** Active primaries of the subtree whose passport lacks the field, in tree order. */
export async function findOrgsLacking(
  db: Kysely<Database>,
  scopePath: string,
  indicator: OrgIndicator,
  afterPath: string | undefined,
  limit: number,
) {
  // Literal conditions, as in the partial index `orgs_no_*_idx`, so the planner can use it.
  const { rows } = await sql<LackingOrgRow>`
    select o.id::text, o.code, o.name, o.level, o.path, p.name as parent_name
    from (
      select * from orgs
      where level = 'primary' and status = 'active' and ${orgMissingSql[indicator]}
        and path >= ${scopePath} and path < ${subtreeUpperBound(scopePath)}
        ${afterPath ? sql`and path > ${afterPath}` : sql``}
      order by path limit ${limit}
    ) o
    left join orgs p on p.id = o.parent_id
    order by o.path`.execute(db);
  return rows;
}

/** Orgs of the subtree with members lacking the field, and how many, in tree order. */
export async function findOrgsWithMembersLacking(
  db: Kysely<Database>,
  scopePath: string,
  indicator: MemberIndicator,
  afterPath: string | undefined,
  limit: number,
) {
  // Grouped straight off the partial index `members_no_*_idx` (org_path first): the scan stops
  // after `limit` orgs.
  const { rows } = await sql<LackingOrgRow & { missing_members: number }>`
    with lacking as (
      select min(org_id) as org_id, count(*)::int as n from members
      where status = 'active' and ${memberMissingSql[indicator]}
        and org_path >= ${scopePath} and org_path < ${subtreeUpperBound(scopePath)}
        ${afterPath ? sql`and org_path > ${afterPath}` : sql``}
      group by org_path order by org_path limit ${limit}
    )
    select o.id::text, o.code, o.name, o.level, o.path, p.name as parent_name,
      lacking.n as missing_members
    from lacking join orgs o on o.id = lacking.org_id left join orgs p on p.id = o.parent_id
    order by o.path`.execute(db);
  return rows;
}
