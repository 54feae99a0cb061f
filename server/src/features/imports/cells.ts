import { isValidIsoDate } from '@profreestr/contracts';
import { headerKey } from './columns.js';

// Spreadsheet cells to API values. Pure: each returns the value or a Russian message.

export type Cell<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Cell<T> => ({ ok: true, value });
const bad = (message: string): Cell<never> => ({ ok: false, message });

/** `ДД.ММ.ГГГГ` as the contract says; ISO dates from other tools are taken as well. */
export function parseDate(text: string): Cell<string> {
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const iso = ru ? `${ru[3]}-${ru[2]?.padStart(2, '0')}-${ru[1]?.padStart(2, '0')}` : text;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso) && isValidIsoDate(iso)) return ok(iso);
  return bad('Дата в формате ДД.ММ.ГГГГ, например 15.03.1985');
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
  const value = choices[key] ?? aliases[key];
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

/** Labels the UI shows, accepted besides the short forms of the template. */
export const labelAliases = <T extends string>(labels: Record<T, string>) =>
  Object.fromEntries(
    Object.entries(labels).map(([code, label]) => [headerKey(label as string), code]),
  ) as Record<string, T>;
