import { z } from 'zod';
import { idSchema } from './common.js';
import { eduOrgTypes, orgLevels, orgStatuses, sexes } from './enums.js';

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

export const eduOrgSchema = z.object({
  name: z.string().nullable(),
  type: z.enum(eduOrgTypes).nullable(),
  inn: z.string().nullable(),
  headName: z.string().nullable(),
  headPosition: z.string().nullable(),
  employees: z.number().int().nullable(),
  students: z.number().int().nullable(),
});

export const contactsSchema = z.object({
  legalAddress: z.string().nullable(),
  actualAddress: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
});

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
  duesRate: z.number().nullable(),
  isSmall: z.boolean().nullable(),
  hasCommittee: z.boolean().nullable(),
  foundedOn: z.string().nullable(),
  chairman: chairmanSchema.nullable(),
  eduOrg: eduOrgSchema.nullable(),
  contacts: contactsSchema,
  memberCount: z.number().int(),
  childCount: z.number().int(),
});
export type Org = z.infer<typeof orgSchema>;

const text = (max: number) => z.string().trim().min(1, 'Заполните поле').max(max);

export const orgCreateSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-zА-Яа-яЁё._-]{1,40}$/, 'Код: до 40 букв, цифр, точек, дефисов'),
  parentId: idSchema,
  level: z.enum(orgLevels),
  name: text(500),
  shortName: text(200).nullish(),
});
export type OrgCreate = z.infer<typeof orgCreateSchema>;
