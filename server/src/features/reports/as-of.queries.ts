import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { subtreeUpperBound } from '../../lib/tree-path.js';

// The register as it stood on a day, from registration periods alone (migration 0018 gives each
// period its org's path, the person's sex and birth date, the member's current category and
// whether it began with a transfer).
//
// Under 35 on D: the 35th birthday after D, as the counts have it (stats/member-stats).
// On record on day D: registered_on <= D and (deregistered_on is null or deregistered_on > D).
// Movement over (from, to]: periods opened or closed after `from` up to `to` inclusive, so
// closing = opening + admitted + transferred in − left − transferred out, exactly.

/** Counts of a set of periods on record on `on`, one row per group. */
export interface OnRecordCounts {
  total: number;
  working: number;
  students: number;
  pensioners: number;
  women: number;
  under35: number;
}

/**
 * A member's category on `on`: the old value of the first change after it, else today's. Only
 * the changes that can matter to the subtree are read: those made in it, and those of members
 * who were in it on that day and left it since (their later changes were made elsewhere).
 */
const pastCategories = (on: string, path: string) => sql`(
  select distinct on (member_id) member_id, old_category from (
    select c.id, c.member_id, c.changed_on, c.old_category from member_category_changes c
     where c.org_path >= ${path} and c.org_path < ${subtreeUpperBound(path)}
       and c.changed_on > ${on}::date
    union
    select c.id, c.member_id, c.changed_on, c.old_category from member_category_changes c
     where c.changed_on > ${on}::date and c.member_id in (
       select q.member_id from member_periods q
        where q.org_path >= ${path} and q.org_path < ${subtreeUpperBound(path)}
          and q.registered_on <= ${on}::date and q.deregistered_on > ${on}::date)) c
   order by member_id, changed_on, id)`;

const onRecord = (on: string) =>
  sql`p.registered_on <= ${on}::date and (p.deregistered_on is null or p.deregistered_on > ${on}::date)`;

const countColumns = (on: string) => sql`count(*)::int as total,
  count(*) filter (where cat = 'working')::int as working,
  count(*) filter (where cat = 'student')::int as students,
  count(*) filter (where cat = 'pensioner')::int as pensioners,
  count(*) filter (where p.sex = 'female')::int as women,
  count(*) filter (where p.birth_date + interval '35 years' > ${on}::date)::int as under35`;

const inSubtree = (path: string) =>
  sql`p.org_path >= ${path} and p.org_path < ${subtreeUpperBound(path)}`;

/** Who was on record on `on` in the subtree of `path`, by category, sex and age. */
export async function countOnRecord(
  db: Kysely<Database>,
  path: string,
  on: string,
): Promise<OnRecordCounts> {
  const { rows } = await sql<OnRecordCounts>`
    select ${countColumns(on)}
      from (select p.*, case when c.member_id is null then p.category else c.old_category end as cat
              from member_periods p left join ${pastCategories(on, path)} c on c.member_id = p.member_id
             where ${inSubtree(path)} and ${onRecord(on)}) p`.execute(db);
  return rows[0] as OnRecordCounts;
}

/** Movement of one group over (from, to]. */
export interface MovementCounts {
  admitted: number;
  transferred_in: number;
  transferred_out: number;
  /** Closed periods by reason (deregistration reasons, card merges). */
  left_by_reason: Record<string, number>;
}

const TRANSFER_REASONS = sql`('transfer', 'org_merged')`;

/**
 * Movement of the subtree of `path`. A transfer between two orgs of the subtree is no
 * movement of the subtree: only transfers across its border count.
 */
