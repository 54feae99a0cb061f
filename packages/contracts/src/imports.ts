import { z } from 'zod';
import { idSchema, pageQuerySchema } from './common.js';
import {
  importKinds,
  importStatuses,
  memberCategories,
  memberStatuses,
  orgLevels,
  orgStatuses,
  spreadsheetFormats,
} from './enums.js';

// Imports and exports of spreadsheets (../shared/API.md, "Imports").

export const importErrorSchema = z.object({
  /** The row of the file, the header being row 1; 1 also for a problem of the header itself. */
  row: z.number().int(),
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportError = z.infer<typeof importErrorSchema>;

export const importSchema = z.object({
  id: idSchema,
  kind: z.enum(importKinds),
  orgId: idSchema,
  status: z.enum(importStatuses),
  total: z.number().int().nullable(),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(importErrorSchema),
  /** More errors than `errors` holds. */
  errorsTruncated: z.boolean(),
  /** Why a failed import stopped as a whole (a wrong header row, an unreadable file). */
  message: z.string().nullable(),
  fileName: z.string(),
  format: z.enum(spreadsheetFormats),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  user: z.object({ id: idSchema, fullName: z.string() }),
});
export type Import = z.infer<typeof importSchema>;

export const importCreatedSchema = z.object({ id: idSchema });

export const importListQuerySchema = pageQuerySchema.extend({ under: idSchema.optional() });

export const templateParamsSchema = z.object({
  kind: z.enum(importKinds),
  format: z.enum(spreadsheetFormats),
});

export const memberExportQuerySchema = z.object({
  under: idSchema.optional(),
  orgId: idSchema.optional(),
  q: z.string().trim().max(200).optional(),
  status: z.enum(memberStatuses).optional(),
  category: z.enum(memberCategories).optional(),
  format: z.enum(spreadsheetFormats).default('xlsx'),
});

export const orgExportQuerySchema = z.object({
  under: idSchema.optional(),
  q: z.string().trim().max(200).optional(),
  level: z.enum(orgLevels).optional(),
  status: z.enum(orgStatuses).optional(),
  format: z.enum(spreadsheetFormats).default('xlsx'),
});
