import { AppError } from './app-error.js';

// Keyset cursors are opaque to clients: base64url JSON of the last row's sort key.
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor<T extends readonly (string | number)[]>(
  cursor: string | undefined,
  shape: { [K in keyof T]: 'string' | 'number' },
): T | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === shape.length &&
      values.every((v, i) => typeof v === shape[i])
    ) {
      return values as unknown as T;
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('invalid', 'Некорректный курсор страницы', [
    { field: 'cursor', message: 'Некорректный курсор страницы' },
  ]);
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
