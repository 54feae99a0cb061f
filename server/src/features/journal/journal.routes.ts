import {
  auditPageSchema,
  auditQuerySchema,
  idParamsSchema,
  pageQuerySchema,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type App, ctxOf, staff } from '../../lib/http.js';
import { memberAuditTrail, searchAudit } from './journal.service.js';

export function registerJournalRoutes(app: App, db: Kysely<Database>) {
  app.get(
    '/api/v1/audit',
    {
      config: { callers: staff },
      schema: {
        tags: ['audit'],
        summary: 'Журнал аудита поддерева (администраторы)',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => searchAudit(ctxOf(request, db), request.query),
  );

  app.get(
    '/api/v1/members/:id/audit',
    {
      config: { callers: staff },
      schema: {
        tags: ['audit'],
        summary: 'Кто просматривал и изменял карточку члена Профсоюза',
        params: idParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => memberAuditTrail(ctxOf(request, db), request.params.id, request.query),
  );
}
