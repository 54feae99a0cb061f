import {
  campaignInputSchema,
  campaignListQuerySchema,
  campaignPageSchema,
  campaignSchema,
  consolidatedQuerySchema,
  consolidatedSchema,
  discrepancySchema,
  fileFormatQuerySchema,
  idParamsSchema,
  missingPageSchema,
  pageQuerySchema,
  progressChildrenSchema,
  progressSchema,
  remindInputSchema,
  remindResultSchema,
  underQuerySchema,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import { type App, ctxOf, sendDownload, staff, staffReads } from '../../lib/http.js';
import {
  campaignProgress,
  campaignProgressChildren,
  consolidated,
  getCampaign,
  listCampaigns,
  missingReports,
  openCampaign,
  remindUnreported,
  subtreeDiscrepancies,
} from './campaigns.service.js';
import { campaignTable, consolidatedFile } from './report-files.service.js';

// Reporting campaigns: opening one, its progress by subtree, «кто не отчитался» and the
// reminder, the consolidated report and the whole table. HTTP only.

export function registerCampaignRoutes(app: App, db: Kysely<Database>) {
  const tags = ['reports'];
  const config = { callers: staff };

  // --- campaigns ---
  app.get(
    '/api/v1/report-campaigns',
    {
      config,
      schema: {
        tags,
        summary: 'Отчётные кампании, охватывающие поддерево',
        querystring: campaignListQuerySchema,
        response: { 200: campaignPageSchema },
      },
    },
    async (request) => listCampaigns(ctxOf(request, db), request.query),
  );
  app.post(
    '/api/v1/report-campaigns',
    {
      config,
      schema: {
        tags,
        summary:
          'Открыть кампанию: отчёт каждой действующей организации уровня формы, из реестра на дату',
        body: campaignInputSchema,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await openCampaign(ctxOf(request, db), request.body)),
  );
  app.get(
    '/api/v1/report-campaigns/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Кампания и ход создания отчётов',
        params: idParamsSchema,
        response: { 200: campaignSchema },
      },
    },
    async (request) => getCampaign(ctxOf(request, db), request.params.id),
  );
  app.get(
    '/api/v1/report-campaigns/:id/progress',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Отчёты кампании в поддереве по статусам',
        params: idParamsSchema,
        querystring: underQuerySchema,
        response: { 200: progressSchema },
      },
    },
    async (request) => campaignProgress(ctxOf(request, db), request.params.id, request.query.under),
  );
  app.get(
    '/api/v1/report-campaigns/:id/progress/children',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Ход кампании по подчинённым организациям (детализация)',
        params: idParamsSchema,
        querystring: underQuerySchema,
        response: { 200: progressChildrenSchema },
      },
    },
    async (request) =>
      campaignProgressChildren(ctxOf(request, db), request.params.id, request.query.under),
  );
  app.get(
    '/api/v1/report-campaigns/:id/missing',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Кто не отчитался: отчёты в черновике или возвращённые',
        params: idParamsSchema,
        querystring: pageQuerySchema.extend(underQuerySchema.shape),
        response: { 200: missingPageSchema },
      },
    },
    async (request) => missingReports(ctxOf(request, db), request.params.id, request.query),
  );
  app.post(
    '/api/v1/report-campaigns/:id/remind',
    {
      config,
      schema: {
        tags,
        summary: 'Напомнить председателям организаций, не сдавших отчёт',
        params: idParamsSchema,
        body: remindInputSchema,
        response: { 200: remindResultSchema },
      },
    },
    async (request) => remindUnreported(ctxOf(request, db), request.params.id, request.body.under),
  );
  app.get(
    '/api/v1/report-campaigns/:id/consolidated',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Сводный отчёт: суммы принятых отчётов поддерева',
        params: idParamsSchema,
        querystring: consolidatedQuerySchema,
        response: { 200: consolidatedSchema },
      },
    },
    async (request) => consolidated(ctxOf(request, db), request.params.id, request.query.orgId),
  );
  app.get(
    '/api/v1/report-campaigns/:id/consolidated/file',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Сводный отчёт в XLSX или PDF',
        params: idParamsSchema,
        querystring: consolidatedQuerySchema.extend(fileFormatQuerySchema.shape),
      },
    },
    async (request, reply) =>
      sendDownload(
        reply,
        await consolidatedFile(
          ctxOf(request, db),
          request.params.id,
          request.query.orgId,
          request.query.format,
        ),
      ),
  );
  app.get(
    '/api/v1/report-campaigns/:id/discrepancies',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Расхождения с реестром по поддереву (принятые отчёты)',
        params: idParamsSchema,
        querystring: consolidatedQuerySchema,
        response: {
          200: z.object({ items: z.array(discrepancySchema), included: z.number().int() }),
        },
      },
    },
    async (request) =>
      subtreeDiscrepancies(ctxOf(request, db), request.params.id, request.query.orgId),
  );
  app.get(
    '/api/v1/report-campaigns/:id/table',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Все отчёты кампании в поддереве одной таблицей XLSX',
        params: idParamsSchema,
        querystring: underQuerySchema,
      },
    },
    async (request, reply) =>
      sendDownload(
        reply,
        await campaignTable(ctxOf(request, db), request.params.id, request.query.under),
      ),
  );
}
