import { reportStatusLabels } from '@profreestr/contracts';
import type { StaffCtx } from '../../lib/context.js';
import { spreadsheetTypes } from '../../lib/http.js';
import { type CellValue, fillSheet, openSheet } from '../../lib/spreadsheet.js';
import { listScope, orgLabels } from '../access/placement.js';
import { recordAudit } from '../audit/audit.service.js';
import { consolidation, visibleCampaign } from './campaigns.service.js';
import { computeValues } from './form-engine.js';
import {
  consolidatedPdf,
  consolidatedWorkbook,
  reportPdf,
  reportWorkbook,
} from './report-files.js';
import { loadForm } from './report-forms.service.js';
import { findReports } from './reports.queries.js';
import { getReport } from './reports.service.js';

// Reports as files: one report or a subtree's sums in XLSX or PDF (small, built in memory), and
// a campaign's whole table in XLSX, streamed in keyset batches as it is written.

export type FileFormat = 'xlsx' | 'pdf';

export interface ReportFileOut {
  fileName: string;
  contentType: string;
  body: Buffer | NodeJS.ReadableStream;
}

const contentTypes: Record<FileFormat, string> = {
  xlsx: spreadsheetTypes.xlsx,
  pdf: 'application/pdf',
};

const TABLE_BATCH = 1000;
const MAX_NAME = 120;

/** A file name part with nothing a file system or a header would trip on. */
export function safeName(text: string): string {
  const clean = text
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > MAX_NAME ? `${clean.slice(0, MAX_NAME - 1).trimEnd()}…` : clean;
}

const fileName = (parts: { kind: string; formCode: string; orgName?: string; asOf: string }) =>
  safeName(
    `${parts.kind} ${parts.formCode}${parts.orgName ? ` — ${parts.orgName}` : ''} на ${parts.asOf}`,
  );

/** One report: access and its reading go through getReport, as the report's page does. */
export async function reportFile(
  ctx: StaffCtx,
  id: string,
  format: FileFormat,
): Promise<ReportFileOut> {
  const report = await getReport(ctx, id);
  const { form } = await loadForm(ctx.db, report.formCode, report.version);
  const data = {
    orgName: report.orgName,
    asOf: report.asOf,
    statusLabel: reportStatusLabels[report.status],
    values: report.values,
    register: report.register,
  };
  const name = fileName({
    kind: 'Отчёт',
    formCode: report.formCode,
    orgName: report.orgName,
    asOf: report.asOf,
  });
  return {
    fileName: `${name}.${format}`,
    contentType: contentTypes[format],
    body: format === 'pdf' ? await reportPdf(form, data) : await reportWorkbook(form, data),
  };
}

/**
 * The sums of an org subtree's accepted reports. Formula cells (percentages) are computed again
 * from the sums: a sum of percentages means nothing.
 */
export async function consolidatedFile(
  ctx: StaffCtx,
  campaignId: string,
  orgId: string | undefined,
  format: FileFormat,
): Promise<ReportFileOut> {
  const { campaign, form: compiled, org, sums } = await consolidation(ctx, campaignId, orgId);
  const orgName = (await orgLabels(ctx.db, [org.id])).get(org.id)?.name ?? '';
  const data = {
    orgName,
    asOf: campaign.as_of,
    values: sums.values,
    register: sums.register,
    included: sums.included,
    missing: sums.missing,
  };
  const name = fileName({
    kind: 'Сводный отчёт',
    formCode: campaign.form_code,
    orgName,
    asOf: campaign.as_of,
  });
  return {
    fileName: `${name}.${format}`,
    contentType: contentTypes[format],
    body:
      format === 'pdf'
        ? await consolidatedPdf(compiled.form, data)
        : await consolidatedWorkbook(compiled.form, data),
  };
}

/**
 * Every report of the campaign in the subtree (`under`, else the caller's) as one sheet: org,
 * status and each numeric cell. Access is checked and the export audited before the first byte;
 * the rows stream from keyset batches into the file being sent.
 */
export async function campaignTable(
  ctx: StaffCtx,
  campaignId: string,
  under: string | undefined,
): Promise<ReportFileOut> {
  const campaign = await visibleCampaign(ctx, campaignId);
  const path = await listScope(ctx, 'report:read', under);
  const compiled = await loadForm(ctx.db, campaign.form_code, campaign.form_version);
  const cells = compiled.numericCells.map((code) => compiled.cells.get(code));
  const headers = [
    'Организация',
    'Статус',
    ...cells.map((cell) => (cell ? `${cell.title} (${cell.code})` : '')),
  ];

  await recordAudit(ctx, {
    action: 'report.table.export',
    target: { type: 'report_campaign', id: campaignId, orgPath: path },
    details: { format: 'xlsx', formCode: campaign.form_code, asOf: campaign.as_of, under },
  });

  async function* rows(): AsyncGenerator<CellValue[]> {
    let after: [string, string] | undefined;
    for (;;) {
      const batch = await findReports(ctx.db, { path, campaignId, after, limit: TABLE_BATCH });
      for (const row of batch) {
        const values = computeValues(compiled, row.values);
        yield [
          row.org_name,
          reportStatusLabels[row.status],
          ...compiled.numericCells.map((code) => {
            const value = values[code];
            return typeof value === 'number' ? value : null;
          }),
        ];
      }
      if (batch.length < TABLE_BATCH) return;
      const last = batch[batch.length - 1];
      after = last ? [last.org_path, last.id] : undefined;
    }
  }

  const sheet = openSheet('xlsx', headers, {
    sheetName: 'Отчёты',
    widths: [48, 14, ...cells.map(() => 18)],
  });
  // The closing entry says whether the whole table left (a client may hang up midway).
  void fillSheet(sheet, rows(), (done) =>
    recordAudit(ctx, {
      action: 'report.table.export.end',
      target: { type: 'report_campaign', id: campaignId, orgPath: path },
      result: done.complete ? 'ok' : 'failed',
      details: { format: 'xlsx', rows: done.rows, complete: done.complete },
    }),
  );
  return {
    fileName: `${fileName({ kind: 'Отчёты', formCode: campaign.form_code, asOf: campaign.as_of })}.xlsx`,
    contentType: spreadsheetTypes.xlsx,
    body: sheet.stream,
  };
}
