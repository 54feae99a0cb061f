import { memberExportQuerySchema, orgExportQuerySchema } from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type App, attachment, ctxOf, spreadsheetTypes, staffReads } from '../../lib/http.js';
import { exportMembers, exportOrgs } from './exports.service.js';

const tags = ['exports'];

export function registerExportRoutes(app: App, db: Kysely<Database>) {
  app.get(
    '/api/v1/members/export',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Выгрузка членов Профсоюза поддерева (с фильтрами списка) в XLSX или CSV',
        querystring: memberExportQuerySchema,
      },
    },
    async (request, reply) => {
      const sheet = await exportMembers(ctxOf(request, db), request.query);
      return reply
        .header('Content-Type', spreadsheetTypes[request.query.format])
        .header('Content-Disposition', attachment(`Члены Профсоюза.${request.query.format}`))
        .header('Cache-Control', 'no-store')
        .send(sheet.stream);
    },
  );

  app.get(
    '/api/v1/orgs/export',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Выгрузка организаций поддерева в XLSX или CSV',
        querystring: orgExportQuerySchema,
      },
    },
    async (request, reply) => {
      const sheet = await exportOrgs(ctxOf(request, db), request.query);
      return reply
        .header('Content-Type', spreadsheetTypes[request.query.format])
        .header('Content-Disposition', attachment(`Организации.${request.query.format}`))
        .header('Cache-Control', 'no-store')
        .send(sheet.stream);
    },
  );
}
