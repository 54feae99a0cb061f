import {
  completenessChildPageSchema,
  completenessChildrenQuerySchema,
  completenessExportQuerySchema,
  completenessOrgPageSchema,
  completenessOrgsQuerySchema,
  completenessSchema,
  completenessTrendQuerySchema,
  completenessTrendSchema,
  idParamsSchema,
  shortPassportSchema,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import {
  type App,
  attachment,
  ctxOf,
  spreadsheetTypes,
  staff,
  staffReads,
} from '../../lib/http.js';
import {
  getCompleteness,
  getCompletenessTrend,
  getShortPassport,
  listCompletenessChildren,
  listOrgsLacking,
} from './completeness.service.js';
import { exportCompleteness } from './completeness-files.js';
import { renderShortPassportPdf } from './short-passport-pdf.js';

const tags = ['completeness'];

export function registerCompletenessRoutes(app: App, db: Kysely<Database>) {
  app.get(
    '/api/v1/orgs/:id/completeness',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Заполненность паспортов первичных организаций и карточек членов поддерева',
        params: idParamsSchema,
        response: { 200: completenessSchema },
      },
    },
    async (request) => getCompleteness(ctxOf(request, db), request.params.id),
  );

  app.get(
    '/api/v1/orgs/:id/completeness/children',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Заполненность по подчинённым организациям (строки таблицы мониторинга)',
        params: idParamsSchema,
        querystring: completenessChildrenQuerySchema,
        response: { 200: completenessChildPageSchema },
      },
    },
    async (request) =>
      listCompletenessChildren(ctxOf(request, db), request.params.id, request.query),
  );

  app.get(
    '/api/v1/orgs/:id/completeness/orgs',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Первичные организации поддерева, где показатель не заполнен',
        params: idParamsSchema,
        querystring: completenessOrgsQuerySchema,
        response: { 200: completenessOrgPageSchema },
      },
    },
    async (request) => listOrgsLacking(ctxOf(request, db), request.params.id, request.query),
  );

  app.get(
    '/api/v1/orgs/:id/completeness/trend',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Динамика заполненности по ежедневным снимкам',
        params: idParamsSchema,
        querystring: completenessTrendQuerySchema,
        response: { 200: completenessTrendSchema },
      },
    },
    async (request) =>
      getCompletenessTrend(ctxOf(request, db), request.params.id, request.query.days),
  );

  app.get(
    '/api/v1/orgs/:id/completeness/export',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Таблица заполненности по подчинённым организациям в XLSX или CSV',
        params: idParamsSchema,
        querystring: completenessExportQuerySchema,
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      const sheet = await exportCompleteness(ctxOf(request, db), request.params.id, format);
      return reply
        .header('Content-Type', spreadsheetTypes[format])
        .header('Content-Disposition', attachment(`Заполненность.${format}`))
        .header('Cache-Control', 'no-store')
        .send(sheet.stream);
    },
  );

  app.get(
    '/api/v1/orgs/:id/short-passport',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Краткий паспорт организации: текущие показатели поддерева',
        params: idParamsSchema,
        response: { 200: shortPassportSchema },
      },
    },
    async (request) => getShortPassport(ctxOf(request, db), request.params.id),
  );

  app.get(
    '/api/v1/orgs/:id/short-passport.pdf',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Краткий паспорт организации в PDF для печати',
        params: idParamsSchema,
      },
    },
    async (request, reply) => {
      const passport = await getShortPassport(ctxOf(request, db), request.params.id);
      return reply
        .header('Content-Type', 'application/pdf')
        .header('Content-Disposition', attachment(`Краткий паспорт ${passport.org.code}.pdf`))
        .send(await renderShortPassportPdf(passport));
    },
  );
}
