import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { startPeriodic } from '../../lib/periodic.js';
import { purgeRateLimits } from '../../lib/rate-limit.js';
import { purgeMemberSessions } from '../sessions/member-sessions.js';
import { purgeCabinetCodes } from './cabinet-auth.service.js';

const HOUR = 60 * 60 * 1000;

/**
 * Hourly (and at start): codes past their 10 minutes, member sessions past their 12 hours,
 * sessions' budgets and request counts of windows long over are deleted, so none of these tables grows without end.
 */
export async function startCabinetHousekeeping(
  db: Kysely<Database>,
  log: { error(object: unknown, message: string): void },
) {
  const step = async () => {
    const now = new Date();
    await purgeCabinetCodes(db, now);
    await purgeMemberSessions(db, now);
    await purgeRateLimits(db, new Date(now.getTime() - 2 * 24 * HOUR));
  };
  return startPeriodic(step, HOUR, (error) =>
    log.error({ err: error }, 'cabinet housekeeping failed'),
  );
}
