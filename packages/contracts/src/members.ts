import { z } from 'zod';
import { idSchema, pageQuerySchema } from './common.js';
import { joinedRule, memberBirthRule } from './date-rules.js';
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
  /** Bumped on every change; also the `ETag` of `GET /members/:id` (send it in `If-Match`). */
  version: z.number().int(),
});
export type Member = z.infer<typeof memberSchema>;

// ---- input ----

export const birthDateField = optionalDateOf(memberBirthRule);

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

/** Which letters a member agrees to, as a form changes them (any of the three). */
export const notifyPatchSchema = z
  .object({
    sms: z.boolean('Да или нет'),
    push: z.boolean('Да или нет'),
    email: z.boolean('Да или нет'),
  })
  .partial()
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
  notify: notifyPatchSchema,
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

/** Orders of the members list: a column, `-` in front for the reverse. */
export const memberSorts = [
  'name',
  '-name',
  'birthDate',
  '-birthDate',
  'registeredOn',
  '-registeredOn',
] as const;
export type MemberSort = (typeof memberSorts)[number];

export const memberListQuerySchema = pageQuerySchema.extend({
  under: idSchema.optional(),
  orgId: idSchema.optional(),
  q: plainText().trim().max(200).optional(),
  status: z.enum(memberStatuses).optional(),
  category: z.enum(memberCategories).optional(),
  /** Members lacking this field (the completeness drill-down), listed by org. */
  missing: z.enum(memberIndicators).optional(),
  /** By name unless given; birth dates not known come last either way. */
  sort: z
    .enum(memberSorts, 'Сортировка: по ФИО, дате рождения или дате постановки на учёт')
    .optional(),
});

/** A row of the list: the card and the name of its org, so a page needs no other request. */
export const memberListItemSchema = memberSchema.extend({ orgName: z.string() });
export type MemberListItem = z.infer<typeof memberListItemSchema>;

/**
 * How many members the filters find, on the first page only (null on later pages, and where
 * only reading a large subtree whole could count). `exact: false` means "more than `count`":
 * a text search counts no further than a cap.
 */
export const memberListTotalSchema = z.object({
  count: z.number().int(),
  exact: z.boolean(),
});
export type MemberListTotal = z.infer<typeof memberListTotalSchema>;

export const memberListPageSchema = z.object({
  items: z.array(memberListItemSchema),
  nextCursor: z.string().nullable(),
  total: memberListTotalSchema.nullable(),
});
export type MemberListPage = z.infer<typeof memberListPageSchema>;

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

/** `duplicate`: one name and one birth date on several records; `candidate`: one name on several
 * records, some of them without a birth date (perhaps one person, perhaps namesakes). */
export const duplicateKinds = ['duplicate', 'candidate'] as const;
export type DuplicateKind = (typeof duplicateKinds)[number];

export const duplicateGroupSchema = z.object({
  /** The normalised full name the records share. */
  key: z.string(),
  kind: z.enum(duplicateKinds),
  /** The birth date the records share (a duplicate group); null for a candidate group. */
  birthDate: z.string().nullable(),
  /** The group's records in the caller's subtree; a candidate group shows at most 20 of them
   * (those without a birth date first): `memberCount` says how many there are. */
  members: z.array(memberSchema),
  memberCount: z.number().int(),
  /** Whether the caller may merge these records or mark them as different people. */
  canResolve: z.boolean(),
});

export const duplicateListQuerySchema = pageQuerySchema.extend({
  under: idSchema.optional(),
  kind: z.enum(duplicateKinds, 'Выберите вид из списка').default('duplicate'),
});

/** «Не дубль»: the records of a group (or a pair of them) are different people. */
export const duplicateDismissSchema = z
  .object({
    memberIds: z
      .array(idSchema, 'Укажите записи')
      .min(2, 'Укажите хотя бы две записи')
      .max(500, 'Не больше 500 записей за раз'),
  })
  .strict();
export type DuplicateDismiss = z.infer<typeof duplicateDismissSchema>;

/** Merging two records of one person: `duplicateId` joins the card in the path and leaves. */
export const memberMergeSchema = z.object({ duplicateId: idSchema }).strict();
export type MemberMerge = z.infer<typeof memberMergeSchema>;

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
