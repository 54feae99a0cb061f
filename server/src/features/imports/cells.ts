import { isValidIsoDate, NO_SUCH_DATE, ruToIso } from '@profreestr/contracts';
import { headerKey } from './columns.js';

// Spreadsheet cells to API values. Pure: each returns the value or a Russian message.

export type Cell<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Cell<T> => ({ ok: true, value });
const bad = (message: string): Cell<never> => ({ ok: false, message });

/**
 * `ДД.ММ.ГГГГ` as the contract says; ISO dates from other tools are taken as well. A date
 * written right that the calendar lacks (31.02.1990) is said to be that, not a format error;
 * the range of each field is the API schema's to check.
 */
export function parseDate(text: string): Cell<string> {
  const iso = ruToIso(text) ?? (/^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null);
  if (!iso) return bad('Дата в формате ДД.ММ.ГГГГ, например 15.03.1985');
  if (!isValidIsoDate(iso)) return bad(`${NO_SUCH_DATE}: ${text}`);
  return ok(iso);
}

export function parseBoolean(text: string): Cell<boolean> {
  const key = headerKey(text);
  if (key === 'да') return ok(true);
  if (key === 'нет') return ok(false);
  return bad('Укажите «да» или «нет»');
}

/** A value from a list, written as the list has it (case and ё aside). */
export function parseChoice<T extends string>(
  text: string,
  choices: Record<string, T>,
  aliases: Record<string, T> = {},
): Cell<T> {
  const key = headerKey(text);
  const value =
    Object.entries(choices).find(([choice]) => headerKey(choice) === key)?.[1] ?? aliases[key];
  if (value !== undefined) return ok(value);
  const listed = Object.keys(choices)
    .map((c) => `«${c}»`)
    .join(', ');
  return bad(`Допустимые значения: ${listed}`);
}

/** Decimal numbers with a comma or a point, as Russian spreadsheets write them. */
export function parseNumber(text: string): Cell<number> {
  const normalized = text.replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(normalized)) return bad('Укажите число');
  return ok(Number(normalized));
}

export function parseInteger(text: string): Cell<number> {
  const n = parseNumber(text);
  if (n.ok && !Number.isInteger(n.value)) return bad('Укажите целое число');
  return n;
}

/** A column's synonyms as aliases of the values they stand for. */
export const synonymAliases = <T extends string>(
  choices: Record<string, T>,
  synonyms: Readonly<Record<string, readonly string[]>>,
) =>
  Object.fromEntries(
    Object.entries(synonyms).flatMap(([choice, words]) =>
      words.map((word) => [headerKey(word), choices[choice] as T]),
    ),
  ) as Record<string, T>;

/** Labels the UI shows, accepted besides the short forms of the template. */
export const labelAliases = <T extends string>(labels: Record<T, string>) =>
  Object.fromEntries(
    Object.entries(labels).map(([code, label]) => [headerKey(label as string), code]),
  ) as Record<string, T>;
