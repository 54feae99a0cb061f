import { z } from 'zod';
import { NAME_MESSAGE, NAME_PATTERN } from './patterns.js';
import {
  isValidEmail,
  isValidIsoDate,
  isValidOgrn,
  isValidOrgInn,
  normalizePhone,
  todayIso,
} from './validators.js';

// Field schemas with Russian messages. In input an empty string means "no value" (null), so a
// cleared form field and an empty spreadsheet cell both clear the value.

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** Optional free text: trimmed, empty → null. */
export const textField = (max: number) =>
  z.preprocess(blankToNull, z.string().trim().max(max, `Не длиннее ${max} символов`).nullable());

export const requiredText = (max: number) =>
  z.string().trim().min(1, 'Заполните поле').max(max, `Не длиннее ${max} символов`);

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
          message: 'Телефон: 10 цифр номера, например +7 912 345-67-89',
        });
        return z.NEVER;
      }
      return phone;
    })
    .nullable(),
);

export const emailField = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .toLowerCase()
    .refine(isValidEmail, 'Адрес электронной почты вида name@example.ru')
    .nullable(),
);

export const websiteField = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .max(300, 'Не длиннее 300 символов')
    .regex(/^(https?:\/\/)?[^\s/.]+(\.[^\s/.]+)+(\/\S*)?$/i, 'Адрес сайта вида example.ru')
    .nullable(),
);

const isoDate = z.string().trim().refine(isValidIsoDate, 'Дата в формате ГГГГ-ММ-ДД');

/** A date that has already happened (today included). */
export const pastDateField = z.preprocess(
  blankToNull,
  isoDate.refine((v) => v <= todayIso(), 'Дата не может быть в будущем').nullable(),
);

export const requiredPastDate = isoDate.refine(
  (v) => v <= todayIso(),
  'Дата не может быть в будущем',
);

export const dateField = z.preprocess(blankToNull, isoDate.nullable());

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
