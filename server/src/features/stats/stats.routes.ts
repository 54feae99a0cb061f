import { idParamsSchema, orgStatsSchema } from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type App, ctxOf, staffReads } from '../../lib/http.js';
import { getOrgStats } from './stats.service.js';

export function registerStatsRoutes(app: App, db: Kysely<Database>) {
  app.get(
    '/api/v1/orgs/:id/stats',
    {
      config: staffReads,
      schema: {
        tags: ['orgs'],
        summary: 'Члены Профсоюза поддерева: на учёте, сняты, по категориям и полу',
        params: idParamsSchema,
        response: { 200: orgStatsSchema },
      },
    },
    async (request) => getOrgStats(ctxOf(request, db), request.params.id),
  );
}
