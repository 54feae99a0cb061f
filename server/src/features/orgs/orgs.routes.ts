import {
  idParamsSchema,
  orgCreateSchema,
  orgLevels,
  orgSchema,
  pageOf,
  pageQuerySchema,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import { type App, ctxOf } from '../../lib/http.js';
import { createOrg, getOrg, listAncestors, listChildren } from './orgs.service.js';

const ancestorsSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), level: z.enum(orgLevels) })),
});

export function registerOrgRoutes(app: App, db: Kysely<Database>) {
  app.post(
    '/api/v1/orgs',
    {
      schema: {
        tags: ['orgs'],
        summary: 'Создать организацию',
        body: orgCreateSchema,
        response: { 201: orgSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createOrg(ctxOf(request, db), request.body)),
  );

  app.get(
    '/api/v1/orgs/:id',
    {
      schema: {
        tags: ['orgs'],
        summary: 'Паспорт организации',
        params: idParamsSchema,
        response: { 200: orgSchema },
      },
    },
    async (request) => getOrg(ctxOf(request, db), request.params.id),
  );

  app.get(
    '/api/v1/orgs/:id/children',
    {
      schema: {
        tags: ['orgs'],
        summary: 'Дочерние организации (по названию, постранично)',
        params: idParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: pageOf(orgSchema) },
      },
    },
    async (request) => listChildren(ctxOf(request, db), request.params.id, request.query),
  );

  app.get(
    '/api/v1/orgs/:id/ancestors',
    {
      schema: {
        tags: ['orgs'],
        summary: 'Цепочка вышестоящих в пределах области видимости (для навигации)',
        params: idParamsSchema,
        response: { 200: ancestorsSchema },
      },
    },
    async (request) => listAncestors(ctxOf(request, db), request.params.id),
  );
}
