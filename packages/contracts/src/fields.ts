import { z } from 'zod';
import { NAME_MESSAGE, NAME_PATTERN } from './patterns.js';
import {
  addDays,
  addYears,
  FORBIDDEN_CHARS_MESSAGE,
  hasForbiddenChars,
  isoToRu,
  isValidEmail,
  isValidIsoDate,
  isValidOgrn,
  isValidOrgInn,
  normalizePhone,
  PHONE_MESSAGE,
  todayIso,
} from './validators.js';

// Field schemas with Russian messages. In input an empty string means "no value" (null), so a
// cleared form field and an empty spreadsheet cell both clear the value.

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/**
 * The one text of the contract: a string without control characters or broken surrogate
 * pairs (tab and line breaks allowed). The server also refuses such strings in any field or
 * query parameter before validation (lib/input-guard), so no raw `z.string()` lets one through.
 */
export const plainText = (message?: string) =>
  z.string(message).refine((v) => !hasForbiddenChars(v), FORBIDDEN_CHARS_MESSAGE);

/** Optional free text: trimmed, empty → null. */
export const textField = (max: number) =>
  z.preprocess(blankToNull, plainText().trim().max(max, `Не длиннее ${max} символов`).nullable());

export const requiredText = (max: number) =>
  plainText().trim().min(1, 'Заполните поле').max(max, `Не длиннее ${max} символов`);

export const personNameField = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .max(100, 'Не длиннее 100 символов')
    .regex(NAME_PATTERN, NAME_MESSAGE)
    .nullable(),
);

export const requiredPersonName = z
  .string()
  .trim()
  .min(1, 'Заполните поле')
  .max(100, 'Не длиннее 100 символов')
  .regex(NAME_PATTERN, NAME_MESSAGE);

export const phoneField = z.preprocess(
  blankToNull,
  z
    .string()
    .transform((value, ctx) => {
      const phone = normalizePhone(value);
      if (!phone) {
        ctx.addIssue({
          code: 'custom',
          message: PHONE_MESSAGE,
        });
        return z.NEVER;
      }
      return phone;
    })
    .nullable(),
);

export const emailField = z.preprocess(
  blankToNull,
  plainText()
    .trim()
    .toLowerCase()
    .refine(isValidEmail, 'Адрес электронной почты вида name@example.ru')
    .nullable(),
);

export const websiteField = z.preprocess(
  blankToNull,
  plainText()
    .trim()
    .max(300, 'Не длиннее 300 символов')
    .regex(/^(https?:\/\/)?[^\s/.]+(\.[^\s/.]+)+(\/\S*)?$/i, 'Адрес сайта вида example.ru')
    .nullable(),
);

// ---- dates: one rule for every date of the contract ----
// A date is `YYYY-MM-DD`, a day the calendar has (no 1985-13-45, no 2023-02-30) and inside the
// range its field allows; the message says which of the three failed.

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

export const DATE_FORMAT_MESSAGE = 'Дата в формате ГГГГ-ММ-ДД';
export const NO_SUCH_DATE = 'Такой даты нет';
export const FUTURE_MESSAGE = 'Дата не может быть в будущем';

/** A required date under `rule`, trimmed. */
export const dateOf = (rule: DateRule = {}) =>
  z
    .string(DATE_FORMAT_MESSAGE)
    .trim()
    .superRefine((value, ctx) => {
      const problem = dateProblem(value, rule);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** An optional date under `rule`: empty → null. */
export const optionalDateOf = (rule: DateRule = {}) =>
  z.preprocess(blankToNull, dateOf(rule).nullable());

/** Dates of the register's past: from 1900 to today. */
const pastRule: DateRule = { max: 'today' };
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

/** A date that has already happened (today included), from 1900. */
export const pastDateField = optionalDateOf(pastRule);
export const requiredPastDate = dateOf(pastRule);
/** Any date of the register (1900–2100). */
export const dateField = optionalDateOf();

export const orgInnField = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .regex(/^\d{10}$/, 'ИНН организации: 10 цифр')
    .refine(isValidOrgInn, 'ИНН: неверная контрольная цифра')
    .nullable(),
);

export const ogrnField = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .regex(/^\d{13}$/, 'ОГРН: 13 цифр')
    .refine(isValidOgrn, 'ОГРН: неверная контрольная цифра')
    .nullable(),
);

export const countField = z.preprocess(
  blankToNull,
  z
    .number('Укажите число')
    .int('Целое число')
    .min(0, 'Не меньше 0')
    .max(1_000_000, 'Не больше 1 000 000')
    .nullable(),
);

export const booleanField = z.boolean('Да или нет').nullable();
