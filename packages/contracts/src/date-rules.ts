import { addDays, addYears, isoToRu, isValidIsoDate, todayIso } from './validators.js';

// The date rules of the contract without zod, so the web bundle can check a date exactly as the
// API does (fields.ts builds its schemas on them). A date is `YYYY-MM-DD`, a day the calendar
// has (no 1985-13-45, no 2023-02-30) and inside the range its field allows; the message says
// which of the three failed.

export interface DateRule {
  /** Earliest day allowed (YYYY-MM-DD), or a function of today. */
  min?: string | ((today: string) => string);
  /** Latest day allowed; `'today'` for dates that have already happened. */
  max?: string | 'today' | ((today: string) => string);
  minMessage?: string;
  maxMessage?: string;
}

/** The widest range any date of the register may take (filters, unknown fields). */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';

export const DATE_FORMAT_MESSAGE = 'Дата в формате ГГГГ-ММ-ДД';
export const NO_SUCH_DATE = 'Такой даты нет';
export const FUTURE_MESSAGE = 'Дата не может быть в будущем';

const bound = (value: DateRule['min'] | DateRule['max'], today: string, fallback: string) =>
  value === undefined
    ? fallback
    : value === 'today'
      ? today
      : typeof value === 'function'
        ? value(today)
        : value;

/** What is wrong with a date string under a rule, or null: shared by the API, the UI and imports. */
export function dateProblem(value: string, rule: DateRule = {}, today = todayIso()): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return DATE_FORMAT_MESSAGE;
  if (!isValidIsoDate(value)) return NO_SUCH_DATE;
  const min = bound(rule.min, today, EARLIEST_DATE);
  const max = bound(rule.max, today, LATEST_DATE);
  if (value < min) return rule.minMessage ?? `Дата не раньше ${isoToRu(min)}`;
  if (value > max)
    return (
      rule.maxMessage ?? (rule.max === 'today' ? FUTURE_MESSAGE : `Дата не позже ${isoToRu(max)}`)
    );
  return null;
}

/**
 * A date as people type it (`ДД.ММ.ГГГГ`; `YYYY-MM-DD` is taken too, as pasted from a file):
 * `{ value: null }` when empty, the ISO day when it is whole, real and allowed by `rule`,
 * otherwise the message. A half-typed date (`31.02.19`) is no date either: «Такой даты нет».
 */
export function parseDateText(
  text: string,
  rule: DateRule = {},
  today = todayIso(),
): { value: string | null } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: null };
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? trimmed : dayMonthYearToIso(trimmed);
  if (iso === null) return { error: NO_SUCH_DATE };
  const problem = dateProblem(iso, rule, today);
  return problem ? { error: problem } : { value: iso };
}

/** `Д.М.ГГГГ` or `ДД.ММ.ГГГГ` (dots, slashes or dashes) → `YYYY-MM-DD`; anything else null. */
function dayMonthYearToIso(text: string): string | null {
  const match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(text);
  if (!match) return null;
  const [, d, m, y] = match as unknown as [string, string, string, string];
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

// ---- the rules of the fields, once for the API, the UI and imports ----

/** Dates of the register's past: from 1900 to today. */
export const pastRule: DateRule = { max: 'today' };
/** Since the union's founding congress (1990): periods on record, elections, transfers. */
export const unionEraRule: DateRule = { min: '1990-01-01', max: 'today' };
/** Personal-data consents exist since 152-ФЗ (27.07.2006). */
export const pdConsentRule: DateRule = {
  min: '2006-07-27',
  max: 'today',
  minMessage: 'Согласие на обработку ПД не может быть дано раньше 27.07.2006 (152-ФЗ)',
};
/** A birth date giving an age from `minAge` to `maxAge` years today. */
export const birthRule = (minAge: number, maxAge: number): DateRule => ({
  min: (today) => addDays(addYears(today, -maxAge - 1), 1),
  max: (today) => addYears(today, -minAge),
  minMessage: `Проверьте дату рождения: возраст от ${minAge} до ${maxAge} лет`,
  maxMessage: `Проверьте дату рождения: возраст от ${minAge} до ${maxAge} лет`,
});
/** A member's birth date: an age from 14 to 100 today. */
export const memberBirthRule = birthRule(14, 100);
/** Joined the union: a member of 100 joined at 14 at the earliest. */
export const joinedRule: DateRule = { min: '1940-01-01', max: 'today' };
/** A chairman is an adult: 18 to 100. */
export const chairmanBirthRule = birthRule(18, 100);
/** A chairman's term ends within ten years from today (elected for five, re-elected early). */
export const chairmanTermRule: DateRule = {
  min: '1990-01-01',
  max: (today) => addYears(today, 10),
};
