import {
  applicationAcceptedSchema,
  applicationAcceptSchema,
  applicationConfirmSchema,
  applicationCountSchema,
  applicationCreatedSchema,
  applicationCreateSchema,
  applicationPageSchema,
  applicationPublicStatusSchema,
  applicationQuerySchema,
  applicationRejectSchema,
  applicationSchema,
  applicationStatusQuerySchema,
  idParamsSchema,
  publicOrgPageSchema,
  publicOrgQuerySchema,
  publicRegionsSchema,
} from '@profreestr/contracts';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Ctx } from '../../lib/context.js';
import { type App, anyone, ctxOf, staff } from '../../lib/http.js';
import {
  acceptApplication,
  countApplications,
  getApplication,
  listApplications,
  rejectApplication,
} from './applications.service.js';
import {
  applicationStatus,
  confirmApplication,
  createApplication,
  listRegions,
  searchPublicOrgs,
} from './join.service.js';

// Online join: the public form (nobody signed in) and the staff's applications.

/** The context of a public route: whoever calls, as they are (usually nobody signed in). */
const publicCtx = (request: FastifyRequest, db: Kysely<Database>): Ctx => ({
  db,
  actor: request.actor,
  ip: request.ip,
  jobs: request.server.jobs,
});

export function registerJoinRoutes(app: App, db: Kysely<Database>) {
  const tags = ['public'];
  app.get(
    '/api/v1/public/regions',
    {
      config: { callers: anyone },
      schema: {
        tags,
        summary: 'Регионы (региональные организации) для выбора в заявлении о вступлении',
        response: { 200: publicRegionsSchema },
      },
    },
    async (request) => listRegions(publicCtx(request, db)),
  );

  app.get(
    '/api/v1/public/orgs',
    {
      config: { callers: anyone },
      schema: {
        tags,
        summary:
          'Поиск первичной организации для заявления: по названию, названию или ИНН образовательной организации',
        querystring: publicOrgQuerySchema,
        response: { 200: publicOrgPageSchema },
      },
    },
    async (request) => searchPublicOrgs(publicCtx(request, db), request.query),
  );

  app.post(
    '/api/v1/applications',
    {
      config: { callers: anyone },
      schema: {
        tags,
        summary: 'Заявление о вступлении в Профсоюз: на e-mail придёт код подтверждения',
        body: applicationCreateSchema,
        response: { 201: applicationCreatedSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createApplication(publicCtx(request, db), request.body)),
  );

  app.post(
    '/api/v1/applications/:id/confirm',
    {
      config: { callers: anyone },
      schema: {
        tags,
        summary: 'Подтвердить заявление кодом из письма: оно уходит председателю организации',
        params: idParamsSchema,
        body: applicationConfirmSchema,
        response: { 200: applicationCreatedSchema },
      },
    },
    async (request) =>
      confirmApplication(publicCtx(request, db), request.params.id, request.body.code),
  );

  app.get(
    '/api/v1/applications/:id/status',
    {
      config: { callers: anyone },
      schema: {
        tags,
        summary: 'Состояние своего заявления (по e-mail, указанному в заявлении)',
        params: idParamsSchema,
        querystring: applicationStatusQuerySchema,
        response: { 200: applicationPublicStatusSchema },
      },
    },
    async (request) =>
      applicationStatus(publicCtx(request, db), request.params.id, request.query.email),
  );

  const staffTags = ['applications'];
  app.get(
    '/api/v1/applications',
    {
      config: { callers: staff },
      schema: {
        tags: staffTags,
        summary: 'Заявления о вступлении в организациях поддерева, новые первыми',
        querystring: applicationQuerySchema,
        response: { 200: applicationPageSchema },
      },
    },
    async (request) => listApplications(ctxOf(request, db), request.query),
  );

  app.get(
    '/api/v1/applications/count',
    {
      config: { callers: staff },
      schema: {
        tags: staffTags,
        summary: 'Сколько заявлений поддерева ждут решения',
        response: { 200: applicationCountSchema },
      },
    },
    async (request) => countApplications(ctxOf(request, db)),
  );

  app.get(
    '/api/v1/applications/:id',
    {
      config: { callers: staff },
      schema: {
        tags: staffTags,
        summary: 'Заявление о вступлении',
        params: idParamsSchema,
        response: { 200: applicationSchema },
      },
    },
    async (request) => getApplication(ctxOf(request, db), request.params.id),
  );

  app.post(
    '/api/v1/applications/:id/accept',
    {
      config: { callers: staff },
      schema: {
        tags: staffTags,
        summary:
          'Принять: поставить на учёт в выбранной организации (новый номер билета), письмо с приглашением в кабинет',
        params: idParamsSchema,
        body: applicationAcceptSchema,
        response: { 200: applicationAcceptedSchema },
      },
    },
    async (request) => acceptApplication(ctxOf(request, db), request.params.id, request.body),
  );

  app.post(
    '/api/v1/applications/:id/reject',
    {
      config: { callers: staff },
      schema: {
        tags: staffTags,
        summary: 'Отклонить заявление: заявителю придёт письмо с причиной',
        params: idParamsSchema,
        body: applicationRejectSchema,
        response: { 200: applicationSchema },
      },
    },
    async (request) => rejectApplication(ctxOf(request, db), request.params.id, request.body),
  );
}
