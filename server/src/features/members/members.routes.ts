import {
  duplicateDismissSchema,
  duplicateGroupSchema,
  duplicateListQuerySchema,
  idParamsSchema,
  ifMatchHeadersSchema,
  memberCreateSchema,
  memberDeregisterSchema,
  memberHistorySchema,
  memberListPageSchema,
  memberListQuerySchema,
  memberMergeSchema,
  memberPatchSchema,
  memberReadmitSchema,
  memberSchema,
  memberTransferSchema,
  pageOf,
  pageQuerySchema,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import { parseIfMatch } from '../../lib/etag.js';
import { type App, ctxOf, staff, staffReads } from '../../lib/http.js';
import { listDuplicates, markDistinct } from './member-duplicates.service.js';
import { deregisterMember, readmitMember, transferMember } from './member-lifecycle.service.js';
import { listMembers } from './member-list.service.js';
import { mergeMembers } from './member-merge.service.js';
import { createMember, getMember, memberHistory, updateMember } from './members.service.js';

const tags = ['members'];

export function registerMemberRoutes(app: App, db: Kysely<Database>) {
  app.post(
    '/api/v1/members',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Поставить на учёт (номер билета присваивается здесь)',
        body: memberCreateSchema,
        response: { 201: memberSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createMember(ctxOf(request, db), request.body)),
  );

  app.get(
    '/api/v1/members',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Члены Профсоюза поддерева: поиск по началу ФИО, номеру билета, дате рождения',
        querystring: memberListQuerySchema,
        response: { 200: memberListPageSchema },
      },
    },
    async (request) => listMembers(ctxOf(request, db), request.query),
  );

  app.get(
    '/api/v1/members/duplicates',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary:
          'Возможные дубли поддерева: kind=duplicate (по умолчанию) — одинаковые ФИО и дата рождения; ' +
          'kind=candidate — одинаковые ФИО, в части записей дата рождения не указана',
        querystring: duplicateListQuerySchema,
        response: { 200: pageOf(duplicateGroupSchema) },
      },
    },
    async (request) => listDuplicates(ctxOf(request, db), request.query),
  );

  app.post(
    '/api/v1/members/duplicates/dismiss',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary:
          '«Не дубль»: записи группы (или пара) — разные люди. Группа скрывается, пока к ней не ' +
          'добавится новая запись',
        body: duplicateDismissSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await markDistinct(ctxOf(request, db), request.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/members/:id',
    {
      config: { callers: staff, etag: true },
      schema: {
        tags,
        summary: 'Учётная карточка (заголовок ETag — её версия)',
        params: idParamsSchema,
        response: { 200: memberSchema },
      },
    },
    async (request) => getMember(ctxOf(request, db), request.params.id),
  );

  app.patch(
    '/api/v1/members/:id',
    {
      config: { callers: staff, etag: true },
      schema: {
        tags,
        summary:
          'Изменить карточку (без организации, статуса и номера билета). ' +
          'С If-Match: версия, которую правили; устаревшая — 412',
        params: idParamsSchema,
        headers: ifMatchHeadersSchema,
        body: memberPatchSchema,
        response: { 200: memberSchema },
      },
    },
    async (request) =>
      updateMember(
        ctxOf(request, db),
        request.params.id,
        request.body,
        parseIfMatch(request.headers['if-match']),
      ),
  );

  app.get(
    '/api/v1/members/:id/history',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Периоды учёта и изменения карточки, новые первыми',
        params: idParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: memberHistorySchema },
      },
    },
    async (request) => memberHistory(ctxOf(request, db), request.params.id, request.query),
  );

  app.post(
    '/api/v1/members/:id/transfer',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Перевести в другую первичную организацию',
        params: idParamsSchema,
        body: memberTransferSchema,
        response: { 200: memberSchema },
      },
    },
    async (request) => transferMember(ctxOf(request, db), request.params.id, request.body),
  );

  app.post(
    '/api/v1/members/:id/deregister',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Снять с учёта',
        params: idParamsSchema,
        body: memberDeregisterSchema,
        response: { 200: memberSchema },
      },
    },
    async (request) => deregisterMember(ctxOf(request, db), request.params.id, request.body),
  );

  app.post(
    '/api/v1/members/:id/merge',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary:
          'Объединить две карточки одного человека: карточка :id остаётся с её номером билета, ' +
          'периоды учёта и история duplicateId переходят к ней, пустые поля заполняются из неё, ' +
          'а карточка duplicateId удаляется из реестра (её номер больше не выдаётся)',
        params: idParamsSchema,
        body: memberMergeSchema,
        response: { 200: memberSchema },
      },
    },
    async (request) => mergeMembers(ctxOf(request, db), request.params.id, request.body),
  );

  app.post(
    '/api/v1/members/:id/readmit',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Поставить на учёт повторно (новый период, тот же номер билета)',
        params: idParamsSchema,
        body: memberReadmitSchema,
        response: { 200: memberSchema },
      },
    },
    async (request) => readmitMember(ctxOf(request, db), request.params.id, request.body),
  );
}
