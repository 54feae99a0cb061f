import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { startPeriodic } from '../../lib/periodic.js';
import { expireApplications } from './join.service.js';

const HOUR = 60 * 60 * 1000;

/**
 * The periodic step of online join, run at start and every hour (idempotent): applications
 * nobody confirmed within 7 days expire. Returns a function that stops it.
 */
export async function startApplicationExpiry(
  db: Kysely<Database>,
  log: { error(object: unknown, message: string): void },
): Promise<() => void> {
  return startPeriodic(
    () => expireApplications(db, new Date()),
    HOUR,
    (error) => log.error({ err: error }, 'application expiry step failed'),
  );
}
