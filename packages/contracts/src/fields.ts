import { z } from 'zod';
import { DATE_FORMAT_MESSAGE, type DateRule, dateProblem, pastRule } from './date-rules.js';
import { NAME_MESSAGE, NAME_PATTERN } from './patterns.js';
import {
  FORBIDDEN_CHARS_MESSAGE,
  hasForbiddenChars,
  isValidEmail,
  isValidOgrn,
  isValidOrgInn,
  normalizePhone,
  PHONE_MESSAGE,
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

/** An address the form cannot do without (sign-in, an application). */
export const requiredEmail = emailField.refine(
  (v) => v !== null,
  'Укажите адрес электронной почты',
);

/** A one-time code from a letter. */
export const sixDigitCode = plainText()
  .trim()
  .regex(/^\d{6}$/, 'Код — шесть цифр из письма');

export const websiteField = z.preprocess(
  blankToNull,
  plainText()
    .trim()
    .max(300, 'Не длиннее 300 символов')
    .regex(/^(https?:\/\/)?[^\s/.]+(\.[^\s/.]+)+(\/\S*)?$/i, 'Адрес сайта вида example.ru')
    .nullable(),
);

// ---- dates: one rule for every date of the contract ----
// The rules and `dateProblem` live zod-free in date-rules.ts (the web checks dates with them);
// re-exported here for the modules that import them from fields.

export {
  birthRule,
  DATE_FORMAT_MESSAGE,
  type DateRule,
  dateProblem,
  EARLIEST_DATE,
  FUTURE_MESSAGE,
  LATEST_DATE,
  NO_SUCH_DATE,
  pdConsentRule,
  unionEraRule,
} from './date-rules.js';

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

/**
 * A month of monthly figures, `YYYY-MM`, years 2000–2099: a year like 0000 would reach the
 * database and fail there.
 */
export const monthField = (label = 'Месяц') =>
  plainText().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, `${label}: ГГГГ-ММ, 2000–2099`);
