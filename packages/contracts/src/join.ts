import { z } from 'zod';
import { idSchema, pageOf, pageQuerySchema } from './common.js';
import { memberBirthRule } from './date-rules.js';
import { applicationStatuses, memberCategories, sexes } from './enums.js';
import {
  dateOf,
  personNameField,
  phoneField,
  plainText,
  requiredEmail,
  requiredPersonName,
  requiredText,
  sixDigitCode,
  textField,
} from './fields.js';
import { memberSchema } from './members.js';

// Online join, «Приём в Профсоюз» (../shared/API.md, part 2, "Online join").

// The statuses and their labels live in enums.ts (free of zod: the audit journal names them).

export const publicRegionsSchema = z.object({
  items: z.array(z.object({ id: idSchema, name: z.string() })),
});

export const publicOrgQuerySchema = pageQuerySchema.extend({
  q: plainText().trim().max(200, 'Не длиннее 200 символов').optional(),
  regionId: idSchema.optional(),
});
export type PublicOrgQuery = z.infer<typeof publicOrgQuerySchema>;

/** Only this of an org is public. */
export const publicOrgSchema = z.object({
  id: idSchema,
  name: z.string(),
  regionName: z.string().nullable(),
  eduOrgName: z.string().nullable(),
});
export type PublicOrg = z.infer<typeof publicOrgSchema>;
export const publicOrgPageSchema = pageOf(publicOrgSchema);

/** `POST /applications`: the person's own form, validated as a member card is. */
export const applicationCreateSchema = z
  .object({
    orgId: idSchema,
    lastName: requiredPersonName,
    firstName: requiredPersonName,
    middleName: personNameField.optional(),
    sex: z.enum(sexes, 'Пол: male или female'),
    birthDate: dateOf(memberBirthRule),
    category: z.enum(memberCategories, 'Выберите категорию из списка'),
    workplace: requiredText(300),
    position: textField(200).optional(),
    studyCourse: z
      .number('Укажите число')
      .int('Целое число')
      .min(1, 'Курс: от 1 до 6')
      .max(6, 'Курс: от 1 до 6')
      .nullable()
      .optional(),
    phone: phoneField.optional(),
    email: requiredEmail,
    pdConsent: z.literal(
      true,
      'Без согласия на обработку персональных данных заявление не принять',
    ),
  })
  .strict();
export type ApplicationCreate = z.infer<typeof applicationCreateSchema>;

export const applicationCreatedSchema = z.object({
  id: idSchema,
  status: z.enum(applicationStatuses),
});

export const applicationConfirmSchema = z.object({ code: sixDigitCode }).strict();

export const applicationStatusQuerySchema = z.object({
  email: plainText().trim().max(254, 'Не длиннее 254 символов'),
});
export const applicationPublicStatusSchema = z.object({
  status: z.enum(applicationStatuses),
  rejectReason: z.string().nullable(),
});

/** An application as staff see it. */
export const applicationSchema = z.object({
  id: idSchema,
  status: z.enum(applicationStatuses),
  orgId: idSchema,
  orgName: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  sex: z.enum(sexes),
  birthDate: z.string(),
  category: z.enum(memberCategories),
  workplace: z.string(),
  position: z.string().nullable(),
  studyCourse: z.number().int().nullable(),
  phone: z.string().nullable(),
  email: z.string(),
  pdConsentVersion: z.string(),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  memberId: idSchema.nullable(),
});
export type Application = z.infer<typeof applicationSchema>;
export const applicationPageSchema = pageOf(applicationSchema);

export const applicationQuerySchema = pageQuerySchema.extend({
  under: idSchema.optional(),
  status: z
    .enum(['submitted', 'accepted', 'rejected'], 'Статус: submitted, accepted или rejected')
    .optional(),
});
export type ApplicationQuery = z.infer<typeof applicationQuerySchema>;

/** The menu's badge: applications waiting for a decision in the caller's subtree. */
export const applicationCountSchema = z.object({ submitted: z.number().int() });

export const applicationAcceptSchema = z
  .object({
    /** The date the person is put on record; today when absent. */
    on: dateOf({ min: '1990-01-01', max: 'today' }).optional(),
  })
  .strict();
export type ApplicationAccept = z.infer<typeof applicationAcceptSchema>;

export const applicationAcceptedSchema = z.object({
  application: applicationSchema,
  member: memberSchema,
});

export const applicationRejectSchema = z.object({ reason: requiredText(1000) }).strict();
