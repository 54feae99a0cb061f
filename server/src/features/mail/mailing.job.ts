import { idSchema } from '@profreestr/contracts';
import { z } from 'zod';
import { defineJob } from '../../lib/jobs.js';

/**
 * Writes a mailing's recipients and queues their letters, a batch per transaction with its
 * position, so a retry (or a restart) continues where the last batch ended.
 */
export const mailingPrepareJob = defineJob({
  name: 'mailing-prepare',
  payload: z.object({ mailingId: idSchema }),
  retryLimit: 5,
  retryDelaySeconds: 10,
  retryBackoff: true,
  singletonKey: ({ mailingId }) => `mailing:${mailingId}`,
});
