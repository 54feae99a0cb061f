import { z } from 'zod';
import { idSchema, pageOf, pageQuerySchema } from './common.js';
import {
  indicators,
  memberIndicators,
  orgIndicators,
  orgLevels,
  spreadsheetFormats,
} from './enums.js';

// Completeness ("не заполнено у N") and short passports; the indicator keys and labels are in
// enums.ts (zod-free, for the web bundle).

const count = z.number().int();
const missingOf = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, count])) as Record<K, typeof count>);

export const completenessSchema = z.object({
  orgs: z.object({ total: count, missing: missingOf(orgIndicators) }),
  members: z.object({ total: count, missing: missingOf(memberIndicators) }),
});
export type Completeness = z.infer<typeof completenessSchema>;

const orgRefSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  level: z.enum(orgLevels),
});

/** A child org's completeness: a row of the dashboard's table. */
export const completenessChildSchema = completenessSchema.extend({ org: orgRefSchema });
export type CompletenessChild = z.infer<typeof completenessChildSchema>;
export const completenessChildPageSchema = pageOf(completenessChildSchema);

export const completenessChildrenQuerySchema = pageQuerySchema.extend({
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

/** The drill-down: primaries lacking an org field, or having members who lack a member field. */
export const completenessOrgsQuerySchema = pageQuerySchema.extend({
  indicator: z.enum(indicators, { message: 'Неизвестный показатель' }),
});
export const completenessOrgItemSchema = orgRefSchema.extend({
  parentName: z.string().nullable(),
  /** For a member indicator: how many members of this org lack it. */
  missingMembers: count.nullable(),
});
export type CompletenessOrgItem = z.infer<typeof completenessOrgItemSchema>;
export const completenessOrgPageSchema = pageOf(completenessOrgItemSchema);

export const completenessTrendQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(366).default(90),
});
export const completenessTrendSchema = z.object({
  items: z.array(completenessSchema.extend({ day: z.string() })),
});
export type CompletenessTrend = z.infer<typeof completenessTrendSchema>;

export const completenessExportQuerySchema = z.object({
  format: z.enum(spreadsheetFormats).default('xlsx'),
});

/** Краткий паспорт: live figures of any org, without forming a report. */
export const shortPassportSchema = z.object({
  org: orgRefSchema.extend({ parentName: z.string().nullable() }),
  /** The date "under 35" is counted as of. */
  asOf: z.string(),
  members: z.object({
    active: count,
    byCategory: z.object({ working: count, student: count, pensioner: count, unknown: count }),
    women: count,
    under35: count,
    /** Members holding an individual 16-digit card number (every member on record does). */
    cardHolders: count,
  }),
  coverage: z.object({
    employees: count,
    workingMembers: count,
    /** Working members ÷ employees of the education organizations, % (null: no employees known). */
    employeesPercent: z.number().nullable(),
    students: count,
    studentMembers: count,
    studentsPercent: z.number().nullable(),
  }),
  orgs: z.object({ primaries: count, territorials: count, regionals: count }),
  chairmen: z.object({ total: count, women: count, under35: count, released: count }),
});
export type ShortPassport = z.infer<typeof shortPassportSchema>;
