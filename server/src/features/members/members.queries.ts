import type { MemberCategory, MemberIndicator, MemberStatus } from '@profreestr/contracts';
import { type Kysely, sql } from 'kysely';
import { type ChairmanContactColumns, chairmanContactSql } from '../../db/chairman-contact.js';
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
/** A new card: its number given, or null to draw the next one. */
export type NewRecordRow = Omit<NewMemberRow, 'card_number'> & { card_number: string | null };

/**
 * Puts members on record in one statement: the cards (with the number given, or the next one
 * drawn by `draw_card_number()`, which passes over merged cards' numbers) and their first
 * periods. `skipConflicts`: a row a unique index refuses (the person on record meanwhile, a
 * number a card holds) is left out of the result instead of failing the statement, so the
 * caller can say why without a savepoint. A number a merged card held is refused by a trigger,
 * which aborts: callers check it first. Returns the rows as stored (org_path filled by its
 * trigger): no read-back.
 */
export function insertMembersOnRecord(
  db: Kysely<Database>,
  rows: readonly NewRecordRow[],
  options: { skipConflicts: boolean },
): Promise<MemberRecord[]> {
  if (rows.length === 0) return Promise.resolve([]);
  return db
    .with('m', (q) => {
      const insert = q.insertInto('members').values(
        rows.map((row) => ({
          ...row,
          card_number: row.card_number ?? sql<string>`draw_card_number()`,
        })),
      );
      return (
        options.skipConflicts ? insert.onConflict((oc) => oc.doNothing()) : insert
      ).returningAll();
    })
    .with('p', (q) =>
      q
        .insertInto('member_periods')
        // The card is not visible to the period's trigger inside this statement: its facts
        // for counting as of a date come along.
        .columns(['member_id', 'org_id', 'registered_on', 'sex', 'birth_date', 'category'])
        .expression((eb) =>
          eb
            .selectFrom('m')
            .select(['m.id', 'm.org_id', 'm.registered_on', 'm.sex', 'm.birth_date', 'm.category']),
        ),
    )
    .selectFrom('m')
    .selectAll()
    .execute();
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

/** The filters of a members list or export; no order, no page. */
export interface MemberFilter {
  scopePath: string;
  orgId?: string | undefined;
  status?: MemberStatus | undefined;
  category?: MemberCategory | undefined;
  /** Normalised words: a prefix of "last first middle" or of "first last middle". */
  namePrefix?: string | undefined;
  cardNumber?: string | undefined;
  birthDate?: string | undefined;
  /** Active members lacking this field (the completeness drill-down). */
  missing?: MemberIndicator | undefined;
}

/**
 * The order of a page. `org` (exports, drill-downs) keys on [org_path, name_key, id]; `name_key`
 * on [name_key, id]; a date on [date, org_path, id], the order of its index (migration 0010),
 * either way. Birth dates are nullable: the known ones are one keyset range (`nulls: 'skip'`),
 * the unknown ones another (`nulls: 'only'`, keyed on [org_path, id]).
 */
export type MemberOrder =
  | { by: 'org' }
  | { by: 'name_key' | 'registered_on'; desc: boolean }
  | { by: 'birth_date'; desc: boolean; nulls: 'skip' | 'only' };

export interface MemberSearch extends MemberFilter {
  /** By name when not given. */
  order?: MemberOrder;
  after: readonly string[] | undefined;
  limit: number;
}

// The first key after every string that starts with `prefix`, in collation "C".
const prefixEnd = (prefix: string) =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

function filterMembers(db: Kysely<Database>, s: MemberFilter) {
  let query = db
    .selectFrom('members')
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
  return query;
}

export function searchMembers(db: Kysely<Database>, s: MemberSearch) {
  const order = s.order ?? { by: 'name_key', desc: false };
  const query = filterMembers(db, s).selectAll();
  if (order.by === 'org') {
    const [path = '', key = '', id = '0'] = s.after ?? [];
    return (
      s.after
        ? query.where((eb) =>
            eb(eb.refTuple('org_path', 'name_key', 'id'), '>', eb.tuple(path, key, id)),
          )
        : query
    )
      .orderBy('org_path')
      .orderBy('name_key')
      .orderBy('id')
      .limit(s.limit)
      .execute();
  }
  const direction = order.desc ? 'desc' : 'asc';
  const beyond = order.desc ? '<' : '>';
  if (order.by === 'name_key') {
    let rows = query;
    if (s.after) {
      const [key = '', id = '0'] = s.after;
      rows = rows.where((eb) => eb(eb.refTuple('name_key', 'id'), beyond, eb.tuple(key, id)));
    }
    return rows.orderBy('name_key', direction).orderBy('id', direction).limit(s.limit).execute();
  }
  if (order.by === 'birth_date' && order.nulls === 'only') {
    // Ordered by the (null) birth date too, so the (birth_date, org_path, id) index gives the
    // order: a subtree's unknown dates are one range of it.
    let unknown = query.where('birth_date', 'is', null);
    if (s.after) {
      const [path = '', id = '0'] = s.after;
      unknown = unknown.where((eb) =>
        eb(eb.refTuple('org_path', 'id'), beyond, eb.tuple(path, id)),
      );
    }
    return unknown
      .orderBy('birth_date', direction)
      .orderBy('org_path', direction)
      .orderBy('id', direction)
      .limit(s.limit)
      .execute();
  }
  const column = order.by;
  let rows = column === 'birth_date' ? query.where('birth_date', 'is not', null) : query;
  if (s.after) {
    const [value = '', path = '', id = '0'] = s.after;
    rows = rows.where((eb) =>
      eb(eb.refTuple(column, 'org_path', 'id'), beyond, eb.tuple(value, path, id)),
    );
  }
  return rows
    .orderBy(column, direction)
    .orderBy('org_path', direction)
    .orderBy('id', direction)
    .limit(s.limit)
    .execute();
}

/** How many members the filters find, counting no further than `cap`. */
export async function countMembersUpTo(db: Kysely<Database>, s: MemberFilter, cap: number) {
  const { n } = await db
    .selectFrom(filterMembers(db, s).select(sql<number>`1`.as('one')).limit(cap).as('found'))
    .select(sql<string>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
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
  people: readonly { nameKey: string; birthDate: string; exceptId?: string | undefined }[],
) {
  if (people.length === 0) return [];
  const { rows } = await sql<{
    id: string;
    org_id: string;
    org_path: string;
    name_key: string;
    birth_date: string;
    org_name: string;
    org_code: string;
  }>`
    select m.id, m.org_id, m.org_path, m.name_key, m.birth_date, o.name as org_name,
      o.code as org_code
    from unnest(
      ${people.map((p) => p.nameKey)}::text[],
      ${people.map((p) => p.birthDate)}::date[],
      ${people.map((p) => p.exceptId ?? null)}::bigint[]
    ) as p (name_key, birth_date, except_id)
    cross join lateral (
      select id, org_id, org_path, name_key, birth_date from members
      where name_key = p.name_key and birth_date = p.birth_date and status = 'active'
        and id is distinct from p.except_id
      limit 1
    ) m
    join orgs o on o.id = m.org_id`.execute(db);
  return rows;
}

/** Names, places and statuses of members by id (a page of the audit journal). */
export function findMemberNames(db: Kysely<Database>, ids: readonly string[]) {
  return db
    .selectFrom('members')
    .select(['id', 'last_name', 'first_name', 'middle_name', 'org_path', 'status'])
    .where('id', 'in', ids)
    .execute();
}

/** Of these ids, the cards merged into another (they left the register). */
export function findMergedMemberIds(db: Kysely<Database>, ids: readonly string[]) {
  return db
    .selectFrom('member_merges')
    .select(['merged_id', 'kept_id'])
    .where('merged_id', 'in', ids)
    .execute();
}

/**
 * A primary for a new member: its place (for the access check) and its chairman's contact (for
 * the letter about the member), in one read.
 */
export async function findPrimaryWithChairman(db: Kysely<Database>, id: string) {
  const { rows } = await sql<
    {
      id: string;
      path: string;
      level: string;
      status: string;
      name: string;
    } & ChairmanContactColumns
  >`select id::text, path, level, status, name, ${chairmanContactSql}
    from orgs where id = ${id}::bigint`.execute(db);
  return rows[0];
}
