import { Readable } from 'node:stream';
import type { ImportKind } from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { unneutralise } from '../../lib/spreadsheet.js';
import { type ColumnSpec, columnsOf, headerKey, silentHeadersOf } from './columns.js';
import { findFileChunk } from './imports.queries.js';
import type { RowCells } from './row-parsers.js';
import type { FileSource } from './row-reader.js';

// The uploaded file as the database keeps it (1 MiB chunks), and its header row.

export const FILE_CHUNK_BYTES = 1024 * 1024;

/** Reads the stored file chunk by chunk: one chunk in memory at a time. */
export function storedFile(db: Kysely<Database>, importId: string): FileSource {
  return () =>
    Readable.from(
      (async function* () {
        for (let seq = 0; ; seq++) {
          const data = await findFileChunk(db, importId, seq);
          if (!data) return;
          yield Buffer.from(data.buffer, data.byteOffset, data.byteLength);
        }
      })(),
    );
}

export interface HeaderMap {
  /** Column index → its spec; unknown and silent columns are absent. */
  columns: Map<number, ColumnSpec>;
  headers: string[];
  /** Unknown columns, reported and skipped. */
  unknown: string[];
}

export class HeaderRefused extends Error {}

/** Reads the header row against the contract's columns; refuses a row that cannot be one. */
export function mapHeaders(kind: ImportKind, cells: string[], scopeIsPrimary: boolean): HeaderMap {
  const specs = columnsOf(kind);
  const byKey = new Map(specs.map((s) => [headerKey(s.header), s]));
  const silent = new Set(silentHeadersOf(kind).map(headerKey));
  const columns = new Map<number, ColumnSpec>();
  const unknown: string[] = [];
  const seen = new Set<string>();
  cells.forEach((cell, index) => {
    const key = headerKey(cell);
    if (!key) return;
    if (seen.has(key)) throw new HeaderRefused(`Столбец «${cell}» встречается в заголовке дважды`);
    seen.add(key);
    const spec = byKey.get(key);
    if (spec) columns.set(index, spec);
    else if (!silent.has(key)) unknown.push(cell);
  });
  const present = new Set([...columns.values()].map((s) => s.field));
  const missing = specs.filter(
    (s) => s.required && !present.has(s.field) && !(s.field === 'orgId' && scopeIsPrimary),
  );
  if (columns.size === 0) {
    const expected = specs.filter((s) => s.required).map((s) => `«${s.header}»`);
    throw new HeaderRefused(
      `В первой строке файла нет заголовков столбцов. Нужны как минимум ${expected.join(', ')} — скачайте шаблон`,
    );
  }
  if (missing.length > 0) {
    const list = missing.map((s) => `«${s.header}»`).join(', ');
    throw new HeaderRefused(
      `В файле нет обязательных столбцов: ${list}. Заголовки — как в шаблоне`,
    );
  }
  return { columns, headers: cells, unknown };
}

/** The non-empty cells of a row by API field. */
export function cellsOf(map: HeaderMap, cells: string[]): RowCells {
  const result: RowCells = new Map();
  for (const [index, spec] of map.columns) {
    const text = unneutralise(cells[index] ?? '');
    if (text !== '') result.set(spec.field, { header: spec.header, text });
  }
  return result;
}

/** The row as the file had it, header → text, for the rejected-rows file. */
export function originalCells(map: HeaderMap, cells: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  map.headers.forEach((header, i) => {
    if (header && cells[i]) out[header] = cells[i] as string;
  });
  return out;
}

export const isBlankRow = (cells: string[]) => cells.every((c) => c === '');
