import { z } from 'zod';
import { defineJob } from '../../lib/jobs.js';

/**
 * Sends a sign-in code to an address, if a member on record holds it. A job, not the request:
 * the request answers the same, as fast, whoever the address belongs to.
 */
export const cabinetCodeJob = defineJob({
  name: 'cabinet-code',
  payload: z.object({ email: z.string().max(254) }),
  retryLimit: 3,
  retryDelaySeconds: 5,
  retryBackoff: true,
});
