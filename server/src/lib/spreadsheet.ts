import { PassThrough, type Readable } from 'node:stream';
import type { SpreadsheetFormat } from '@profreestr/contracts';
import ExcelJS from 'exceljs';

// Spreadsheets out, streamed: rows go to the client as they are written, so memory stays flat
// whatever the number of rows. XLSX through exceljs's streaming writer, CSV as Russian Excel
// opens it (UTF-8 with a BOM, `;`).

export type CellValue = string | number | null;

export interface SheetWriter {
  /** The bytes to send. */
  stream: Readable;
  addRow(values: readonly CellValue[]): Promise<void>;
  end(): Promise<void>;
}

export interface ExtraSheet {
  name: string;
  rows: readonly (readonly CellValue[])[];
}

// A CSV cell starting like a formula is neutralised (OWASP "CSV injection"): a spreadsheet
// program opening the file must show the text, never run it. XLSX needs no apostrophe: its
// cells carry their type, and a string cell is shown as the text it is, `=` and all.
const FORMULA_START = /^[=+\-@\t\r]/;
export const neutralise = (value: CellValue): CellValue =>
  typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;

/** The reverse, for a neutralised file loaded back: `'+7…` is `+7…`. */
export const unneutralise = (text: string) => (/^'[=+\-@]/.test(text) ? text.slice(1) : text);

export interface SheetOptions {
  sheetName?: string;
  widths?: readonly number[];
  extraSheets?: readonly ExtraSheet[];
}

export function openSheet(
  format: SpreadsheetFormat,
  headers: readonly string[],
  options: SheetOptions = {},
): SheetWriter {
  return format === 'xlsx' ? openXlsx(headers, options) : openCsv(headers);
}

function openXlsx(headers: readonly string[], options: SheetOptions): SheetWriter {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet(options.sheetName ?? 'Данные', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = headers.map((header, i) => ({
    header,
    width: options.widths?.[i] ?? Math.min(Math.max(header.length + 2, 12), 40),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  return {
    stream,
    addRow: async (values) => {
      sheet.addRow(values as CellValue[]).commit();
      // Let the network take what is written before producing more.
      if (stream.writableNeedDrain) await drained(stream);
    },
    end: async () => {
      sheet.commit();
      for (const extra of options.extraSheets ?? []) {
        const more = workbook.addWorksheet(extra.name);
        extra.rows.forEach((row, i) => {
          const added = more.addRow(row as CellValue[]);
          if (i === 0) added.font = { bold: true };
          added.commit();
        });
        more.columns.forEach((c, i) => {
          c.width = i === 0 ? 32 : 60;
        });
        more.commit();
      }
      await workbook.commit();
    },
  };
}

export interface FillResult {
  rows: number;
  complete: boolean;
}

/**
 * Writes the rows into the sheet and ends it; a reader that goes away (a closed download)
 * stops the rows' source. `beforeEnd` runs after the last row and before the file is closed:
 * when it throws, the file is never completed (an XLSX without its end cannot be opened).
 * Never rejects: a failure destroys the stream the client reads.
 */
export async function fillSheet(
  sheet: SheetWriter,
  rows: AsyncIterable<readonly CellValue[]> | Iterable<readonly CellValue[]>,
  beforeEnd: (result: FillResult) => Promise<void> = async () => undefined,
): Promise<FillResult> {
  let written = 0;
  try {
    for await (const row of rows) {
      if (sheet.stream.destroyed) break;
      await sheet.addRow(row);
      written++;
    }
    const result = { rows: written, complete: !sheet.stream.destroyed };
    await beforeEnd(result);
    if (result.complete) await sheet.end();
    return result;
  } catch (error) {
    sheet.stream.destroy(error as Error);
    return { rows: written, complete: false };
  }
}

/** Resolves when the reader has caught up, or has gone away (a closed download). */
const drained = (stream: PassThrough) =>
  new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.once('drain', done);
    stream.once('close', done);
  });

const csvCell = (value: CellValue) => {
  const text = value === null ? '' : String(neutralise(value));
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

function openCsv(headers: readonly string[]): SheetWriter {
  const stream = new PassThrough();
  const line = (values: readonly CellValue[]) => `${values.map(csvCell).join(';')}\r\n`;
  stream.write(`\uFEFF${line(headers)}`);
  return {
    stream,
    addRow: async (values) => {
      if (!stream.write(line(values))) await drained(stream);
    },
    end: async () => {
      stream.end();
    },
  };
}
