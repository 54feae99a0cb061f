import { hasForbiddenChars, isValidId, isValidIsoDate } from '@profreestr/contracts';
import { AppError } from './app-error.js';

// Keyset cursors are opaque to clients: base64url JSON of the last row's sort key. A client
// can still send any bytes, so each slot is checked for what it will be compared with in SQL
// (a date column takes only a real day, an id only an id): a forged cursor is a 422, never a
// query the database refuses with a 500.

/**
 * What a slot holds: `text` (a sort key: no control characters), `id`, `date` (a real day;
 * `date?` also the empty string of an unknown date), `timestamp` (ISO 8601), `int`.
 */
export type CursorSlot = 'text' | 'id' | 'date' | 'date?' | 'timestamp' | 'int';
type SlotValue<S extends CursorSlot> = S extends 'int' ? number : string;
export type CursorValues<S extends readonly CursorSlot[]> = {
  -readonly [K in keyof S]: SlotValue<S[K]>;
};

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

const slotChecks: Record<CursorSlot, (v: unknown) => boolean> = {
  text: (v) => typeof v === 'string' && v.length <= 1000 && !hasForbiddenChars(v),
  id: (v) => typeof v === 'string' && isValidId(v),
  date: (v) => typeof v === 'string' && isValidIsoDate(v) && v >= '1000-01-01',
  'date?': (v) => v === '' || slotChecks.date(v),
  timestamp: (v) =>
    typeof v === 'string' && TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v)) && v >= '1000',
  int: (v) => typeof v === 'number' && Number.isSafeInteger(v),
};

export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export const badCursor = () =>
  new AppError('invalid', 'Некорректный курсор страницы', [
    { field: 'cursor', message: 'Некорректный курсор страницы' },
  ]);

export function decodeCursor<const S extends readonly CursorSlot[]>(
  cursor: string | undefined,
  shape: S,
): CursorValues<S> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (
    Array.isArray(values) &&
    values.length === shape.length &&
    values.every((v, i) => slotChecks[shape[i] as CursorSlot](v))
  ) {
    return values as CursorValues<S>;
  }
  throw badCursor();
}

/** Cuts the extra row fetched to learn whether another page exists. */
export function toPage<R, I>(
  rows: R[],
  limit: number,
  toItem: (row: R) => I,
  keyOf: (row: R) => readonly (string | number)[],
): { items: I[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return {
    items: pageRows.map(toItem),
    nextCursor: more && last ? encodeCursor(keyOf(last)) : null,
  };
}
