import { z } from 'zod';
import { idSchema, pageQuerySchema } from './common.js';
import { chairmanBirthRule, chairmanTermRule } from './date-rules.js';
import { eduOrgTypes, orgLevels, orgStatuses, sexes } from './enums.js';
import {
  booleanField,
  countField,
  dateOf,
  emailField,
  ogrnField,
  optionalDateOf,
  orgInnField,
  pastDateField,
  personNameField,
  phoneField,
  plainText,
  requiredText,
  textField,
  unionEraRule,
  websiteField,
} from './fields.js';
import { ORG_CODE_MESSAGE, ORG_CODE_PATTERN } from './patterns.js';

// ---- the org as the API returns it (../shared/API.md) ----

export const notifySchema = z.object({ sms: z.boolean(), push: z.boolean(), email: z.boolean() });

export const chairmanSchema = z.object({
  lastName: z.string().nullable(),
  firstName: z.string().nullable(),
  middleName: z.string().nullable(),
  birthDate: z.string().nullable(),
  sex: z.enum(sexes).nullable(),
  electedOn: z.string().nullable(),
  termEndsOn: z.string().nullable(),
  isReleased: z.boolean().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  notify: notifySchema,
});
export type Chairman = z.infer<typeof chairmanSchema>;

export const eduOrgSchema = z.object({
  name: z.string().nullable(),
  type: z.enum(eduOrgTypes).nullable(),
  inn: z.string().nullable(),
  headName: z.string().nullable(),
  headPosition: z.string().nullable(),
  employees: z.number().int().nullable(),
  students: z.number().int().nullable(),
});
export type EduOrg = z.infer<typeof eduOrgSchema>;

export const contactsSchema = z.object({
  legalAddress: z.string().nullable(),
  actualAddress: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
});
export type Contacts = z.infer<typeof contactsSchema>;

export const orgSchema = z.object({
  id: idSchema,
  code: z.string(),
  parentId: idSchema.nullable(),
  level: z.enum(orgLevels),
  name: z.string(),
  shortName: z.string().nullable(),
  status: z.enum(orgStatuses),
  isLegalEntity: z.boolean(),
  inn: z.string().nullable(),
  ogrn: z.string().nullable(),
  duesRate: z.number().nullable(),
  isSmall: z.boolean().nullable(),
  hasCommittee: z.boolean().nullable(),
  foundedOn: z.string().nullable(),
  chairman: chairmanSchema.nullable(),
  eduOrg: eduOrgSchema.nullable(),
  contacts: contactsSchema,
  memberCount: z.number().int(),
  childCount: z.number().int(),
  liquidatedOn: z.string().nullable(),
  mergedIntoId: idSchema.nullable(),
  /** Bumped on every change; also the `ETag` of `GET /orgs/:id` (send it in `If-Match`). */
  version: z.number().int(),
});
export type Org = z.infer<typeof orgSchema>;

// ---- input: create and patch ----

const notifyInput = z
  .object({
    sms: z.boolean('Да или нет'),
    push: z.boolean('Да или нет'),
    email: z.boolean('Да или нет'),
  })
  .partial()
  .strict();

export const chairmanInputSchema = z
  .object({
    lastName: personNameField,
    firstName: personNameField,
    middleName: personNameField,
    birthDate: optionalDateOf(chairmanBirthRule),
    sex: z.enum(sexes, 'Пол: male или female').nullable(),
    electedOn: optionalDateOf(unionEraRule),
    termEndsOn: optionalDateOf(chairmanTermRule),
    isReleased: booleanField,
    phone: phoneField,
    email: emailField,
    notify: notifyInput,
  })
  .partial()
  .strict();
export type ChairmanInput = z.infer<typeof chairmanInputSchema>;

