import { type Kysely, sql } from 'kysely';
import type { Database, NewOrgRow } from '../../db/schema.js';

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
  'orgs.dues_rate',
  'orgs.is_small',
  'orgs.has_committee',
  'orgs.founded_on',
  'orgs.chairman',
  'orgs.edu_org',
  'orgs.contacts',
  'orgs.member_count',
] as const;

function selectOrgs(db: Kysely<Database>) {
  return db
    .selectFrom('orgs')
    .select(orgColumns)
    .select((eb) =>
      eb
        .selectFrom('orgs as c')
        .whereRef('c.parent_id', '=', 'orgs.id')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('child_count'),
    );
}

export type OrgRecord = NonNullable<Awaited<ReturnType<typeof findOrgById>>>;

export function findOrgById(db: Kysely<Database>, id: string) {
  return selectOrgs(db).where('orgs.id', '=', id).executeTakeFirst();
}

/** The little the access check needs: no passport columns. */
export function findOrgPlacement(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'path', 'level', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

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

export function findOrgsByIds(db: Kysely<Database>, ids: string[]) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'level', 'path'])
    .where('id', 'in', ids)
    .execute();
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

export async function countOrgs(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('orgs')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}
