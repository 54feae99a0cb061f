import {
  asOfQuerySchema,
  asOfSchema,
  fileFormatQuerySchema,
  idParamsSchema,
  movementQuerySchema,
  movementSchema,
  reportFormInputSchema,
  reportFormListSchema,
  reportFormParamsSchema,
  reportFormQuerySchema,
  reportFormSchema,
  reportHistorySchema,
  reportListQuerySchema,
  reportPageSchema,
  reportPatchSchema,
  reportReturnSchema,
  reportSchema,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type App, ctxOf, sendDownload, staff, staffReads } from '../../lib/http.js';
import { registerAsOf, registerMovement } from './register.service.js';
import { reportFile } from './report-files.service.js';
import { addFormVersion, getForm, listFormsFor } from './report-forms.service.js';
import {
  acceptReport,
  getReport,
  listReports,
  patchReport,
  refreshPrefill,
  reportHistory,
  returnReport,
  submitReport,
} from './reports.service.js';

// Statistical reports: forms, reports and the register as of a date. HTTP only.

export function registerReportRoutes(app: App, db: Kysely<Database>) {
  const tags = ['reports'];
  const config = { callers: staff };

  // --- forms ---
  app.get(
    '/api/v1/report-forms',
    {
      config,
      schema: {
        tags,
        summary: 'Формы отчётов (последние версии)',
        response: { 200: reportFormListSchema },
      },
    },
    async (request) => listFormsFor(ctxOf(request, db)),
  );
  app.get(
    '/api/v1/report-forms/:code',
    {
      config,
      schema: {
        tags,
        summary: 'Определение формы: разделы, строки, ячейки, формулы, правила',
        params: reportFormParamsSchema,
        querystring: reportFormQuerySchema,
        response: { 200: reportFormSchema },
      },
    },
    async (request) => getForm(ctxOf(request, db), request.params.code, request.query.version),
  );
  app.post(
    '/api/v1/report-forms',
    {
      config,
      schema: {
        tags,
        summary: 'Новая версия формы (администратор центрального аппарата)',
        body: reportFormInputSchema,
        response: { 201: reportFormSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addFormVersion(ctxOf(request, db), request.body)),
  );

  // --- reports ---
  app.get(
    '/api/v1/reports',
    {
      config,
      schema: {
        tags,
        summary: 'Отчёты поддерева',
        querystring: reportListQuerySchema,
        response: { 200: reportPageSchema },
      },
    },
    async (request) => listReports(ctxOf(request, db), request.query),
  );
  app.get(
    '/api/v1/reports/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Отчёт: значения, данные реестра, расхождения, нарушенные правила',
        params: idParamsSchema,
        response: { 200: reportSchema },
      },
    },
    async (request) => getReport(ctxOf(request, db), request.params.id),
  );
  app.patch(
    '/api/v1/reports/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Изменить значения (черновик или возвращённый отчёт своей организации)',
        params: idParamsSchema,
        body: reportPatchSchema,
        response: { 200: reportSchema },
      },
    },
    async (request) => patchReport(ctxOf(request, db), request.params.id, request.body),
  );
  const step = (path: string, summary: string, run: typeof submitReport) =>
    app.post(
      `/api/v1/reports/:id/${path}`,
      {
        config,
        schema: { tags, summary, params: idParamsSchema, response: { 200: reportSchema } },
      },
      async (request) => run(ctxOf(request, db), request.params.id),
    );
  step('submit', 'Сдать отчёт (422 со списком нарушенных правил)', submitReport);
  step('accept', 'Принять отчёт (вышестоящая организация)', acceptReport);
  step('prefill', 'Заново взять данные реестра в отчёт', refreshPrefill);
  app.post(
    '/api/v1/reports/:id/return',
    {
      config,
      schema: {
        tags,
        summary: 'Вернуть отчёт на доработку с комментарием (председателю уходит письмо)',
        params: idParamsSchema,
        body: reportReturnSchema,
        response: { 200: reportSchema },
      },
    },
    async (request) => returnReport(ctxOf(request, db), request.params.id, request.body),
  );
  app.get(
    '/api/v1/reports/:id/history',
    {
      config,
      schema: {
        tags,
        summary: 'История отчёта',
        params: idParamsSchema,
        response: { 200: reportHistorySchema },
      },
    },
    async (request) => reportHistory(ctxOf(request, db), request.params.id),
  );
  app.get(
    '/api/v1/reports/:id/file',
    {
      config,
      schema: {
        tags,
        summary: 'Отчёт в XLSX или PDF для печати',
        params: idParamsSchema,
        querystring: fileFormatQuerySchema,
      },
    },
    async (request, reply) =>
      sendDownload(
        reply,
        await reportFile(ctxOf(request, db), request.params.id, request.query.format),
      ),
  );

  // --- the register as of a date ---
  app.get(
    '/api/v1/register/as-of',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Численность поддерева на дату: по категориям, женщины, моложе 35',
        querystring: asOfQuerySchema,
        response: { 200: asOfSchema },
      },
    },
    async (request) => registerAsOf(ctxOf(request, db), request.query),
  );
  app.get(
    '/api/v1/register/movement',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Движение численности поддерева за период: принято, выбыло по причинам, переводы',
        querystring: movementQuerySchema,
        response: { 200: movementSchema },
      },
    },
    async (request) => registerMovement(ctxOf(request, db), request.query),
  );
}
