import { z } from 'zod';
import { defineJob } from '../../lib/jobs.js';

/**
 * Creates a campaign's reports, prefilled from the register, in batches with progress (72 K at
 * the centre); a second run continues: reports already made are skipped.
 */
export const campaignFillJob = defineJob({
  name: 'report-campaign-fill',
  payload: z.object({ campaignId: z.string().max(20) }),
  retryLimit: 5,
  retryDelaySeconds: 10,
  retryBackoff: true,
  singletonKey: ({ campaignId }) => `campaign-${campaignId}`,
});

/** Reminds the chairmen of a subtree's orgs whose reports are not in yet (a letter each). */
export const campaignRemindJob = defineJob({
  name: 'report-campaign-remind',
  payload: z.object({ campaignId: z.string().max(20), path: z.string().max(2000) }),
  retryLimit: 3,
  retryDelaySeconds: 30,
  retryBackoff: true,
  singletonKey: ({ campaignId, path }) => `remind-${campaignId}-${path}`,
});
