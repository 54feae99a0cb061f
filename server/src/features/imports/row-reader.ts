import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import type { SpreadsheetFormat } from '@profreestr/contracts';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { detectDelimiter, detectEncoding } from './file-guard.js';

// The rows of a CSV or XLSX file as text cells, streamed: memory stays flat whatever the size.
// Row numbers are those a spreadsheet shows, the header being row 1.

export interface FileRow {
  row: number;
  cells: string[];
}

/** Opens the file again from its start: the reader is used once per pass. */
export type FileSource = () => Readable;

export async function* readRows(source: FileSource, format: SpreadsheetFormat) {
  yield* format === 'csv' ? readCsv(source) : readXlsx(source);
}

/** The first row (the header), reading no further. */
export async function firstRow(rows: AsyncIterable<FileRow>) {
  for await (const line of rows) return line;
  return undefined;
}

async function* readCsv(source: FileSource): AsyncGenerator<FileRow> {
  const input = source();
  const chunks = decodeText(input);
  const first = await chunks.next();
  if (first.done) return;
  const text = Readable.from(
    (async function* () {
      yield first.value;
      yield* chunks;
    })(),
  );
  const parser = text.pipe(
    parseCsv({
      delimiter: detectDelimiter(first.value),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }),
  );
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, cells: record.map((c) => c.trim()) };
    }
  } finally {
    parser.destroy();
    text.destroy();
    input.destroy();
  }
}

/** Text chunks in the encoding the file's start shows (UTF-8, or Windows-1251 from old Excel). */
async function* decodeText(input: Readable) {
  let decoder: TextDecoder | undefined;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    decoder ??= new TextDecoder(detectEncoding(chunk.subarray(0, 64 * 1024)), { ignoreBOM: false });
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder?.decode();
  if (rest) yield rest;
}

async function* readXlsx(source: FileSource): AsyncGenerator<FileRow> {
  const input = source();
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const sheet of workbook) {
      let expected = 1;
      for await (const line of sheet) {
        // Blank rows are absent from the sheet's XML: numbers follow the sheet's own.
        for (; expected < line.number; expected++) yield { row: expected, cells: [] };
        const values = line.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        yield { row: line.number, cells };
        expected = line.number + 1;
      }
      break; // the first sheet only: the template's help sheet comes after it
    }
  } finally {
    input.destroy();
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** What a cell shows, as text: dates as ДД.ММ.ГГГГ, formulas by their result. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    return `${pad(value.getUTCDate())}.${pad(value.getUTCMonth() + 1)}.${value.getUTCFullYear()}`;
  }
  if (typeof value === 'object') {
    const v = value as {
      richText?: { text: string }[];
      result?: unknown;
      text?: unknown;
      error?: string;
    };
    if (v.richText)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return '';
    return '';
  }
  return String(value).trim();
}
