import { z } from 'zod';
import { idSchema } from './common.js';
import { activistRoles, eventKinds, orgChangeActions } from './enums.js';
import {
  emailField,
  personNameField,
  phoneField,
  requiredPastDate,
  requiredPersonName,
  requiredText,
  textField,
} from './fields.js';

// The passport's lists: Профактив, Штат, Мероприятия; and the org's change history.

export const activistInputSchema = z
  .object({
    role: z.enum(activistRoles, 'Выберите роль из списка'),
    lastName: requiredPersonName,
    firstName: requiredPersonName,
    middleName: personNameField.optional(),
    phone: phoneField.optional(),
    email: emailField.optional(),
    note: textField(500).optional(),
  })
  .strict();
export const activistPatchSchema = activistInputSchema.partial().strict();

export const activistSchema = z.object({
  id: idSchema,
  orgId: idSchema,
  role: z.enum(activistRoles),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  note: z.string().nullable(),
});
export type Activist = z.infer<typeof activistSchema>;

export const staffInputSchema = z
  .object({
    position: requiredText(200),
    lastName: requiredPersonName,
    firstName: requiredPersonName,
    middleName: personNameField.optional(),
    rate: z
      .number('Укажите число')
      .min(0.05, 'Ставка: от 0,05 до 2')
      .max(2, 'Ставка: от 0,05 до 2')
      .multipleOf(0.05, 'Ставка кратна 0,05')
      .nullable()
      .optional(),
    phone: phoneField.optional(),
    email: emailField.optional(),
  })
  .strict();
export const staffPatchSchema = staffInputSchema.partial().strict();

export const staffMemberSchema = z.object({
  id: idSchema,
  orgId: idSchema,
  position: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  rate: z.number().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

export const eventInputSchema = z
  .object({
    date: requiredPastDate,
    title: requiredText(300),
    kind: z.enum(eventKinds, 'Выберите вид из списка'),
    participants: z
      .number('Укажите число')
      .int('Целое число')
      .min(0, 'Не меньше 0')
      .max(1_000_000, 'Не больше 1 000 000')
      .nullable()
      .optional(),
    note: textField(1000).optional(),
  })
  .strict();
export const eventPatchSchema = eventInputSchema.partial().strict();

export const orgEventSchema = z.object({
  id: idSchema,
  orgId: idSchema,
  date: z.string(),
  title: z.string(),
  kind: z.enum(eventKinds),
  participants: z.number().int().nullable(),
  note: z.string().nullable(),
});
export type OrgEvent = z.infer<typeof orgEventSchema>;

export const orgPartParamsSchema = z.object({ id: idSchema, partId: idSchema });

export const fieldChangeSchema = z.object({
  field: z.string(),
  old: z.unknown(),
  new: z.unknown(),
});
export type FieldChange = z.infer<typeof fieldChangeSchema>;

/** One entry of a record's history: who, when, what action, which fields went from what to what. */
export const changeSchema = <A extends readonly [string, ...string[]]>(actions: A) =>
  z.object({
    id: idSchema,
    at: z.string(),
    actor: z.object({ id: idSchema, login: z.string(), fullName: z.string() }).nullable(),
    action: z.enum(actions),
    changes: z.array(fieldChangeSchema),
    note: z.string().nullable(),
  });

export const orgChangeSchema = changeSchema(orgChangeActions);
export type OrgChange = z.infer<typeof orgChangeSchema>;
