import type { AidRequestStatus } from '@profreestr/contracts';
import { type Insertable, type Kysely, sql } from 'kysely';
import type { AidRequestsTable, Database } from '../../db/schema.js';
import { subtreeUpperBound } from '../../lib/tree-path.js';

// Aid requests in SQL: a request with its benefit (and the offering org's place) and its
// member (and theirs); the staff's queue, the member's own, the totals granted.

type Db = Kysely<Database>;

const requestColumns = [
  'r.id',
  'r.status',
  'r.text',
  'r.amount',
  'r.amount_granted',
  'r.comment',
  'r.created_at',
  'r.decided_at',
  'r.member_id',
  'b.id as benefit_id',
  'b.title as benefit_title',
  'b.kind as benefit_kind',
  'b.org_id as benefit_org_id',
  'bo.name as benefit_org_name',
  'bo.path as benefit_org_path',
  'm.org_id as member_org_id',
  'm.org_path as member_path',
  'mo.name as member_org_name',
  'm.last_name',
  'm.first_name',
  'm.middle_name',
  'm.card_number',
  'm.email',
  'u.login as decided_login',
] as const;

const withPlaces = (db: Db) =>
  db
    .selectFrom('aid_requests as r')
    .innerJoin('benefits as b', 'b.id', 'r.benefit_id')
    .innerJoin('orgs as bo', 'bo.id', 'b.org_id')
    .innerJoin('members as m', 'm.id', 'r.member_id')
    .innerJoin('orgs as mo', 'mo.id', 'm.org_id')
    .leftJoin('users as u', 'u.id', 'r.decided_by')
    .select(requestColumns);

export const findAidRequest = (db: Db, id: string) =>
  withPlaces(db).where('r.id', '=', id).executeTakeFirst();
export type AidRequestRow = NonNullable<Awaited<ReturnType<typeof findAidRequest>>>;

/**
 * A new request, unless the member has one for the benefit waiting already (a partial unique
 * index: a double submit ends here, not in a check-then-insert). Undefined then.
 */
export const insertAidRequest = (db: Db, row: Insertable<AidRequestsTable>) =>
  db
    .insertInto('aid_requests')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();

/**
 * The decision, only while the request still waits for one: of two deciding at once, the
 * second finds it decided (its update waits for the first and then matches nothing).
 */
export const markDecided = (
  db: Db,
  id: string,
  set: {
    status: 'approved' | 'rejected';
    amount_granted: number | null;
    comment: string | null;
    decided_by: string;
  },
) =>
  db
    .updateTable('aid_requests')
    .set({ ...set, decided_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', 'submitted')
    .returning('id')
    .executeTakeFirst();

/** Requests of members in the subtree, or to benefits the subtree offers. */
const inSubtree = (path: string) => {
  const upper = subtreeUpperBound(path);
  return sql<boolean>`((m.org_path >= ${path} and m.org_path < ${upper})
    or (bo.path >= ${path} and bo.path < ${upper}))`;
};

/** The staff's queue of a subtree, newest first (keyset on id). */
export const findAidRequestsUnder = (
  db: Db,
  filter: {
    path: string;
    status: AidRequestStatus | undefined;
    beforeId: string | undefined;
    limit: number;
  },
) =>
  withPlaces(db)
    .where(inSubtree(filter.path))
    .$if(filter.status !== undefined, (q) =>
      q.where('r.status', '=', filter.status as AidRequestStatus),
    )
    .$if(filter.beforeId !== undefined, (q) => q.where('r.id', '<', filter.beforeId as string))
    .orderBy('r.id', 'desc')
    .limit(filter.limit)
    .execute();

/** The member's own requests, newest first. */
export const findOwnAidRequests = (
  db: Db,
  memberId: string,
  beforeId: string | undefined,
  limit: number,
) =>
  withPlaces(db)
    .where('r.member_id', '=', memberId)
    .$if(beforeId !== undefined, (q) => q.where('r.id', '<', beforeId as string))
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();

/**
 * The member as a request needs them: on record, and where. `lock`: shared until commit, so
 * neither a transfer nor a deregistration changes their place while they ask.
 */
export const findMemberForAid = (db: Db, id: string, lock = false) =>
  db
    .selectFrom('members')
    .select(['id', 'status', 'org_id', 'org_path'])
    .where('id', '=', id)
    .$if(lock, (q) => q.forShare())
    .executeTakeFirst();

/**
 * Approved requests of the subtree (as its queue: members there, or benefits it offers) by the
 * Moscow month of the decision and benefit, over `[from, to]` (first days of months).
 */
export const findGrantedTotals = (db: Db, path: string, from: string, to: string) =>
  db
    .selectFrom('aid_requests as r')
    .innerJoin('benefits as b', 'b.id', 'r.benefit_id')
    .innerJoin('orgs as bo', 'bo.id', 'b.org_id')
    .innerJoin('members as m', 'm.id', 'r.member_id')
    .select([
      'r.decided_month as month',
      'b.id as benefit_id',
      'b.title as benefit_title',
      'b.kind as benefit_kind',
      'b.org_id as benefit_org_id',
      'bo.name as benefit_org_name',
      sql<string>`count(*)`.as('granted'),
      sql<string>`coalesce(sum(r.amount_granted), 0)`.as('amount'),
    ])
    .where('r.status', '=', 'approved')
    .where('r.decided_month', '>=', from)
    .where('r.decided_month', '<=', to)
    .where(inSubtree(path))
    .groupBy(['r.decided_month', 'b.id', 'b.title', 'b.kind', 'b.org_id', 'bo.name'])
    .orderBy('r.decided_month')
    .orderBy('b.title')
    .orderBy('b.id')
    .execute();
