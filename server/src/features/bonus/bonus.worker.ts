import { todayIso } from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { JobRunner } from '../../lib/jobs.js';
import { startPeriodic } from '../../lib/periodic.js';
import { bonusConfirmJob } from './bonus.jobs.js';
import { confirmHeldPurchases } from './purchases.service.js';

const HOUR = 60 * 60 * 1000;

/**
 * The programme's daily step: the confirmation job runs in this worker, and is sent at start
 * and every hour (idempotent: a purchase is confirmed within the hour its hold ends). Returns
 * a function that stops the timer.
 */
export async function startBonusDaily(
  db: Kysely<Database>,
  runner: JobRunner,
  holdDays: number,
  log: { error(object: unknown, message: string): void },
): Promise<() => void> {
  await runner.work(bonusConfirmJob, async () => {
    await confirmHeldPurchases(db, holdDays);
  });
  return startPeriodic(
    () => runner.jobs.send(bonusConfirmJob, { day: todayIso() }),
    HOUR,
    (error) => log.error({ err: error }, 'bonus confirmation not sent'),
  );
}
