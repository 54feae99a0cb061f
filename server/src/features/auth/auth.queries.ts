import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;

export function findThrottles(db: Db, keys: readonly string[]) {
  return db.selectFrom('auth_throttle').selectAll().where('key', 'in', keys).execute();
}

/** One more failure; the count starts again after `windowSeconds` without failures. */
export async function addThrottleFailure(db: Db, key: string, now: Date, windowSeconds: number) {
  const row = await sql<{ failures: number }>`
    insert into auth_throttle (key, failures, last_failure_at) values (${key}, 1, ${now})
    on conflict (key) do update set
      failures = case
        when auth_throttle.last_failure_at < ${now}::timestamptz - make_interval(secs => ${windowSeconds})
        then 1 else auth_throttle.failures + 1 end,
      last_failure_at = ${now}
    returning failures`.execute(db);
  return row.rows[0]?.failures ?? 1;
}

export async function lockThrottle(db: Db, key: string, until: Date) {
  await db
    .updateTable('auth_throttle')
    .set({ locked_until: until })
    .where('key', '=', key)
    .execute();
}

/** Rows whose last failure is older than `before`: forgotten, so random logins cannot pile up. */
export async function purgeThrottles(db: Db, before: Date) {
  await db.deleteFrom('auth_throttle').where('last_failure_at', '<', before).execute();
}

export async function clearThrottle(db: Db, key: string) {
  await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
}

export function findMfaState(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'login', 'role', 'mfa_secret', 'mfa_pending_secret', 'mfa_last_step'])
    .select((eb) =>
      eb
        .selectFrom('mfa_recovery_codes')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('mfa_recovery_codes.user_id', '=', 'users.id')
        .where('used_at', 'is', null)
        .as('recovery_left'),
    )
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function setPendingSecret(db: Db, userId: string, secret: string | null) {
  await db
    .updateTable('users')
    .set({ mfa_pending_secret: secret })
    .where('id', '=', userId)
    .execute();
}

export async function enableMfaSecret(
  db: Db,
  userId: string,
  secret: string,
  step: number,
  at: Date,
) {
  await db
    .updateTable('users')
    .set({ mfa_secret: secret, mfa_pending_secret: null, mfa_enabled_at: at, mfa_last_step: step })
    .where('id', '=', userId)
    .execute();
}

/** Takes a step only if it is later than the last one used: two requests with one code, one wins. */
export async function useTotpStep(db: Db, userId: string, step: number) {
  const result = await db
    .updateTable('users')
    .set({ mfa_last_step: step })
    .where('id', '=', userId)
    .where('mfa_last_step', '<', String(step))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceRecoveryCodes(db: Db, userId: string, hashes: readonly string[]) {
  await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('mfa_recovery_codes')
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash })))
    .execute();
}

/** Marks an unused code used; false when it is unknown or spent. */
export async function useRecoveryCode(db: Db, userId: string, hash: string, at: Date) {
  const result = await db
    .updateTable('mfa_recovery_codes')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The account signed in from this address (remembered at every successful sign-in). */
export async function rememberSignInAddress(db: Db, userId: string, ip: string, at: Date) {
  await db
    .insertInto('sign_in_addresses')
    .values({ user_id: userId, ip, last_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'ip']).doUpdateSet({ last_at: at }))
    .execute();
}

/** Whether the account signed in from this address since `since`. */
export async function hasSignedInFrom(db: Db, userId: string, ip: string, since: Date) {
  const row = await db
    .selectFrom('sign_in_addresses')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('ip', '=', ip)
    .where('last_at', '>=', since)
    .executeTakeFirst();
  return row !== undefined;
}
