import type { OrgLevel, OrgStatus } from '@profreestr/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database, NewOrgRow, OrgRowUpdate } from '../../db/schema.js';
import { likeEscape } from '../../lib/like.js';
import { subtreeUpperBound } from '../../lib/tree-path.js';

const orgColumns = [
  'orgs.id',
  'orgs.code',
  'orgs.parent_id',
  'orgs.path',
  'orgs.level',
  'orgs.name',
  'orgs.name_key',
  'orgs.short_name',
  'orgs.status',
  'orgs.is_legal_entity',
  'orgs.inn',
  'orgs.ogrn',
  'orgs.dues_rate',
  'orgs.is_small',
  'orgs.has_committee',
  'orgs.founded_on',
  'orgs.chairman',
  'orgs.edu_org',
  'orgs.contacts',
  'orgs.liquidated_on',
  'orgs.merged_into_id',
  'orgs.version',
] as const;

function selectOrgs(db: Kysely<Database>) {
  return (
    db
      .selectFrom('orgs')
      .leftJoin('org_stats', 'org_stats.org_id', 'orgs.id')
      .select(orgColumns)
      // Members on record in the whole subtree, from the maintained counts.
      .select(sql<number>`coalesce(org_stats.active, 0)`.as('member_count'))
      .select((eb) =>
        eb
          .selectFrom('orgs as c')
          .whereRef('c.parent_id', '=', 'orgs.id')
          .select(sql<number>`count(*)::int`.as('n'))
          .as('child_count'),
      )
  );
}

export type OrgRecord = NonNullable<Awaited<ReturnType<typeof findOrgById>>>;

export function findOrgById(db: Kysely<Database>, id: string) {
  return selectOrgs(db).where('orgs.id', '=', id).executeTakeFirst();
}

/** The row locked for the rest of the transaction: concurrent changes queue up behind it. */
export function findOrgForUpdate(db: Kysely<Database>, id: string) {
  return selectOrgs(db).where('orgs.id', '=', id).forUpdate('orgs').executeTakeFirst();
}

/** The little an access check needs: no passport columns. */
export function findChildren(
  db: Kysely<Database>,
  parentId: string,
  after: readonly [string, string] | undefined,
  limit: number,
) {
  let query = selectOrgs(db).where('orgs.parent_id', '=', parentId);
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple('orgs.name_key', 'orgs.id'), '>', eb.tuple(after[0], after[1])),
    );
  }
  return query.orderBy('orgs.name_key').orderBy('orgs.id').limit(limit).execute();
}

export interface OrgSearch {
  scopePath: string;
  /** A code or an INN, matched exactly. */
  exact: string | undefined;
  /** Lower-cased words that must all occur in the name. */
  words: string[];
  level: OrgLevel | undefined;
  status: OrgStatus | undefined;
  /**
   * `name` (search) keys on [rank, name_key, id], the rank putting exact codes and INNs first,
   * then names holding the query's numbers as whole numbers («№ 11» before «№ 110»);
   * `tree` (exports, parents first) on [path].
   */
  order?: 'name' | 'tree';
  after: readonly (string | number)[] | undefined;
  limit: number;
}

/** 0: the code or an INN is the query; 1: every number of the query is a number of the name. */
function searchRank(s: OrgSearch) {
  const numbers = s.words.flatMap((w) => w.match(/[0-9]+/g) ?? []);
  const exact = s.exact
    ? sql`orgs.code = ${s.exact} or orgs.inn = ${s.exact} or orgs.edu_org ->> 'inn' = ${s.exact}`
    : sql`false`;
  const whole = numbers.length
    ? sql.join(
        numbers.map((n) => sql`orgs.name_key ~ ${`(^|[^0-9])${n}([^0-9]|$)`}`),
        sql` and `,
      )
    : sql`false`;
  return sql<number>`(case when ${exact} then 0 when ${whole} then 1 else 2 end)`;
}

function filterOrgs(db: Kysely<Database>, s: OrgSearch) {
  let query = selectOrgs(db)
    .where('orgs.path', '>=', s.scopePath)
    .where('orgs.path', '<', subtreeUpperBound(s.scopePath))
    .where((eb) => {
      const byName = s.words.map((w) => eb('orgs.name_key', 'like', `%${likeEscape(w)}%`));
      const alternatives = [];
      if (byName.length) alternatives.push(eb.and(byName));
      if (s.exact) {
        alternatives.push(
          eb('orgs.code', '=', s.exact),
          eb('orgs.inn', '=', s.exact),
          eb(sql<string>`orgs.edu_org ->> 'inn'`, '=', s.exact),
        );
      }
      return alternatives.length ? eb.or(alternatives) : eb.val(true);
    });
  if (s.level) query = query.where('orgs.level', '=', s.level);
  if (s.status) query = query.where('orgs.status', '=', s.status);
  return query;
}

export function searchOrgs(db: Kysely<Database>, s: OrgSearch) {
  if (s.order === 'tree') {
    // Exports: parents before their children, keyed on the unique path.
    let query = filterOrgs(db, s).select(sql<number>`0`.as('rank'));
    if (s.after) query = query.where('orgs.path', '>', String(s.after[0] ?? ''));
    return query.orderBy('orgs.path').limit(s.limit).execute();
  }
  const rank = searchRank(s);
  let query = filterOrgs(db, s).select(rank.as('rank'));
  if (s.after) {
    const [r = 0, key = '', id = '0'] = s.after;
    query = query.where(sql<boolean>`(${rank}, orgs.name_key, orgs.id) > (${r}, ${key}, ${id})`);
  }
  return query.orderBy(rank).orderBy('orgs.name_key').orderBy('orgs.id').limit(s.limit).execute();
}

export function findOrgsByIds(db: Kysely<Database>, ids: string[]) {
  return db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'level', 'path'])
    .where('id', 'in', ids)
    .execute();
}

export function findOrgByCode(db: Kysely<Database>, code: string) {
  return selectOrgs(db).where('orgs.code', '=', code).executeTakeFirst();
}

export function findOrgIdByCode(db: Kysely<Database>, code: string) {
  return db.selectFrom('orgs').select('id').where('code', '=', code).executeTakeFirst();
}

export async function nextOrgId(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ id: string }>`select nextval('orgs_id_seq') as id`.execute(db);
  const id = rows[0]?.id;
  if (!id) throw new Error('orgs_id_seq returned nothing');
  return String(id);
}

export async function insertOrg(db: Kysely<Database>, row: NewOrgRow): Promise<void> {
  await db.insertInto('orgs').values(row).execute();
}

export async function updateOrgRow(db: Kysely<Database>, id: string, values: OrgRowUpdate) {
  await db
    .updateTable('orgs')
    .set({ ...values, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Re-roots a whole subtree: every path below `oldPath` gets `newPath` as its prefix. */
export async function moveSubtree(db: Kysely<Database>, oldPath: string, newPath: string) {
  const result = await db
    .updateTable('orgs')
    .set({
      path: sql`${newPath} || substr(path, ${oldPath.length + 1})`,
      updated_at: sql`now()`,
    })
    .where('path', '>=', oldPath)
    .where('path', '<', subtreeUpperBound(oldPath))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function countActiveChildren(db: Kysely<Database>, id: string): Promise<number> {
  const row = await db
    .selectFrom('orgs')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('parent_id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function countOrgs(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('orgs')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Names, places and states of orgs by id (a page of the audit journal). */
export function findOrgNames(db: Kysely<Database>, ids: readonly string[]) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'path', 'status', 'merged_into_id'])
    .where('id', 'in', ids)
    .execute();
}
