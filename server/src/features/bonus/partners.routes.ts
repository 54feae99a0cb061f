import {
  createPartnerSchema,
  idParamsSchema,
  partnerListSchema,
  partnerRateChangeSchema,
  partnerSchema,
  partnerWithKeySchema,
  purchaseListQuerySchema,
  purchasePageSchema,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type App, ctxOf, staff } from '../../lib/http.js';
import {
  changeRate,
  createPartner,
  getPartner,
  listPartnerPurchases,
  listPartners,
  revokeKey,
  rotateKey,
} from './partners.service.js';

// PROFCARDS partners, for the centre's admins: rates, API keys, purchases. HTTP only.

export function registerPartnerRoutes(app: App, db: Kysely<Database>) {
  const tags = ['bonus'];
  const config = { callers: staff };

  app.post(
    '/api/v1/partners',
    {
      config,
      schema: {
        tags,
        summary: 'Новый партнёр с процентом кэшбэка; ключ API показывается один раз',
        body: createPartnerSchema,
        response: { 201: partnerWithKeySchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createPartner(ctxOf(request, db), request.body)),
  );
  app.get(
    '/api/v1/partners',
    {
      config,
      schema: {
        tags,
        summary: 'Партнёры: процент на сегодня, начало ключа, число покупок',
        response: { 200: partnerListSchema },
      },
    },
    async (request) => listPartners(ctxOf(request, db)),
  );
  app.get(
    '/api/v1/partners/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Партнёр и история его процентов',
        params: idParamsSchema,
        response: { 200: partnerSchema },
      },
    },
    async (request) => getPartner(ctxOf(request, db), request.params.id),
  );
  app.post(
    '/api/v1/partners/:id/rates',
    {
      config,
      schema: {
        tags,
        summary: 'Новый процент кэшбэка с указанного дня (с сегодняшнего или позже)',
        params: idParamsSchema,
        body: partnerRateChangeSchema,
        response: { 200: partnerSchema },
      },
    },
    async (request) => changeRate(ctxOf(request, db), request.params.id, request.body),
  );
  app.post(
    '/api/v1/partners/:id/key',
    {
      config,
      schema: {
        tags,
        summary: 'Новый ключ API (прежний сразу перестаёт действовать); показывается один раз',
        params: idParamsSchema,
        response: { 200: partnerWithKeySchema },
      },
    },
    async (request) => rotateKey(ctxOf(request, db), request.params.id),
  );
  app.delete(
    '/api/v1/partners/:id/key',
    {
      config,
      schema: {
        tags,
        summary: 'Отозвать ключ API партнёра',
        params: idParamsSchema,
        response: { 200: partnerSchema },
      },
    },
    async (request) => revokeKey(ctxOf(request, db), request.params.id),
  );
  app.get(
    '/api/v1/partners/:id/purchases',
    {
      config,
      schema: {
        tags,
        summary: 'Покупки партнёра, новые первыми (номер карты — последние четыре цифры)',
        params: idParamsSchema,
        querystring: purchaseListQuerySchema,
        response: { 200: purchasePageSchema },
      },
    },
    async (request) => listPartnerPurchases(ctxOf(request, db), request.params.id, request.query),
  );
}
