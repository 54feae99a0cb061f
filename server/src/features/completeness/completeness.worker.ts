import { todayIso } from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { startPeriodic } from '../../lib/periodic.js';
import { advanceStatsClock, takeStatsSnapshot } from '../stats/stats.service.js';

const HOUR = 60 * 60 * 1000;

/**
 * The daily step of the counts, run at start and every hour (idempotent, so a missed or
 * repeated hour does no harm): members and chairmen who turned 35 leave "under 35", and the
 * day's snapshot of the counts above primaries is (re)taken for the dashboard's trend.
 * Returns a function that stops it.
 */
export async function startStatsDaily(
  db: Kysely<Database>,
  log: { error(object: unknown, message: string): void },
): Promise<() => void> {
  const step = async () => {
    const today = todayIso();
    await advanceStatsClock(db, today);
    await takeStatsSnapshot(db, today);
  };
  return startPeriodic(step, HOUR, (error) => log.error({ err: error }, 'daily stats step failed'));
}
