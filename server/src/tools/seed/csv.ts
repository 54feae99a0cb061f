// CSV for COPY … WITH (FORMAT csv): an unquoted empty field is NULL, text is always quoted.
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return `"${String(value).replaceAll('"', '""')}"`;
}

export const csvLine = (values: readonly unknown[]) => `${values.map(csvField).join(',')}\n`;

/** Rows of objects as CSV chunks of `size` lines, in the order of `columns`. */
export async function* csvChunks<T extends object>(
  rows: Iterable<T>,
  columns: readonly (keyof T & string)[],
  size = 20_000,
): AsyncGenerator<string> {
  let chunk = '';
  let n = 0;
  for (const row of rows) {
    chunk += csvLine(columns.map((c) => row[c]));
    if (++n === size) {
      yield chunk;
      chunk = '';
      n = 0;
    }
  }
  if (chunk) yield chunk;
}

export function* mapIter<T, U>(items: Iterable<T>, f: (t: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}

export function* flatIter<T, U>(items: Iterable<T>, f: (t: T) => U[]): Generator<U> {
  for (const item of items) yield* f(item);
}
