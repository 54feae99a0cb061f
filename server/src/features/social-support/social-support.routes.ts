import {
  aidDecisionSchema,
  aidRequestCreatedSchema,
  aidRequestCreateSchema,
  aidRequestPageSchema,
  aidRequestQuerySchema,
  aidRequestSchema,
  aidTotalsQuerySchema,
  aidTotalsSchema,
  benefitCreateSchema,
  benefitListSchema,
  benefitPageSchema,
  benefitPatchSchema,
  benefitQuerySchema,
  benefitSchema,
  idParamsSchema,
  ownAidRequestPageSchema,
  ownAidRequestQuerySchema,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import {
  type App,
  ctxOf,
  member,
  memberCtxOf,
  sendDownload,
  staff,
  staffReads,
} from '../../lib/http.js';
import {
  cabinetBenefits,
  decideAidRequest,
  getAidRequest,
  listAidRequests,
  ownAidRequests,
  requestAid,
} from './aid-requests.service.js';
import { aidTotals, aidTotalsFile } from './aid-totals.service.js';
import {
  changeBenefit,
  createBenefit,
  endBenefit,
  getBenefit,
  listBenefits,
} from './benefits.service.js';

// Additional social support: the benefits catalogue (staff), members' aid requests (the
// cabinet) and their decisions and totals (staff). HTTP only.

export function registerSocialSupportRoutes(app: App, db: Kysely<Database>) {
  const tags = ['social-support'];
  const config = { callers: staff };

  // --- the catalogue ---
  app.post(
    '/api/v1/benefits',
    {
      config,
      schema: {
        tags,
        summary: 'Добавить льготу: её предлагают членам Профсоюза поддерева организации',
        body: benefitCreateSchema,
        response: { 201: benefitSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createBenefit(ctxOf(request, db), request.body)),
  );
  app.get(
    '/api/v1/benefits',
    {
      config,
      schema: {
        tags,
        summary: 'Льготы, которые предлагают организации поддерева (и завершённые)',
        querystring: benefitQuerySchema,
        response: { 200: benefitPageSchema },
      },
    },
    async (request) => listBenefits(ctxOf(request, db), request.query),
  );
  app.get(
    '/api/v1/benefits/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Льгота',
        params: idParamsSchema,
        response: { 200: benefitSchema },
      },
    },
    async (request) => getBenefit(ctxOf(request, db), request.params.id),
  );
  app.patch(
    '/api/v1/benefits/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Изменить льготу: название, описание, вид, условия, даты',
        params: idParamsSchema,
        body: benefitPatchSchema,
        response: { 200: benefitSchema },
      },
    },
    async (request) => changeBenefit(ctxOf(request, db), request.params.id, request.body),
  );
  app.post(
    '/api/v1/benefits/:id/end',
    {
      config,
      schema: {
        tags,
        summary: 'Завершить действие льготы сегодняшним днём',
        params: idParamsSchema,
        response: { 200: benefitSchema },
      },
    },
    async (request) => endBenefit(ctxOf(request, db), request.params.id),
  );

  // --- aid requests, the staff's side ---
  app.get(
    '/api/v1/aid-requests',
    {
      config,
      schema: {
        tags,
        summary: 'Обращения за помощью членов Профсоюза поддерева и по льготам поддерева',
        querystring: aidRequestQuerySchema,
        response: { 200: aidRequestPageSchema },
      },
    },
    async (request) => listAidRequests(ctxOf(request, db), request.query),
  );
  app.get(
    '/api/v1/aid-requests/totals',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Назначенная помощь по льготам и месяцам в поддереве',
        querystring: aidTotalsQuerySchema,
        response: { 200: aidTotalsSchema },
      },
    },
    async (request) => aidTotals(ctxOf(request, db), request.query),
  );
  app.get(
    '/api/v1/aid-requests/totals/file',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Назначенная помощь по льготам и месяцам файлом XLSX',
        querystring: aidTotalsQuerySchema,
      },
    },
    async (request, reply) =>
      sendDownload(reply, await aidTotalsFile(ctxOf(request, db), request.query)),
  );
  app.get(
    '/api/v1/aid-requests/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Обращение за помощью',
        params: idParamsSchema,
        response: { 200: aidRequestSchema },
      },
    },
    async (request) => getAidRequest(ctxOf(request, db), request.params.id),
  );
  app.post(
    '/api/v1/aid-requests/:id/decide',
    {
      config,
      schema: {
        tags,
        summary: 'Решение по обращению: одобрить с суммой или отказать с причиной',
        params: idParamsSchema,
        body: aidDecisionSchema,
        response: { 200: aidRequestSchema },
      },
    },
    async (request) => decideAidRequest(ctxOf(request, db), request.params.id, request.body),
  );

  // --- the member's cabinet ---
  const cabinet = { config: { callers: member }, tags: ['cabinet'] };
  app.get(
    '/api/v1/cabinet/benefits',
    {
      config: cabinet.config,
      schema: {
        tags: cabinet.tags,
        summary: 'Льготы, которые сегодня предлагают своя организация и вышестоящие',
        response: { 200: benefitListSchema },
      },
    },
    async (request) => cabinetBenefits(memberCtxOf(request, db)),
  );
  app.post(
    '/api/v1/cabinet/aid-requests',
    {
      config: cabinet.config,
      schema: {
        tags: cabinet.tags,
        summary: 'Обратиться за помощью по льготе (сумма в рублях, по желанию)',
        body: aidRequestCreateSchema,
        response: { 201: aidRequestCreatedSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await requestAid(memberCtxOf(request, db), request.body)),
  );
  app.get(
    '/api/v1/cabinet/aid-requests',
    {
      config: cabinet.config,
      schema: {
        tags: cabinet.tags,
        summary: 'Свои обращения за помощью: статус, решение, назначенная сумма',
        querystring: ownAidRequestQuerySchema,
        response: { 200: ownAidRequestPageSchema },
      },
    },
    async (request) => ownAidRequests(memberCtxOf(request, db), request.query),
  );
}
