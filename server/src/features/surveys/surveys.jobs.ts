import { idSchema } from '@profreestr/contracts';
import { z } from 'zod';
import { defineJob } from '../../lib/jobs.js';

/**
 * Publishes a survey: its audience written once into the invited list, chunk by chunk, each
 * chunk committing with its position and its invitations; a retry continues from there.
 */
export const surveyPublishJob = defineJob({
  name: 'survey-publish',
  payload: z.object({ surveyId: idSchema }),
  retryLimit: 5,
  retryDelaySeconds: 10,
  retryBackoff: true,
  singletonKey: ({ surveyId }) => `survey-publish-${surveyId}`,
});

/** Reminds the invited who have not answered (a letter each, to those who agreed to letters). */
export const surveyRemindJob = defineJob({
  name: 'survey-remind',
  payload: z.object({ surveyId: idSchema }),
  retryLimit: 3,
  retryDelaySeconds: 30,
  retryBackoff: true,
  singletonKey: ({ surveyId }) => `survey-remind-${surveyId}`,
});
