import type { Role } from '@profreestr/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { likeEscape } from '../../lib/like.js';
import { subtreeUpperBound } from '../../lib/tree-path.js';

const userColumns = [
  'users.id',
  'users.login',
  'users.role',
  'users.org_id',
  'users.full_name',
  'users.disabled_at',
  'users.mfa_secret',
  'orgs.path',
  'orgs.name as org_name',
] as const;

export type UserRecord = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

export function findUserById(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(userColumns)
    .where('users.id', '=', id)
    .executeTakeFirst();
}

export function findUserCredentials(db: Kysely<Database>, login: string) {
  return db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select([
      'users.id',
      'users.login',
      'users.password_hash',
      'users.role',
      'users.org_id',
      'users.full_name',
      'users.disabled_at',
      'users.mfa_secret',
      'orgs.path',
    ])
    .where('users.login', '=', login)
    .executeTakeFirst();
}

/** Lower-case, ё as е: how logins and names are compared in a search. */
export const searchKey = (text: string) => text.toLowerCase().replaceAll('ё', 'е');

/**
 * Users of a subtree by login, a keyset page. Each word of `words` must start the login or a
 * word of the full name (a half of a double surname too). Users are few (a handful per org, tens of thousands in all), so the
 * subtree's users are read by `users_org_idx` through the orgs' path range and filtered; no
 * name index is needed.
 */
export function findUsersInSubtree(
  db: Kysely<Database>,
  filter: { scopePath: string; words: readonly string[] },
  after: readonly [string, string] | undefined,
  limit: number,
) {
  let query = db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(userColumns)
    .where('orgs.path', '>=', filter.scopePath)
    .where('orgs.path', '<', subtreeUpperBound(filter.scopePath));
  for (const word of filter.words) {
    const prefix = `${likeEscape(word)}%`;
    const name = sql<string>`replace(lower(users.full_name), 'ё', 'е')`;
    query = query.where((eb) =>
      eb.or([
        eb('users.login', 'like', prefix),
        eb(name, 'like', prefix),
        eb(name, 'like', `% ${prefix}`),
        // Either half of a double surname.
        eb(name, 'like', `%-${prefix}`),
      ]),
    );
  }
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple('users.login', 'users.id'), '>', eb.tuple(after[0], after[1])),
    );
  }
  return query.orderBy('users.login').orderBy('users.id').limit(limit).execute();
}

export async function insertUser(
  db: Kysely<Database>,
  user: { login: string; passwordHash: string; role: Role; orgId: string; fullName: string },
): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({
      login: user.login,
      password_hash: user.passwordHash,
      role: user.role,
      org_id: user.orgId,
      full_name: user.fullName,
      disabled_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUserRow(
  db: Kysely<Database>,
  id: string,
  patch: {
    role?: Role;
    full_name?: string;
    disabled_at?: Date | null;
    password_hash?: string;
    org_id?: string;
  },
) {
  await db
    .updateTable('users')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Ids of the users whose org lies in the subtree. */
export async function findUserIdsInSubtree(db: Kysely<Database>, scopePath: string) {
  const rows = await db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select('users.id')
    .where('orgs.path', '>=', scopePath)
    .where('orgs.path', '<', subtreeUpperBound(scopePath))
    .execute();
  return rows.map((r) => r.id);
}

/** Logins, names and places of users by id (the audit journal names a page's users). */
export function findUserNames(db: Kysely<Database>, ids: readonly string[]) {
  return db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(['users.id', 'users.login', 'users.full_name', 'users.disabled_at', 'orgs.path'])
    .where('users.id', 'in', ids)
    .execute();
}
