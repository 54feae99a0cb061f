import {
  duplicateGroupSchema,
  idParamsSchema,
  idSchema,
  memberCreateSchema,
  memberDeregisterSchema,
  memberHistorySchema,
  memberListQuerySchema,
  memberPatchSchema,
  memberReadmitSchema,
  memberSchema,
  memberTransferSchema,
  pageOf,
  pageQuerySchema,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type App, ctxOf } from '../../lib/http.js';
import { deregisterMember, readmitMember, transferMember } from './member-lifecycle.service.js';
import {
  createMember,
  getMember,
  listDuplicates,
  listMembers,
  memberHistory,
  updateMember,
} from './members.service.js';

const tags = ['members'];

export function registerMemberRoutes(app: App, db: Kysely<Database>) {
  app.post(
    '/api/v1/members',
    {
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
      schema: {
        tags,
        summary: 'Члены Профсоюза поддерева: поиск по началу ФИО, номеру билета, дате рождения',
        querystring: memberListQuerySchema,
        response: { 200: pageOf(memberSchema) },
      },
    },
    async (request) => listMembers(ctxOf(request, db), request.query),
  );

  app.get(
    '/api/v1/members/duplicates',
    {
      schema: {
        tags,
        summary: 'Возможные дубли: одинаковые ФИО с той же или неизвестной датой рождения',
        querystring: pageQuerySchema.extend({ under: idSchema.optional() }),
        response: { 200: pageOf(duplicateGroupSchema) },
      },
    },
    async (request) => listDuplicates(ctxOf(request, db), request.query),
  );

  app.get(
    '/api/v1/members/:id',
    {
      schema: {
        tags,
        summary: 'Учётная карточка',
        params: idParamsSchema,
        response: { 200: memberSchema },
      },
    },
    async (request) => getMember(ctxOf(request, db), request.params.id),
  );

  app.patch(
    '/api/v1/members/:id',
    {
      schema: {
        tags,
        summary: 'Изменить карточку (без организации, статуса и номера билета)',
        params: idParamsSchema,
        body: memberPatchSchema,
        response: { 200: memberSchema },
      },
    },
    async (request) => updateMember(ctxOf(request, db), request.params.id, request.body),
  );

  app.get(
    '/api/v1/members/:id/history',
    {
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
    '/api/v1/members/:id/readmit',
    {
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
