import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../lib/app-error.js';
import {
  addThrottleFailure,
  clearThrottle,
  findThrottles,
  lockThrottle,
  purgeThrottles,
} from './auth.queries.js';

// Failed sign-ins (and failed second-factor codes) per account and per IP. Past a number of
// failures a key is locked for a time that doubles with each further failure, up to an hour;
// a failure-free hour starts the count again. Kept in the database, so all server processes
// count together and a restart forgives nothing.

export interface ThrottleRule {
  /** Failures allowed before the first lock. */
  free: number;
}

export const accountRule: ThrottleRule = { free: 5 };
export const ipRule: ThrottleRule = { free: 20 };
const FIRST_LOCK_SECONDS = 30;
const MAX_LOCK_SECONDS = 60 * 60;
const WINDOW_SECONDS = 60 * 60;

/** The lock after `failures` failures (0 = none): 30 s, 60 s, 120 s… up to an hour. */
export function lockSeconds(rule: ThrottleRule, failures: number): number {
  if (failures < rule.free) return 0;
  return Math.min(FIRST_LOCK_SECONDS * 2 ** (failures - rule.free), MAX_LOCK_SECONDS);
}

type Db = Kysely<Database>;

export const rateLimited = (seconds: number) =>
  new AppError(
    'rate_limited',
    `Слишком много неудачных попыток. Повторите через ${waitText(seconds)}`,
    [],
    { headers: { 'retry-after': String(seconds) } },
  );

function waitText(seconds: number) {
  if (seconds < 60) return `${seconds} с`;
  return `${Math.ceil(seconds / 60)} мин`;
}

/** Seconds each locked key stays locked (keys not locked are absent). */
export async function lockedSeconds(db: Db, keys: readonly string[], now: Date) {
  const rows = await findThrottles(db, keys);
  const locks = new Map<string, number>();
  for (const row of rows) {
    const until = row.locked_until ? new Date(row.locked_until).getTime() : 0;
    if (until > now.getTime()) locks.set(row.key, Math.ceil((until - now.getTime()) / 1000));
  }
  return locks;
}

/** Refuses with 429 while any of the keys is locked. */
export async function assertNotLocked(db: Db, keys: readonly string[], now: Date) {
  const locks = await lockedSeconds(db, keys, now);
  if (locks.size) throw rateLimited(Math.max(...locks.values()));
}

export async function recordFailure(
  db: Db,
  keys: readonly (readonly [key: string, rule: ThrottleRule])[],
  now: Date,
) {
  for (const [key, rule] of keys) {
    const failures = await addThrottleFailure(db, key, now, WINDOW_SECONDS);
    const seconds = lockSeconds(rule, failures);
    if (seconds > 0) await lockThrottle(db, key, new Date(now.getTime() + seconds * 1000));
  }
  // A key silent for longer than the window plus the longest lock holds nothing any more.
  await purgeThrottles(db, new Date(now.getTime() - (WINDOW_SECONDS + MAX_LOCK_SECONDS) * 1000));
}

export const clearFailures = (db: Db, key: string) => clearThrottle(db, key);
