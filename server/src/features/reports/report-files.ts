import { type CellValue, isoToRu, type ReportForm } from '@profreestr/contracts';
import { renderReportPdf } from './report-pdf.js';
import { renderReportXlsx } from './report-xlsx.js';

// A report, or the sums of a subtree's accepted reports, as a file: one sheet in XLSX, or a
// printable A4 PDF. Pure rendering, no database: the service reads the report and its form.
// Both formats draw the same document: heading lines, then per section a row per cell with
// its value, the register's figure for a prefilled cell and a mark where the two differ.

/** One report: its org, date, status (a label) and values beside the register's. */
export interface ReportFileData {
  orgName: string;
  /** ISO date of the report. */
  asOf: string;
  statusLabel: string;
  values: Record<string, CellValue>;
  register: Record<string, number>;
}

/** The sums of an org subtree's accepted reports; `values` with formulas computed from them. */
export interface ConsolidatedFileData {
  orgName: string;
  asOf: string;
  values: Record<string, CellValue>;
  register: Record<string, number>;
  included: number;
  missing: number;
}

export interface DocumentLine {
  code: string;
  title: string;
  value: CellValue;
  /** The register's figure, for prefilled cells that have one. */
  register: number | null;
  /** The discrepancy mark: «есть» where the value is not the register's, else empty. */
  mark: string;
}

/** What both renderers draw. */
export interface ReportDocument {
  title: string;
  /** Lines under the title: org, date, status or counts. */
  heading: string[];
  /** The table's column headers. */
  headers: string[];
  sections: { title: string; lines: DocumentLine[] }[];
}

const headers = ['Код', 'Показатель', 'Значение', 'По реестру', 'Расхождение'];
const DIFFERS_MARK = 'есть';

const asOfLine = (asOf: string) => `по состоянию на ${isoToRu(asOf)}`;

/**
 * The form's cells in order with their values; `numericOnly` leaves out text cells (sums have
 * none) and sections left empty by that.
 */
function sectionsOf(
  form: ReportForm,
  values: Record<string, CellValue>,
  register: Record<string, number>,
  numericOnly: boolean,
): ReportDocument['sections'] {
  return form.sections
    .map((section) => ({
      title: section.title,
      lines: section.rows.flatMap((row) =>
        row.cells
          .filter((cell) => !numericOnly || cell.type !== 'text')
          .map((cell): DocumentLine => {
            const value = Object.hasOwn(values, cell.code) ? (values[cell.code] ?? null) : null;
            const fromRegister =
              cell.prefill && Object.hasOwn(register, cell.code)
                ? (register[cell.code] ?? null)
                : null;
            return {
              code: cell.code,
              title: cell.title,
              value,
              register: fromRegister,
              mark: fromRegister !== null && value !== fromRegister ? DIFFERS_MARK : '',
            };
          }),
      ),
    }))
    .filter((section) => section.lines.length > 0);
}

export function reportDocument(form: ReportForm, data: ReportFileData): ReportDocument {
  return {
    title: form.title,
    heading: [
      `Организация: ${data.orgName}`,
      asOfLine(data.asOf),
      `Статус отчёта: ${data.statusLabel}`,
    ],
    headers,
    sections: sectionsOf(form, data.values, data.register, false),
  };
}

export function consolidatedDocument(form: ReportForm, data: ConsolidatedFileData): ReportDocument {
  return {
    title: `Сводный отчёт. ${form.title}`,
    heading: [
      `Организация: ${data.orgName} (с подчинёнными организациями)`,
      asOfLine(data.asOf),
      `Включено отчётов: ${data.included}, не сдано/не принято: ${data.missing}`,
    ],
    headers,
    sections: sectionsOf(form, data.values, data.register, true),
  };
}

export const reportWorkbook = (form: ReportForm, data: ReportFileData): Promise<Buffer> =>
  renderReportXlsx(reportDocument(form, data));

export const reportPdf = (form: ReportForm, data: ReportFileData): Promise<Buffer> =>
  renderReportPdf(reportDocument(form, data));

export const consolidatedWorkbook = (
  form: ReportForm,
  data: ConsolidatedFileData,
): Promise<Buffer> => renderReportXlsx(consolidatedDocument(form, data));

export const consolidatedPdf = (form: ReportForm, data: ConsolidatedFileData): Promise<Buffer> =>
  renderReportPdf(consolidatedDocument(form, data));
