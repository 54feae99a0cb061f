import type { MemberIndicator } from '@profreestr/contracts';
import { type Kysely, sql } from 'kysely';
import { memberMissingSql } from '../../db/indicators.js';
import type { Database, MemberRowUpdate, NewMemberRow } from '../../db/schema.js';
import { subtreeUpperBound } from '../../lib/tree-path.js';

// `path` repeats org_path under the name the access check reads.
export function findMemberById(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('members')
    .selectAll()
    .select('org_path as path')
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findMemberForUpdate(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('members')
    .selectAll()
    .select('org_path as path')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export type MemberRecord = Omit<NonNullable<Awaited<ReturnType<typeof findMemberById>>>, 'path'>;

/** The active record of a person (same name key and birth date), if any. */
export function findActivePerson(
  db: Kysely<Database>,
  nameKey: string,
  birthDate: string,
  exceptId?: string,
) {
  let query = db
    .selectFrom('members')
    .select(['id', 'org_id', 'org_path'])
    .where('name_key', '=', nameKey)
    .where('birth_date', '=', birthDate)
    .where('status', '=', 'active');
  if (exceptId) query = query.where('id', '<>', exceptId);
  return query.executeTakeFirst();
}

export async function isCardNumberTaken(db: Kysely<Database>, cardNumber: string) {
  const row = await db
    .selectFrom('members')
    .select('id')
    .where('card_number', '=', cardNumber)
    .executeTakeFirst();
  return row !== undefined;
}

export async function nextCardSerial(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ n: string }>`select nextval('card_number_seq') as n`.execute(db);
  return String(rows[0]?.n);
}

// Writes return the row as stored (org_path filled by its trigger): no read-back needed.
export function insertMember(db: Kysely<Database>, row: NewMemberRow): Promise<MemberRecord> {
  return db.insertInto('members').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateMemberRow(
  db: Kysely<Database>,
  id: string,
  values: MemberRowUpdate,
): Promise<MemberRecord> {
  return db
    .updateTable('members')
    .set({ ...values, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function openPeriod(
  db: Kysely<Database>,
  period: { memberId: string; orgId: string; on: string },
) {
  await db
    .insertInto('member_periods')
    .values({ member_id: period.memberId, org_id: period.orgId, registered_on: period.on })
    .execute();
}

export async function closeOpenPeriod(
  db: Kysely<Database>,
  memberId: string,
  on: string,
  reason: string,
) {
  await db
    .updateTable('member_periods')
    .set({ deregistered_on: on, reason })
    .where('member_id', '=', memberId)
    .where('deregistered_on', 'is', null)
    .execute();
}

export function findPeriods(db: Kysely<Database>, memberId: string) {
  return db
    .selectFrom('member_periods')
    .innerJoin('orgs', 'orgs.id', 'member_periods.org_id')
    .select([
      'member_periods.org_id',
      'orgs.name as org_name',
      'member_periods.registered_on',
      'member_periods.deregistered_on',
      'member_periods.reason',
    ])
    .where('member_periods.member_id', '=', memberId)
    .orderBy('member_periods.id', 'desc')
    .execute();
}

export interface MemberSearch {
  scopePath: string;
  orgId?: string | undefined;
  status?: string | undefined;
  category?: string | undefined;
  /** Normalised words: a prefix of "last first middle" or of "first last middle". */
  namePrefix?: string | undefined;
  cardNumber?: string | undefined;
  birthDate?: string | undefined;
  /** Active members lacking this field (the completeness drill-down). */
  missing?: MemberIndicator | undefined;
  /** `name` (lists) keys on [name_key, id]; `org` (exports, grouped by org) on [org_path, name_key, id]. */
  order?: 'name' | 'org';
  after: readonly string[] | undefined;
  limit: number;
}

// The first key after every string that starts with `prefix`, in collation "C".
const prefixEnd = (prefix: string) =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

export function searchMembers(db: Kysely<Database>, s: MemberSearch) {
  let query = db
    .selectFrom('members')
    .selectAll()
    .where('org_path', '>=', s.scopePath)
    .where('org_path', '<', subtreeUpperBound(s.scopePath));
  if (s.orgId) query = query.where('org_id', '=', s.orgId);
  if (s.status) query = query.where('status', '=', s.status);
  if (s.category) query = query.where('category', '=', s.category);
  if (s.cardNumber) query = query.where('card_number', '=', s.cardNumber);
  if (s.birthDate) query = query.where('birth_date', '=', s.birthDate);
  // Literal, as in the partial index `members_no_*_idx` that then serves the whole list.
  if (s.missing)
    query = query.where(sql<boolean>`status = 'active' and ${memberMissingSql[s.missing]}`);
  const prefix = s.namePrefix;
  if (prefix) {
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('name_key', '>=', prefix), eb('name_key', '<', prefixEnd(prefix))]),
        eb.and([eb('alt_key', '>=', prefix), eb('alt_key', '<', prefixEnd(prefix))]),
      ]),
    );
  }
  if (s.order === 'org') {
    if (s.after) {
      const [path = '', key = '', id = '0'] = s.after;
      query = query.where((eb) =>
        eb(eb.refTuple('org_path', 'name_key', 'id'), '>', eb.tuple(path, key, id)),
      );
    }
    query = query.orderBy('org_path');
  } else if (s.after) {
    const [key = '', id = '0'] = s.after;
    query = query.where((eb) => eb(eb.refTuple('name_key', 'id'), '>', eb.tuple(key, id)));
  }
  return query.orderBy('name_key').orderBy('id').limit(s.limit).execute();
}