export async function countMovement(
  db: Kysely<Database>,
  path: string,
  from: string,
  to: string,
): Promise<MovementCounts> {
  const inRange = (column: RawBuilder<unknown>) =>
    sql`${column} > ${from}::date and ${column} <= ${to}::date`;
  const otherSide = (q: RawBuilder<unknown>) =>
    sql`exists (select 1 from member_periods q where ${q} and q.org_path >= ${path}
                  and q.org_path < ${subtreeUpperBound(path)})`;
  const { rows } = await sql<{ kind: string; reason: string | null; n: number }>`
    select 'in' as kind, null as reason, count(*) filter (where not p.transfer_in)::int as n
      from member_periods p where ${inSubtree(path)} and ${inRange(sql`p.registered_on`)}
    union all
    select 'transfer_in', null, count(*)::int from member_periods p
     where ${inSubtree(path)} and p.transfer_in and ${inRange(sql`p.registered_on`)}
       and not ${otherSide(sql`q.member_id = p.member_id and q.deregistered_on = p.registered_on and q.reason in ${TRANSFER_REASONS}`)}
    union all
    select 'transfer_out', null, count(*)::int from member_periods p
     where ${inSubtree(path)} and p.reason in ${TRANSFER_REASONS} and ${inRange(sql`p.deregistered_on`)}
       and not ${otherSide(sql`q.member_id = p.member_id and q.registered_on = p.deregistered_on and q.transfer_in`)}
    union all
    select 'left', p.reason, count(*)::int from member_periods p
     where ${inSubtree(path)} and ${inRange(sql`p.deregistered_on`)}
       and p.reason not in ${TRANSFER_REASONS}
     group by p.reason`.execute(db);
  const result: MovementCounts = {
    admitted: 0,
    transferred_in: 0,
    transferred_out: 0,
    left_by_reason: {},
  };
  for (const row of rows) {
    if (row.kind === 'in') result.admitted = row.n;
    else if (row.kind === 'transfer_in') result.transferred_in = row.n;
    else if (row.kind === 'transfer_out') result.transferred_out = row.n;
    else if (row.n > 0) result.left_by_reason[row.reason ?? 'other'] = row.n;
  }
  return result;
}

/** Per primary of a subtree: on record on `on` and movement over (from, on]. One pass. */
export interface PrimaryRegister extends OnRecordCounts {
  org_id: string;
  org_path: string;
  admitted: number;
  transferred_in: number;
  transferred_out: number;
}

export async function registerByPrimary(
  db: Kysely<Database>,
  path: string,
  from: string,
  on: string,
): Promise<PrimaryRegister[]> {
  const opened = sql`p.registered_on > ${from}::date and p.registered_on <= ${on}::date`;
  const closed = sql`p.deregistered_on > ${from}::date and p.deregistered_on <= ${on}::date`;
  const { rows } = await sql<PrimaryRegister>`
    select p.org_id, p.org_path,
      count(*) filter (where on_record)::int as total,
      count(*) filter (where on_record and cat = 'working')::int as working,
      count(*) filter (where on_record and cat = 'student')::int as students,
      count(*) filter (where on_record and cat = 'pensioner')::int as pensioners,
      count(*) filter (where on_record and p.sex = 'female')::int as women,
      count(*) filter (where on_record and p.birth_date + interval '35 years' > ${on}::date)::int
        as under35,
      count(*) filter (where opened and not p.transfer_in)::int as admitted,
      count(*) filter (where opened and p.transfer_in)::int as transferred_in,
      count(*) filter (where closed and p.reason in ${TRANSFER_REASONS})::int as transferred_out
    from (select p.*, ${onRecord(on)} as on_record, ${opened} as opened, ${closed} as closed,
                 case when c.member_id is null then p.category else c.old_category end as cat
            from member_periods p left join ${pastCategories(on, path)} c on c.member_id = p.member_id
           where ${inSubtree(path)}
             and (${onRecord(on)} or ${opened} or ${closed})) p
   group by p.org_id, p.org_path`.execute(db);
  return rows;
}

/** Per primary of a subtree: periods closed over (from, on] other than by transfer, by reason. */
export async function leftByPrimary(
  db: Kysely<Database>,
  path: string,
  from: string,
  on: string,
): Promise<{ org_path: string; reason: string; n: number }[]> {
  const { rows } = await sql<{ org_path: string; reason: string; n: number }>`
    select p.org_path, p.reason, count(*)::int as n from member_periods p
     where ${inSubtree(path)} and p.deregistered_on > ${from}::date
       and p.deregistered_on <= ${on}::date and p.reason not in ${TRANSFER_REASONS}
     group by p.org_path, p.reason`.execute(db);
  return rows;
}

/** Active primaries of the subtree on `on` (founded by then, not liquidated by then). */
export async function primariesByOrg(
  db: Kysely<Database>,
  path: string,
  on: string,
): Promise<{ path: string }[]> {
  const { rows } = await sql<{ path: string }>`
    select path from orgs where level = 'primary' and path >= ${path} and path < ${subtreeUpperBound(path)}
       and (founded_on is null or founded_on <= ${on}::date)
       and (liquidated_on is null or liquidated_on > ${on}::date)
       and (status = 'active' or liquidated_on is not null)`.execute(db);
  return rows;
}
