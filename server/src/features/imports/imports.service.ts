import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import {
  IMPORT_ERRORS_SHOWN,
  type Import,
  type ImportError,
  type ImportKind,
  type SpreadsheetFormat,
} from '@profreestr/contracts';
import { invalid, notFound } from '../../lib/app-error.js';
import { inTransaction, type StaffCtx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { fillSheet, openSheet, type SheetWriter } from '../../lib/spreadsheet.js';
import { authorize } from '../access/access.js';
import { getOrgPlacement } from '../access/placement.js';
import { recordAudit } from '../audit/audit.service.js';
import { columnsOf, ERRORS_HEADER, headerKey } from './columns.js';
import { detectFormat, FileRefused, inspectZip, type ZipLimits } from './file-guard.js';
import { importJob } from './import.job.js';
import { FILE_CHUNK_BYTES, HeaderRefused, mapHeaders } from './import-file.js';
import {
  findImport,
  findImportsInProgress,
  findImportsInSubtree,
  findRejects,
  type ImportRecord,
  insertFileChunk,
  insertImport,
} from './imports.queries.js';
import { firstRow, readRows } from './row-reader.js';

const IMPORT_NOT_FOUND = 'Загрузка не найдена';

export interface Upload {
  kind: ImportKind;
  orgId: string;
  fileName: string;
  /** The uploaded file, already on local disk. */
  path: string;
  size: number;
}

const readAction = (kind: string) => (kind === 'members' ? 'member:read' : 'org:read');

/**
 * Checks the file (what it is, a zip's directory, the header row), keeps it in the database
 * and queues the job, all in one transaction: the import exists exactly when its job does.
 */
export async function startImport(ctx: StaffCtx, upload: Upload, zipLimits: ZipLimits) {
  const org = await getOrgPlacement(ctx.db, upload.orgId);
  authorize(
    ctx.actor,
    upload.kind === 'members' ? 'member:create' : 'org:create',
    org,
    'Организация не найдена',
  );
  const format = await inspectUpload(upload, zipLimits);
  try {
    const header = await firstRow(readRows(() => createReadStream(upload.path), format));
    mapHeaders(upload.kind, header?.cells ?? [], org.level === 'primary');
  } catch (error) {
    if (error instanceof HeaderRefused) throw invalid('file', error.message);
    throw invalid(
      'file',
      'Файл не удалось прочитать: сохраните его в Excel как XLSX или CSV заново',
    );
  }
  return inTransaction(ctx, async (tx) => {
    const id = await insertImport(tx.db, {
      kind: upload.kind,
      orgId: org.id,
      userId: tx.actor.userId,
      ip: tx.ip,
      fileName: upload.fileName,
      format,
      fileSize: upload.size,
    });
    let seq = 0;
    for await (const chunk of createReadStream(upload.path, { highWaterMark: FILE_CHUNK_BYTES })) {
      await insertFileChunk(tx.db, id, seq++, chunk as Buffer);
    }
    await tx.jobs.send(importJob, { importId: id });
    await recordAudit(tx, {
      action: 'import.start',
      target: { type: 'org', id: org.id, orgPath: org.path },
      details: { importId: id, kind: upload.kind, fileName: upload.fileName, bytes: upload.size },
    });
    return { id };
  });
}

async function inspectUpload(upload: Upload, zipLimits: ZipLimits): Promise<SpreadsheetFormat> {
  const file = await open(upload.path, 'r');
  try {
    const head = Buffer.alloc(Math.min(upload.size, 64 * 1024));
    await file.read(head, 0, head.length, 0);
    const format = detectFormat(head);
    if (format === 'xlsx') await inspectZip(file, upload.size, zipLimits);
    return format;
  } catch (error) {
    if (error instanceof FileRefused) throw invalid('file', error.message);
    throw error;
  } finally {
    await file.close();
  }
}

async function visibleImport(ctx: StaffCtx, id: string) {
  const row = await findImport(ctx.db, id);
  authorize(ctx.actor, readAction(row?.kind ?? 'orgs'), row, IMPORT_NOT_FOUND);
  return row as ImportRecord;
}

function toImport(row: ImportRecord, errors: ImportError[] = [], truncated = false): Import {
  return {
    id: row.id,
    kind: row.kind,
    orgId: row.org_id,
    status: row.status as Import['status'],
    total: row.total,
    processed: row.processed,
    created: row.created,
    updated: row.updated,
    rejected: row.rejected,
    errors,
    errorsTruncated: truncated,
    message: row.message,
    fileName: row.file_name,
    format: row.format,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    user: { id: row.user_id, fullName: row.user_full_name },
  };
}

type StoredError = { column: string | null; message: string };

export async function getImport(ctx: StaffCtx, id: string): Promise<Import> {
  const row = await visibleImport(ctx, id);
  const rejects = await findRejects(ctx.db, id, 0, IMPORT_ERRORS_SHOWN + 1);
  const errors = rejects.flatMap((r) =>
    (r.errors as StoredError[]).map((e) => ({
      row: r.row_number,
      column: e.column,
      message: e.message,
    })),
  );
  return toImport(row, errors.slice(0, IMPORT_ERRORS_SHOWN), errors.length > IMPORT_ERRORS_SHOWN);
}

export async function listImports(
  ctx: StaffCtx,
  query: { under?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const scope = await getOrgPlacement(ctx.db, query.under ?? ctx.actor.orgId);
  authorize(ctx.actor, 'org:read', scope, 'Организация не найдена');
  const before = decodeCursor(query.cursor, ['id']);
  const rows = await findImportsInSubtree(ctx.db, scope.path, before?.[0], query.limit + 1);
  return toPage(
    rows,
    query.limit,
    (r) => toImport(r),
    (r) => [r.id],
  );
}

/**
 * The rejected rows as a file to fix and load again: the template's columns, the row's cells
 * as they were, and what was wrong with it.
 */
export async function openRejectedRows(ctx: StaffCtx, id: string): Promise<SheetWriter> {
  const row = await visibleImport(ctx, id);
  if (row.rejected === 0) throw notFound('В этой загрузке нет отклонённых строк');
  const columns = columnsOf(row.kind);
  await recordAudit(ctx, {
    action: 'import.rejected.read',
    target: { type: 'org', id: row.org_id, orgPath: row.path },
    details: { importId: id, rows: row.rejected },
  });
  const sheet = openSheet('xlsx', [...columns.map((c) => c.header), ERRORS_HEADER], {
    sheetName: 'Отклонённые строки',
  });
  const rows = async function* () {
    for (let after = 1; ; ) {
      const page = await findRejects(ctx.db, id, after, 1000);
      if (page.length === 0) return;
      for (const reject of page) {
        const cells = new Map(
          Object.entries(reject.cells as Record<string, string>).map(([h, v]) => [headerKey(h), v]),
        );
        const errors = (reject.errors as StoredError[])
          .map((e) => (e.column ? `${e.column}: ${e.message}` : e.message))
          .join('; ');
        yield [...columns.map((c) => cells.get(headerKey(c.header)) ?? null), errors];
      }
      after = page[page.length - 1]?.row_number ?? after;
    }
  };
  void fillSheet(sheet, rows());
  return sheet;
}

/** Imports queued or running and their progress, for monitoring (no caller: no personal data). */
export const importsInProgress = findImportsInProgress;