/** Names held more than once in a subtree with the same or an unknown birth date. */
export async function findDuplicateKeys(
  db: Kysely<Database>,
  scopePath: string,
  afterKey: string | undefined,
  limit: number,
) {
  let query = db
    .selectFrom('members')
    .select('name_key')
    .where('org_path', '>=', scopePath)
    .where('org_path', '<', subtreeUpperBound(scopePath))
    .groupBy('name_key')
    // count(distinct) skips nulls: a repeated date or a missing one makes the counts differ.
    .having(sql<boolean>`count(*) > count(distinct birth_date)`);
  if (afterKey) query = query.where('name_key', '>', afterKey);
  const rows = await query.orderBy('name_key').limit(limit).execute();
  return rows.map((r) => r.name_key);
}

export function findMembersByNameKeys(db: Kysely<Database>, scopePath: string, keys: string[]) {
  return db
    .selectFrom('members')
    .selectAll()
    .where('org_path', '>=', scopePath)
    .where('org_path', '<', subtreeUpperBound(scopePath))
    .where('name_key', 'in', keys)
    .orderBy('name_key')
    .orderBy('id')
    .execute();
}

/** All active members of an org move to another (a merge); returns their ids. */
export async function moveActiveMembers(
  db: Kysely<Database>,
  fromOrgId: string,
  toOrgId: string,
  on: string,
): Promise<string[]> {
  const rows = await db
    .updateTable('members')
    .set({ org_id: toOrgId, registered_on: on, updated_at: sql`now()` })
    .where('org_id', '=', fromOrgId)
    .where('status', '=', 'active')
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

// ---- bulk forms for imports: a batch of rows costs a handful of statements ----

export function findMembersByCardNumbers(db: Kysely<Database>, numbers: readonly string[]) {
  if (numbers.length === 0) return Promise.resolve([] as MemberRecord[]);
  return db.selectFrom('members').selectAll().where('card_number', 'in', numbers).execute();
}

// Batch lookups join the keys as an unnest() relation: a long row-value IN list makes the
// planner give up the index and scan every member once per batch (500 ms at 100 k members).

/** Members of the given orgs with the given name keys (any status), for matching rows. */
export async function findMembersByOrgAndName(
  db: Kysely<Database>,
  pairs: readonly { orgId: string; nameKey: string }[],
): Promise<MemberRecord[]> {
  if (pairs.length === 0) return [];
  const { rows } = await sql<MemberRecord>`
    select m.* from unnest(${pairs.map((p) => p.orgId)}::bigint[], ${pairs.map((p) => p.nameKey)}::text[])
      as p (org_id, name_key)
    join members m on m.org_id = p.org_id and m.name_key = p.name_key`.execute(db);
  return rows;
}

/** Active records of the given people (name key and birth date), wherever they are. A person
 * has one (members_person_active_key); the lateral `limit 1` fixes the plan to one index probe
 * per key, where a join let stale statistics of a growing table (a first import) choose a hash
 * join over every active member: 20 ms a batch at 100 k members instead of 2. */
export async function findActivePeople(
  db: Kysely<Database>,
  people: readonly { nameKey: string; birthDate: string }[],
) {
  if (people.length === 0) return [];
  const { rows } = await sql<{
    id: string;
    org_id: string;
    org_path: string;
    name_key: string;
    birth_date: string;
  }>`
    select m.id, m.org_id, m.org_path, m.name_key, m.birth_date
    from unnest(${people.map((p) => p.nameKey)}::text[], ${people.map((p) => p.birthDate)}::date[])
      as p (name_key, birth_date)
    cross join lateral (
      select id, org_id, org_path, name_key, birth_date from members
      where name_key = p.name_key and birth_date = p.birth_date and status = 'active'
      limit 1
    ) m`.execute(db);
  return rows;
}

export async function nextCardSerials(db: Kysely<Database>, n: number): Promise<string[]> {
  const { rows } = await sql<{
    n: string;
  }>`select nextval('card_number_seq') as n from generate_series(1, ${n}::int)`.execute(db);
  return rows.map((r) => String(r.n));
}

export async function takenCardNumbers(db: Kysely<Database>, numbers: readonly string[]) {
  if (numbers.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('members')
    .select('card_number')
    .where('card_number', 'in', numbers)
    .execute();
  return new Set(rows.map((r) => r.card_number));
}

export function insertMembers(db: Kysely<Database>, rows: readonly NewMemberRow[]) {
  if (rows.length === 0) return Promise.resolve([] as MemberRecord[]);
  return db.insertInto('members').values(rows).returningAll().execute();
}

export async function openPeriods(
  db: Kysely<Database>,
  periods: readonly { memberId: string; orgId: string; on: string }[],
) {
  if (periods.length === 0) return;
  await db
    .insertInto('member_periods')
    .values(periods.map((p) => ({ member_id: p.memberId, org_id: p.orgId, registered_on: p.on })))
    .execute();
}