export const eduOrgInputSchema = z
  .object({
    name: textField(500),
    type: z.enum(eduOrgTypes, 'Выберите тип из списка').nullable(),
    inn: orgInnField,
    headName: textField(200),
    headPosition: textField(200),
    employees: countField,
    students: countField,
  })
  .partial()
  .strict();
export type EduOrgInput = z.infer<typeof eduOrgInputSchema>;

export const contactsInputSchema = z
  .object({
    legalAddress: textField(500),
    actualAddress: textField(500),
    phone: phoneField,
    email: emailField,
    website: websiteField,
  })
  .partial()
  .strict();

const codeField = plainText().trim().regex(ORG_CODE_PATTERN, ORG_CODE_MESSAGE);

const passportFields = {
  name: requiredText(500),
  shortName: textField(200),
  isLegalEntity: z.boolean('Да или нет'),
  inn: orgInnField,
  ogrn: ogrnField,
  duesRate: z.preprocess(
    (v) => (v === '' ? null : v),
    z
      .number('Укажите число')
      .min(0, 'Взнос: от 0 до 100 %')
      .max(100, 'Взнос: от 0 до 100 %')
      .multipleOf(0.01, 'Не больше двух знаков после запятой')
      .nullable(),
  ),
  isSmall: booleanField,
  hasCommittee: booleanField,
  foundedOn: pastDateField,
  // Nested objects merge: a PATCH carrying `chairman.phone` changes only the phone.
  chairman: chairmanInputSchema.nullable(),
  eduOrg: eduOrgInputSchema.nullable(),
  contacts: contactsInputSchema,
};

const viaAction = (message: string) => z.undefined({ error: message }).optional();

export const orgPatchSchema = z
  .object({
    ...passportFields,
    code: codeField,
  })
  .partial()
  .extend({
    parentId: viaAction('Вышестоящая организация меняется переносом (POST /orgs/:id/move)'),
    level: viaAction('Уровень организации не меняется'),
    status: viaAction('Статус меняется ликвидацией (POST /orgs/:id/liquidate)'),
  })
  .strict();
export type OrgPatch = z.infer<typeof orgPatchSchema>;

export const orgCreateSchema = z
  .object({ ...passportFields, code: codeField, parentId: idSchema, level: z.enum(orgLevels) })
  .partial()
  .required({ code: true, parentId: true, level: true, name: true })
  .strict();
export type OrgCreate = z.infer<typeof orgCreateSchema>;

export const orgMoveSchema = z.object({ parentId: idSchema }).strict();
export const orgMergeSchema = z
  .object({ intoId: idSchema, on: dateOf(unionEraRule).optional() })
  .strict();
export const orgLiquidateSchema = z
  .object({
    on: dateOf(unionEraRule),
    note: textField(1000).optional(),
  })
  .strict();

export const orgSearchQuerySchema = pageQuerySchema.extend({
  q: plainText().trim().max(200).optional(),
  under: idSchema.optional(),
  level: z.enum(orgLevels).optional(),
  status: z.enum(orgStatuses).optional(),
});

export const orgRefSchema = z.object({
  id: idSchema,
  name: z.string(),
  level: z.enum(orgLevels),
});
export type OrgRef = z.infer<typeof orgRefSchema>;

/**
 * A search result: the org and its ancestors above it (regional, okrug, territorial, those the
 * caller may see), top first, so namesakes in different districts tell apart.
 */
export const orgSearchItemSchema = orgSchema.extend({ parents: z.array(orgRefSchema) });
export type OrgSearchItem = z.infer<typeof orgSearchItemSchema>;

/** Where a member can be transferred: an active primary anywhere in the union, by name. */
export const transferTargetQuerySchema = pageQuerySchema.extend({
  q: plainText().trim().max(200).optional(),
});

/** What a transfer target shows of an org: its name and the ancestors that place it. */
export const transferTargetSchema = orgRefSchema.extend({ parents: z.array(orgRefSchema) });
export type TransferTarget = z.infer<typeof transferTargetSchema>;
