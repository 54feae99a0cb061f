import {
  idParamsSchema,
  ifMatchHeadersSchema,
  orgChangeSchema,
  orgCreateSchema,
  orgLiquidateSchema,
  orgMergeSchema,
  orgMoveSchema,
  orgPatchSchema,
  orgRefSchema,
  orgSchema,
  orgSearchItemSchema,
  orgSearchQuerySchema,
  pageOf,
  pageQuerySchema,
  transferTargetQuerySchema,
  transferTargetSchema,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import { parseIfMatch } from '../../lib/etag.js';
import { type App, ctxOf, staff, staffReads } from '../../lib/http.js';
import { listOrgHistory } from './org-history.service.js';
import { searchOrgs, searchTransferTargets } from './org-search.service.js';
import { liquidateOrg, mergeOrgs, moveOrg } from './org-tree.service.js';
import { createOrg, getOrg, listAncestors, listChildren, updateOrg } from './orgs.service.js';

const tags = ['orgs'];

export function registerOrgRoutes(app: App, db: Kysely<Database>) {
  app.post(
    '/api/v1/orgs',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Создать организацию',
        body: orgCreateSchema,
        response: { 201: orgSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createOrg(ctxOf(request, db), request.body)),
  );

  app.get(
    '/api/v1/orgs',
    {
      config: staffReads,
      schema: {
        tags,
        summary:
          'Поиск организаций по названию, коду или ИНН в поддереве: сначала точный код или ИНН, ' +
          'затем названия с числами запроса как целыми числами («№ 11» раньше «№ 110»); ' +
          'у каждой — вышестоящие (parents)',
        querystring: orgSearchQuerySchema,
        response: { 200: pageOf(orgSearchItemSchema) },
      },
    },
    async (request) => searchOrgs(ctxOf(request, db), request.query),
  );

  app.get(
    '/api/v1/orgs/transfer-targets',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary:
          'Куда перевести члена Профсоюза: действующие первичные организации всего Профсоюза ' +
          '(только название и вышестоящие)',
        querystring: transferTargetQuerySchema,
        response: { 200: pageOf(transferTargetSchema) },
      },
    },
    async (request) => searchTransferTargets(ctxOf(request, db), request.query),
  );

  app.get(
    '/api/v1/orgs/:id',
    {
      config: { callers: staff, etag: true },
      schema: {
        tags,
        summary: 'Паспорт организации (заголовок ETag — его версия)',
        params: idParamsSchema,
        response: { 200: orgSchema },
      },
    },
    async (request) => getOrg(ctxOf(request, db), request.params.id),
  );

  app.patch(
    '/api/v1/orgs/:id',
    {
      config: { callers: staff, etag: true },
      schema: {
        tags,
        summary:
          'Изменить паспорт (только переданные поля; вложенные объекты объединяются). ' +
          'С If-Match: версия, которую правили; устаревшая — 412',
        params: idParamsSchema,
        headers: ifMatchHeadersSchema,
        body: orgPatchSchema,
        response: { 200: orgSchema },
      },
    },
    async (request) =>
      updateOrg(
        ctxOf(request, db),
        request.params.id,
        request.body,
        parseIfMatch(request.headers['if-match']),
      ),
  );

  app.get(
    '/api/v1/orgs/:id/children',
    {
      config: staffReads,
      schema: {
        tags,
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
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Цепочка вышестоящих в пределах области видимости (для навигации)',
        params: idParamsSchema,
        response: { 200: z.object({ items: z.array(orgRefSchema) }) },
      },
    },
    async (request) => listAncestors(ctxOf(request, db), request.params.id),
  );

  app.get(
    '/api/v1/orgs/:id/history',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'История изменений организации, новые первыми',
        params: idParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: pageOf(orgChangeSchema) },
      },
    },
    async (request) => listOrgHistory(ctxOf(request, db), request.params.id, request.query),
  );

  app.post(
    '/api/v1/orgs/:id/move',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Перенести организацию со всем поддеревом под другую вышестоящую',
        params: idParamsSchema,
        body: orgMoveSchema,
        response: { 200: orgSchema },
      },
    },
    async (request) => moveOrg(ctxOf(request, db), request.params.id, request.body),
  );

  app.post(
    '/api/v1/orgs/:id/merge',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Присоединить первичную организацию к другой первичной',
        params: idParamsSchema,
        body: orgMergeSchema,
        response: { 200: orgSchema },
      },
    },
    async (request) => mergeOrgs(ctxOf(request, db), request.params.id, request.body),
  );

  app.post(
    '/api/v1/orgs/:id/liquidate',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Ликвидировать организацию (нет членов на учёте и действующих подчинённых)',
        params: idParamsSchema,
        body: orgLiquidateSchema,
        response: { 200: orgSchema },
      },
    },
    async (request) => liquidateOrg(ctxOf(request, db), request.params.id, request.body),
  );
}
