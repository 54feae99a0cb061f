import { idSchema } from '@profreestr/contracts';
import { z } from 'zod';
import { defineJob } from '../../lib/jobs.js';

/**
 * Runs one uploaded file. The runner resumes from its last committed batch, so a retry after
 * a crash or a failed attempt continues rather than repeats; one job per import at a time.
 */
export const importJob = defineJob({
  name: 'import',
  payload: z.object({ importId: idSchema }),
  retryLimit: 3,
  retryDelaySeconds: 30,
  retryBackoff: true,
  singletonKey: ({ importId }) => `import:${importId}`,
});
