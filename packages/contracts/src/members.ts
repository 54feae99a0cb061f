import { z } from 'zod';
import { idSchema, pageQuerySchema } from './common.js';
import {
  deregisterReasons,
  duesPaymentForms,
  memberCategories,
  memberChangeActions,
  memberIndicators,
  memberStatuses,
  pdConsentMethods,
  sexes,
} from './enums.js';
import {
  birthRule,
  type DateRule,
  dateOf,
  emailField,
  optionalDateOf,
  pdConsentRule,
  personNameField,
  phoneField,
  plainText,
  requiredPersonName,
  textField,
  unionEraRule,
} from './fields.js';
import { changeSchema } from './org-parts.js';
import { isValidCardNumber } from './validators.js';

// ---- the member card as the API returns it (../shared/API.md) ----

export const notifyConsentSchema = z.object({
  sms: z.boolean(),
  push: z.boolean(),
  email: z.boolean(),
});

export const pdConsentSchema = z.object({
  givenOn: z.string(),
  version: z.string().nullable(),
  method: z.enum(pdConsentMethods).nullable(),
});

export const memberSchema = z.object({
  id: idSchema,
  orgId: idSchema,
  status: z.enum(memberStatuses),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  sex: z.enum(sexes).nullable(),
  birthDate: z.string().nullable(),
  category: z.enum(memberCategories).nullable(),
  duesPaymentForm: z.enum(duesPaymentForms).nullable(),
  pdConsent: pdConsentSchema.nullable(),
  joinedOn: z.string().nullable(),
  registeredOn: z.string(),
  cardNumber: z.string(),
  workplace: z.string().nullable(),
  position: z.string().nullable(),
  staffCategory: z.string().nullable(),
  studyCourse: z.number().int().nullable(),
  faculty: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  emailVerified: z.boolean(),
  address: z.string().nullable(),
  notify: notifyConsentSchema,
  deregisteredOn: z.string().nullable(),
  deregisterReason: z.enum(deregisterReasons).nullable(),
  deregisterNote: z.string().nullable(),
  /** Follows from the birth date: the union counts its young members. */
  under35: z.boolean().nullable(),
});
export type Member = z.infer<typeof memberSchema>;

// ---- input ----

/** A birth date giving an age from 14 to 100 today. */
export const memberBirthRule = birthRule(14, 100);
export const birthDateField = optionalDateOf(memberBirthRule);

/** Joined the union: a member of 100 joined at 14 at the earliest. */
export const joinedRule: DateRule = { min: '1940-01-01', max: 'today' };

export const cardNumberField = z
  .string()
  .transform((v) => v.replace(/\s/g, ''))
  .refine(isValidCardNumber, 'Номер билета: 16 цифр, последняя — контрольная');

const studyCourseField = z.preprocess(
  (v) => (v === '' ? null : v),
  z
    .number('Укажите число')
    .int('Целое число')
    .min(1, 'Курс: от 1 до 6')
    .max(6, 'Курс: от 1 до 6')
    .nullable(),
);

const pdConsentInput = z
  .object({
    givenOn: dateOf(pdConsentRule),
    version: textField(50).optional(),
    method: z.enum(pdConsentMethods, 'Выберите способ из списка').nullable().optional(),
  })
  .strict();

const cardFields = {
  lastName: requiredPersonName,
  firstName: requiredPersonName,
  middleName: personNameField,
  sex: z.enum(sexes, 'Пол: male или female').nullable(),
  birthDate: birthDateField,
  category: z.enum(memberCategories, 'Выберите категорию из списка').nullable(),
  duesPaymentForm: z.enum(duesPaymentForms, 'Выберите форму из списка').nullable(),
  pdConsent: pdConsentInput.nullable(),
  joinedOn: optionalDateOf(joinedRule),
  workplace: textField(300),
  position: textField(200),
  staffCategory: textField(200),
  studyCourse: studyCourseField,
  faculty: textField(200),
  phone: phoneField,
  email: emailField,
  address: textField(500),
  notify: z
    .object({
      sms: z.boolean('Да или нет'),
      push: z.boolean('Да или нет'),
      email: z.boolean('Да или нет'),
    })
    .partial()
    .strict(),
};

/** Putting on record: the short form is name, birth date and org; the rest can follow later. */
export const memberCreateSchema = z
  .object(cardFields)
  .partial()
  .required({ lastName: true, firstName: true })
  .extend({
    orgId: idSchema,
    registeredOn: dateOf(unionEraRule).optional(),
    cardNumber: cardNumberField.optional(),
  })
  .strict();
export type MemberCreate = z.infer<typeof memberCreateSchema>;

const viaAction = (message: string) => z.undefined({ error: message }).optional();

export const memberPatchSchema = z
  .object(cardFields)
  .partial()
  .extend({
    orgId: viaAction('Организация меняется переводом (POST /members/:id/transfer)'),
    status: viaAction('Статус меняется постановкой на учёт и снятием с учёта'),
    cardNumber: viaAction('Номер билета присваивается один раз и не меняется'),
    emailVerified: viaAction('Адрес подтверждает сам член Профсоюза'),
  })
  .strict();
export type MemberPatch = z.infer<typeof memberPatchSchema>;

export const memberTransferSchema = z
  .object({ toOrgId: idSchema, on: dateOf(unionEraRule) })
  .strict();
export const memberDeregisterSchema = z
  .object({
    on: dateOf(unionEraRule),
    reason: z.enum(deregisterReasons, 'Выберите причину из списка'),
    note: textField(1000).optional(),
  })
  .strict();
export const memberReadmitSchema = z
  .object({ orgId: idSchema.optional(), on: dateOf(unionEraRule) })
  .strict();

export const memberListQuerySchema = pageQuerySchema.extend({
  under: idSchema.optional(),
  orgId: idSchema.optional(),
  q: plainText().trim().max(200).optional(),
  status: z.enum(memberStatuses).optional(),
  category: z.enum(memberCategories).optional(),
  /** Members lacking this field (the completeness drill-down), listed by org. */
  missing: z.enum(memberIndicators).optional(),
});

export const registrationPeriodSchema = z.object({
  orgId: idSchema,
  orgName: z.string(),
  registeredOn: z.string(),
  deregisteredOn: z.string().nullable(),
  reason: z.string().nullable(),
});

export const memberChangeSchema = changeSchema(memberChangeActions);

export const memberHistorySchema = z.object({
  periods: z.array(registrationPeriodSchema),
  items: z.array(memberChangeSchema),
  nextCursor: z.string().nullable(),
});

export const duplicateGroupSchema = z.object({
  key: z.string(),
  members: z.array(memberSchema),
});

export type RegistrationPeriod = z.infer<typeof registrationPeriodSchema>;
export type MemberChange = z.infer<typeof memberChangeSchema>;
export type MemberHistory = z.infer<typeof memberHistorySchema>;
export type DuplicateGroup = z.infer<typeof duplicateGroupSchema>;

export const orgStatsSchema = z.object({
  members: z.object({
    active: z.number().int(),
    deregistered: z.number().int(),
    byCategory: z.object({
      working: z.number().int(),
      student: z.number().int(),
      pensioner: z.number().int(),
      unknown: z.number().int(),
    }),
    bySex: z.object({
      male: z.number().int(),
      female: z.number().int(),
      unknown: z.number().int(),
    }),
  }),
});
export type OrgStats = z.infer<typeof orgStatsSchema>;
