import { z } from 'zod';
import { defineJob } from '../../lib/jobs.js';

/**
 * Orders a batch's cards: every active member of the subtree without a live plastic card, in
 * keyset chunks that commit with the batch's progress and position; a second run continues
 * where the last chunk ended (and a card already ordered is never ordered twice).
 */
export const cardBatchFillJob = defineJob({
  name: 'card-batch-fill',
  payload: z.object({ batchId: z.string().max(20) }),
  retryLimit: 5,
  retryDelaySeconds: 10,
  retryBackoff: true,
  singletonKey: ({ batchId }) => `card-batch-fill-${batchId}`,
});

/** Moves a big batch's cards to its new status (produced, delivered) in chunks. */
export const cardBatchMoveJob = defineJob({
  name: 'card-batch-move',
  payload: z.object({
    batchId: z.string().max(20),
    status: z.enum(['produced', 'delivered']),
  }),
  retryLimit: 5,
  retryDelaySeconds: 10,
  retryBackoff: true,
  singletonKey: ({ batchId, status }) => `card-batch-move-${batchId}-${status}`,
});
