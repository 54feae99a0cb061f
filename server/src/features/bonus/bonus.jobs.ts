import { z } from 'zod';
import { defineJob } from '../../lib/jobs.js';

/**
 * Confirms the purchases whose hold (BONUS_HOLD_DAYS) is over, in chunks; idempotent, so a
 * repeated or missed run does no harm. Sent at start and every hour by bonus.worker.
 */
export const bonusConfirmJob = defineJob({
  name: 'bonus-confirm',
  payload: z.object({ day: z.string().max(10) }),
  retryLimit: 3,
  retryDelaySeconds: 60,
  retryBackoff: true,
  singletonKey: ({ day }) => `bonus-confirm-${day}`,
});
