import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
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

export function findUsersInSubtree(
  db: Kysely<Database>,
  scopePath: string,
  after: readonly [string, string] | undefined,
  limit: number,
) {
  let query = db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(userColumns)
    .where('orgs.path', '>=', scopePath)
    .where('orgs.path', '<', subtreeUpperBound(scopePath));
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple('users.login', 'users.id'), '>', eb.tuple(after[0], after[1])),
    );
  }
  return query.orderBy('users.login').orderBy('users.id').limit(limit).execute();
}

export async function insertUser(
  db: Kysely<Database>,
  user: { login: string; passwordHash: string; role: string; orgId: string; fullName: string },
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
  patch: { role?: string; full_name?: string; disabled_at?: Date | null; password_hash?: string },
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
