import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { subtreeUpperBound } from '../../lib/tree-path.js';
import type { MemberRecord } from './members.queries.js';

// Suspected duplicates in a subtree. A duplicate group is one normalised name with one birth
// date held by several records; a candidate group is a name held by several records of which
// some have no birth date. Both pages walk small partial indexes (migration 0009), by name for
// a large subtree (stopping after `limit` groups) or by org path for a small one, so a page
// costs about the same for a primary and for the centre.

const inScope = (alias: string, scopePath: string): RawBuilder<boolean> =>
  sql`${sql.ref(`${alias}.org_path`)} >= ${scopePath} and ${sql.ref(`${alias}.org_path`)} < ${subtreeUpperBound(scopePath)}`;

/** Group keys (name, birth date) of duplicate groups after `after`, in key order. */
export async function findDuplicateKeys(
  db: Kysely<Database>,
  scopePath: string,
  after: readonly [string, string] | undefined,
  limit: number,
) {
  // Two active records of one person cannot exist, so a group always holds a deregistered
  // record: the walk reads members_off_person_idx (for a small subtree its path-ordered twin)
  // and probes for a second record of the person. `offset` keeps each probe a per-row index
  // lookup: unfenced, the planner, misjudging a narrow org_path range as one row, hashed all
  // active members of a territorial org or rescanned it per row (EXPLAIN at 3.7 M members).
  const { rows } = await sql<{ name_key: string; birth_date: string }>`
    select d.name_key, d.birth_date
    from members d
    where d.status = 'deregistered' and d.birth_date is not null and ${inScope('d', scopePath)}
      ${after ? sql`and (d.name_key, d.birth_date) > (${after[0]}, ${after[1]}::date)` : sql``}
      and (
        exists (
          select 1 from members a
          where a.status = 'active' and a.name_key = d.name_key and a.birth_date = d.birth_date
            and ${inScope('a', scopePath)}
          offset 0
        )
        or exists (
          select 1 from members o
          where o.status = 'deregistered' and o.name_key = d.name_key
            and o.birth_date = d.birth_date and ${inScope('o', scopePath)}
          offset 1
        )
      )
    group by d.name_key, d.birth_date
    having not exists (
      select 1 from member_duplicate_dismissals x
      where x.name_key = d.name_key and x.birth_date = d.birth_date
        and x.member_ids @> array(
          select m.id from members m
          where m.name_key = d.name_key and m.birth_date = d.birth_date and ${inScope('m', scopePath)}
        )
    )
    order by d.name_key, d.birth_date
    limit ${limit}`.execute(db);
  return rows;
}

/** Names of candidate groups after `afterKey`, in name order. */
export async function findCandidateKeys(
  db: Kysely<Database>,
  scopePath: string,
  afterKey: string | undefined,
  limit: number,
) {
  // The walk reads members_unknown_birth_idx (records without a birth date) and probes
  // members_name_idx, index-only, for a second record of the name in the subtree.
  const { rows } = await sql<{ name_key: string }>`
    select c.name_key
    from members c
    where c.birth_date is null and ${inScope('c', scopePath)}
      ${afterKey ? sql`and c.name_key > ${afterKey}` : sql``}
      and exists (
        select 1 from members o
        where o.name_key = c.name_key and ${inScope('o', scopePath)}
        offset 1
      )
    group by c.name_key
    having not exists (
      select 1 from member_duplicate_dismissals x
      where x.name_key = c.name_key and x.birth_date is null
        and x.member_ids @> array(
          select m.id from members m where m.name_key = c.name_key and ${inScope('m', scopePath)}
        )
    )
    order by c.name_key
    limit ${limit}`.execute(db);
  return rows.map((r) => r.name_key);
}

/** The records of duplicate groups in the subtree, by group, oldest record first. */
export async function findDuplicateMembers(
  db: Kysely<Database>,
  scopePath: string,
  groups: readonly { name_key: string; birth_date: string }[],
): Promise<MemberRecord[]> {
  if (groups.length === 0) return [];
  const { rows } = await sql<MemberRecord>`
    select m.* from unnest(${groups.map((g) => g.name_key)}::text[], ${groups.map((g) => g.birth_date)}::date[])
      as g (name_key, birth_date)
    join members m on m.name_key = g.name_key and m.birth_date = g.birth_date
    where ${inScope('m', scopePath)}
    order by m.name_key, m.birth_date, m.id`.execute(db);
  return rows;
}

/**
 * The records of candidate groups in the subtree, at most `shown` a group: those without a
 * birth date first, then namesakes by org; `member_count` is the whole group's size. At the
 * centre a common name has hundreds of namesakes, and a page stays bounded all the same.
 */
export async function findCandidateMembers(
  db: Kysely<Database>,
  scopePath: string,
  keys: readonly string[],
  shown: number,
): Promise<(MemberRecord & { member_count: string })[]> {
  if (keys.length === 0) return [];
  const { rows } = await sql<MemberRecord & { member_count: string }>`
    select m.*, c.member_count from unnest(${keys}::text[]) as g (name_key)
    cross join lateral (
      select count(*) as member_count from members x
      where x.name_key = g.name_key and ${inScope('x', scopePath)}
    ) c
    cross join lateral (
      select * from (
        (select * from members u
          where u.name_key = g.name_key and u.birth_date is null and ${inScope('u', scopePath)}
          order by u.org_path, u.id limit ${shown})
        union all
        (select * from members d
          where d.name_key = g.name_key and d.birth_date is not null and ${inScope('d', scopePath)}
          order by d.org_path, d.id limit ${shown})
      ) both_parts
      order by birth_date is not null, org_path, id
      limit ${shown}
    ) m
    order by m.name_key, m.birth_date is not null, m.org_path, m.id`.execute(db);
  return rows;
}

/** What «Не дубль» needs of each record: where it is and who it names. */
export function findPeopleByIds(db: Kysely<Database>, ids: readonly string[]) {
  return db
    .selectFrom('members')
    .select(['id', 'org_path as path', 'name_key', 'birth_date'])
    .where('id', 'in', ids)
    .execute();
}

export async function insertDismissal(
  db: Kysely<Database>,
  dismissal: { nameKey: string; birthDate: string | null; memberIds: string[]; userId: string },
) {
  await db
    .insertInto('member_duplicate_dismissals')
    .values({
      name_key: dismissal.nameKey,
      birth_date: dismissal.birthDate,
      member_ids: sql`${dismissal.memberIds}::bigint[]`,
      user_id: dismissal.userId,
    })
    .execute();
}
