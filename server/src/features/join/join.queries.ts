import type { ApplicationStatus } from '@profreestr/contracts';
import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { ApplicationsTable, Database } from '../../db/schema.js';
import { likeEscape } from '../../lib/like.js';
import { subtreeUpperBound } from '../../lib/tree-path.js';

// Online join in SQL: the public search of primaries, applications and their queue.

type Db = Kysely<Database>;

export type ApplicationRow = Selectable<ApplicationsTable> & { org_name: string };

// ---- the public side ----

/** Active regional orgs, by name: the region picker of the join form. */
export function findRegions(db: Db) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('level', '=', 'regional')
    .where('status', '=', 'active')
    .orderBy('name_key')
    .orderBy('id')
    .execute();
}

/** A regional org, when it is one and active: the search's region filter. */
export function findRegion(db: Db, id: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'path'])
    .where('id', '=', id)
    .where('level', '=', 'regional')
    .where('status', '=', 'active')
    .executeTakeFirst();
}

export interface PublicOrgSearch {
  /** The subtree of a region, or none. */
  scopePath: string | undefined;
  /**
   * Each typed word, in the forms it may take in `search_key` (the name key's, and lower-case
   * as a school's name is kept): every word must occur in one of its forms.
   */
  words: string[][];
  /** The query when it is one word: an INN of the education organization. */
  inn: string | undefined;
  afterId: string | undefined;
  limit: number;
}

/**
 * Active primaries whose name or school's name (one column, `search_key`, trigram-indexed for
 * active primaries) holds every word — a number as a whole number (`search_numbers`) — or
 * whose school has the INN; keyset on id.
 */
export function searchPublicPrimaries(db: Db, s: PublicOrgSearch) {
  let query = db
    .selectFrom('orgs')
    .select([
      'orgs.id',
      'orgs.name',
      'orgs.path',
      sql<string | null>`nullif(orgs.edu_org ->> 'name', '')`.as('edu_name'),
    ])
    .where('orgs.level', '=', 'primary')
    .where('orgs.status', '=', 'active');
  if (s.scopePath) {
    query = query
      .where('orgs.path', '>=', s.scopePath)
      .where('orgs.path', '<', subtreeUpperBound(s.scopePath));
  }
  if (s.words.length || s.inn) {
    query = query.where((eb) => {
      const alternatives = [];
      if (s.words.length) {
        alternatives.push(
          eb.and(
            s.words.map((forms) =>
              /^\d+$/.test(forms[0] ?? '')
                ? eb(sql`orgs.search_numbers`, '@>', sql`array[${forms[0]}]::text[]`)
                : eb.or(forms.map((w) => eb('orgs.search_key', 'like', `%${likeEscape(w)}%`))),
            ),
          ),
        );
      }
      if (s.inn) alternatives.push(eb(sql<string>`orgs.edu_org ->> 'inn'`, '=', s.inn));
      return eb.or(alternatives);
    });
  }
  if (s.afterId) query = query.where('orgs.id', '>', s.afterId);
  return query.orderBy('orgs.id').limit(s.limit).execute();
}

/** The regional orgs among these ids (the ancestors of a page of results), by id. */
export function findRegionalNames(db: Db, ids: readonly string[]) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .where('level', '=', 'regional')
    .execute();
}

/** The org an application names: what the form may choose (an active primary) is checked on it. */
export function findOrgForApplication(db: Db, id: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'name', 'path', 'level', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

// ---- applications ----

export async function insertApplication(db: Db, row: Insertable<ApplicationsTable>) {
  return db.insertInto('applications').values(row).returning('id').executeTakeFirstOrThrow();
}

const selectApplications = (db: Db) =>
  db
    .selectFrom('applications')
    .innerJoin('orgs', 'orgs.id', 'applications.org_id')
    .selectAll('applications')
    .select('orgs.name as org_name');

export function findApplication(db: Db, id: string): Promise<ApplicationRow | undefined> {
  return selectApplications(db).where('applications.id', '=', id).executeTakeFirst();
}

/** The applications that became this member (their own export of what is held about them). */
export function findApplicationsOfMember(db: Db, memberId: string): Promise<ApplicationRow[]> {
  return selectApplications(db).where('applications.member_id', '=', memberId).execute();
}

/** The application, locked until the transaction ends: of two decisions, the second waits. */
export function findApplicationForUpdate(db: Db, id: string): Promise<ApplicationRow | undefined> {
  return selectApplications(db)
    .where('applications.id', '=', id)
    .forUpdate('applications')
    .executeTakeFirst();
}

export function updateApplication(
  db: Db,
  id: string,
  changes: Partial<{
    status: ApplicationStatus;
    code_hash: string | null;
    confirmed_at: Date;
    decided_at: Date;
    decided_by: string;
    reject_reason: string;
    member_id: string;
  }>,
) {
  return db.updateTable('applications').set(changes).where('id', '=', id).execute();
}

/** What staff see: submitted and later, never an address nobody confirmed. */
const decidedOrWaiting = ['submitted', 'accepted', 'rejected'] as const;

export interface ApplicationFilter {
  scopePath: string;
  status: (typeof decidedOrWaiting)[number] | undefined;
  beforeId: string | undefined;
  limit: number;
}

/** A page of the subtree's applications, newest first (keyset on id). */
export function findApplications(db: Db, f: ApplicationFilter): Promise<ApplicationRow[]> {
  return selectApplications(db)
    .where('applications.org_path', '>=', f.scopePath)
    .where('applications.org_path', '<', subtreeUpperBound(f.scopePath))
    .$if(!!f.status, (q) => q.where('applications.status', '=', f.status as ApplicationStatus))
    .$if(!f.status, (q) => q.where('applications.status', 'in', decidedOrWaiting))
    .$if(!!f.beforeId, (q) => q.where('applications.id', '<', f.beforeId as string))
    .orderBy('applications.id', 'desc')
    .limit(f.limit)
    .execute();
}

/** Applications waiting for a decision in the subtree (`applications_waiting_idx`). */
export async function countWaiting(db: Db, scopePath: string) {
  const row = await db
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'submitted')
    .where('org_path', '>=', scopePath)
    .where('org_path', '<', subtreeUpperBound(scopePath))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Unconfirmed applications made before `before` become expired; their codes are forgotten. */
export function expireUnconfirmed(db: Db, before: Date) {
  return db
    .updateTable('applications')
    .set({ status: 'expired', code_hash: null })
    .where('status', '=', 'unconfirmed')
    .where('created_at', '<', before)
    .returning(['id', 'org_path'])
    .execute();
}
