import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  idParamsSchema,
  idSchema,
  importCreatedSchema,
  importKindLabels,
  importKinds,
  importListQuerySchema,
  importSchema,
  pageOf,
  templateParamsSchema,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import { AppError, invalid } from '../../lib/app-error.js';
import { type App, attachment, ctxOf, spreadsheetTypes, staff } from '../../lib/http.js';
import { displayFileName, type ZipLimits } from './file-guard.js';
import { getImport, listImports, openRejectedRows, startImport } from './imports.service.js';
import { openTemplate } from './templates.js';

const tags = ['imports'];

export interface ImportLimits {
  maxBytes: number;
  zip: ZipLimits;
}

const formFieldsSchema = z.object({
  kind: z.enum(importKinds, 'Выберите, что загружаем: orgs или members'),
  orgId: idSchema,
});

export function registerImportRoutes(app: App, db: Kysely<Database>, limits: ImportLimits) {
  app.post(
    '/api/v1/imports',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Загрузить файл CSV или XLSX (multipart: file, kind, orgId)',
        consumes: ['multipart/form-data'],
        response: { 202: importCreatedSchema },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request, db);
      if (!request.isMultipart()) {
        throw invalid('file', 'Отправьте файл формой multipart/form-data (поля file, kind, orgId)');
      }
      const fields: Record<string, string> = {};
      const tempPath = path.join(tmpdir(), `profreestr-import-${randomUUID()}`);
      let file: { name: string; size: number } | undefined;
      try {
        for await (const part of request.parts({
          limits: { fileSize: limits.maxBytes, files: 1 },
        })) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || file) {
              part.file.resume();
              continue;
            }
            await pipeline(part.file, createWriteStream(tempPath)).catch((error: unknown) => {
              throw (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE'
                ? tooLarge(limits)
                : error;
            });
            file = { name: displayFileName(part.filename), size: part.file.bytesRead };
          } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        }
        if (!file) throw invalid('file', 'Выберите файл CSV или XLSX');
        const parsed = formFieldsSchema.safeParse(fields);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw invalid(String(issue?.path[0] ?? 'kind'), issue?.message ?? 'Проверьте поля формы');
        }
        const created = await startImport(
          ctx,
          { ...parsed.data, fileName: file.name, path: tempPath, size: file.size },
          limits.zip,
        );
        return reply.code(202).send(created);
      } finally {
        await rm(tempPath, { force: true });
      }
    },
  );

  app.get(
    '/api/v1/imports',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Загрузки в поддереве, новые первыми',
        querystring: importListQuerySchema,
        response: { 200: pageOf(importSchema) },
      },
    },
    async (request) => listImports(ctxOf(request, db), request.query),
  );

  app.get(
    '/api/v1/imports/:id',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Ход и итог загрузки: счётчики и ошибки по строкам',
        params: idParamsSchema,
        response: { 200: importSchema },
      },
    },
    async (request) => getImport(ctxOf(request, db), request.params.id),
  );

  app.get(
    '/api/v1/imports/:id/rejected.xlsx',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Отклонённые строки с колонкой ошибок: исправить и загрузить снова',
        params: idParamsSchema,
      },
    },
    async (request, reply) => {
      const sheet = await openRejectedRows(ctxOf(request, db), request.params.id);
      return reply
        .header('Content-Type', spreadsheetTypes.xlsx)
        .header('Content-Disposition', attachment(`Отклонённые строки ${request.params.id}.xlsx`))
        .header('Cache-Control', 'no-store')
        .send(sheet.stream);
    },
  );

  app.get(
    '/api/v1/imports/templates/:kind',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Шаблон файла для загрузки: заголовки, пример строки, пояснения',
        params: templateParamsSchema.pick({ kind: true }),
        querystring: templateParamsSchema.pick({ format: true }).partial(),
      },
    },
    async (request, reply) => {
      const { kind } = request.params;
      const format = request.query.format ?? 'xlsx';
      const sheet = openTemplate(kind, format);
      return reply
        .header('Content-Type', spreadsheetTypes[format])
        .header('Content-Disposition', attachment(`Шаблон — ${importKindLabels[kind]}.${format}`))
        .send(sheet.stream);
    },
  );
}

const tooLarge = (limits: ImportLimits) =>
  new AppError(
    'too_large',
    `Файл больше ${Math.round(limits.maxBytes / 1024 / 1024)} МБ: разделите его на части`,
    [{ field: 'file', message: 'Файл слишком большой' }],
  );
