import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { startPeriodic } from '../../lib/periodic.js';
import { purgeDeliveredBodies } from './mail.queries.js';

// Delivered letters lose their text after MAIL_RETENTION_DAYS (status, address and dates stay,
// so the outbox still answers "was it sent"); hourly and at start, in batches, so no step holds
// a long transaction.

const DAY = 24 * 60 * 60 * 1000;
const BATCH = 5000;

export async function purgeOldLetterBodies(db: Kysely<Database>, retentionDays: number, now: Date) {
  const before = new Date(now.getTime() - retentionDays * DAY);
  let purged = 0;
  for (;;) {
    const done = await purgeDeliveredBodies(db, before, now, BATCH);
    purged += done;
    if (done < BATCH) return purged;
  }
}

export async function startMailRetention(
  db: Kysely<Database>,
  retentionDays: number,
  log: { error(object: unknown, message: string): void },
) {
  return startPeriodic(
    () => purgeOldLetterBodies(db, retentionDays, new Date()),
    60 * 60 * 1000,
    (error) => log.error({ err: error }, 'mail retention step failed'),
  );
}
