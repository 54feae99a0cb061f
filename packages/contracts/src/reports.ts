import { z } from 'zod';
import { idSchema, pageOf, pageQuerySchema } from './common.js';
import { deregisterReasons, orgLevels } from './enums.js';
import { dateOf, plainText } from './fields.js';

// Statistical reports, forms 2 СП – 5 СП (../shared/API.md, part 2, "Statistical reports").

export const reportStatuses = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ReportStatus = (typeof reportStatuses)[number];
export const reportStatusLabels: Record<ReportStatus, string> = {
  draft: 'Черновик',
  submitted: 'Сдан',
  accepted: 'Принят',
  returned: 'Возвращён',
};

export const cellTypes = ['integer', 'decimal', 'text'] as const;
export type CellType = (typeof cellTypes)[number];
export const ruleSeverities = ['error', 'warning'] as const;
export type RuleSeverity = (typeof ruleSeverities)[number];

/**
 * Where a prefilled cell takes its value. Register sources are counted from the register as it
 * stood on the report date; `sum:<form>.<cell>` sums that cell of the accepted reports of
 * `<form>` in the org's subtree for the same date (a territorial's 2 СП from its primaries' 5 СП).
 */
export const registerSources = [
  'members_total',
  'members_working',
  'members_students',
  'members_pensioners',
  'members_women',
  'members_under35',
  'admitted',
  'left',
  ...deregisterReasons.map((reason) => `left_${reason}` as const),
  'transferred_in',
  'transferred_out',
  'primaries_active',
] as const;
export type RegisterSource = (typeof registerSources)[number];
export const registerSourceLabels: Record<string, string> = {
  members_total: 'Членов Профсоюза на дату',
  members_working: 'Работающих членов',
  members_students: 'Обучающихся членов',
  members_pensioners: 'Неработающих пенсионеров',
  members_women: 'Женщин',
  members_under35: 'Моложе 35 лет',
  admitted: 'Принято за год',
  left: 'Выбыло за год',
  transferred_in: 'Переведено в организацию за год',
  transferred_out: 'Переведено из организации за год',
  primaries_active: 'Действующих первичных организаций',
};

const cellCode = z
  .string('Код: строка')
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'Код: латинские строчные буквы, цифры и «_», с буквы');

// Forms are named as the union names them: «5sp», «2sp» (a letter somewhere: never a bare number).
const formCode = z
  .string('Код формы: строка')
  .regex(
    /^(?=[0-9_]*[a-z])[a-z0-9][a-z0-9_]{0,62}$/,
    'Код формы: латинские строчные буквы, цифры и «_», хотя бы одна буква',
  );

export const formCellSchema = z
  .object({
    code: cellCode,
    title: plainText().trim().min(1, 'Укажите название').max(300),
    type: z.enum(cellTypes, 'Тип: integer, decimal или text'),
    prefill: plainText().max(100).nullable().default(null),
    formula: plainText().max(1000).nullable().default(null),
    required: z.boolean().default(false),
  })
  .strict();
export type FormCell = z.infer<typeof formCellSchema>;

export const formRowSchema = z
  .object({
    code: cellCode,
    title: plainText().trim().min(1, 'Укажите название').max(300),
    cells: z.array(formCellSchema).min(1, 'В строке нужна хотя бы одна ячейка').max(50),
  })
  .strict();

export const formSectionSchema = z
  .object({
    title: plainText().trim().min(1, 'Укажите название').max(300),
    rows: z.array(formRowSchema).min(1, 'В разделе нужна хотя бы одна строка').max(200),
  })
  .strict();

export const formRuleSchema = z
  .object({
    code: cellCode,
    expr: plainText().trim().min(1, 'Укажите условие').max(1000),
    message: plainText().trim().min(1, 'Укажите сообщение').max(500),
    severity: z.enum(ruleSeverities, 'Важность: error или warning'),
  })
  .strict();
export type FormRule = z.infer<typeof formRuleSchema>;

/** `POST /report-forms`: a new version of a form (the server numbers it). */
export const reportFormInputSchema = z
  .object({
    code: formCode,
    title: plainText().trim().min(1, 'Укажите название').max(300),
    orgLevel: z.enum(orgLevels, 'Уровень организации из списка'),
    sections: z.array(formSectionSchema).min(1, 'Нужен хотя бы один раздел').max(50),
    rules: z.array(formRuleSchema).max(200).default([]),
  })
  .strict();
export type ReportFormInput = z.input<typeof reportFormInputSchema>;

export const reportFormSchema = reportFormInputSchema.extend({ version: z.number().int() });
export type ReportForm = z.infer<typeof reportFormSchema>;

export const reportFormSummarySchema = z.object({
  code: z.string(),
  version: z.number().int(),
  title: z.string(),
  orgLevel: z.enum(orgLevels),
});
export const reportFormListSchema = z.object({ items: z.array(reportFormSummarySchema) });
export const reportFormParamsSchema = z.object({ code: formCode });
export const reportFormQuerySchema = z.object({
  version: z.coerce
    .number('Версия: число')
    .int('Версия: целое число')
    .min(1)
    .max(10_000)
    .optional(),
});

/** A cell's value: a number for numeric cells, a string for text ones, null when empty. */
// (null sits on the number: OpenAPI 3.0 wants `nullable` beside a type.)
export const cellValueSchema = z.union([z.number().nullable(), z.string().max(2000)]);
export type CellValue = z.infer<typeof cellValueSchema>;
export const reportValuesSchema = z.record(z.string().max(63), cellValueSchema);
export type ReportValues = z.infer<typeof reportValuesSchema>;

// --- campaigns -------------------------------------------------------------------------------

export const campaignStatuses = ['creating', 'open'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

export const campaignInputSchema = z
  .object({
    formCode: formCode,
    // The register is counted when the campaign opens: a day still to come has no figures yet.
    asOf: dateOf({ min: '2000-01-01', max: 'today' }),
    deadline: dateOf({ min: '2000-01-01', max: '2100-12-31' }),
    under: idSchema,
  })
  .strict()
  .refine((c) => c.deadline >= c.asOf, {
    path: ['deadline'],
    message: 'Срок сдачи не раньше даты отчёта',
  });
export type CampaignInput = z.infer<typeof campaignInputSchema>;

export const campaignSchema = z.object({
  id: idSchema,
  formCode: z.string(),
  formTitle: z.string(),
  version: z.number().int(),
  asOf: z.string(),
  deadline: z.string(),
  orgId: idSchema,
  orgName: z.string(),
  status: z.enum(campaignStatuses),
  total: z.number().int(),
  created: z.number().int(),
  createdAt: z.string(),
});
export type Campaign = z.infer<typeof campaignSchema>;
export const campaignPageSchema = pageOf(campaignSchema);
export const campaignListQuerySchema = pageQuerySchema.extend({ under: idSchema.optional() });

export const underQuerySchema = z.object({ under: idSchema.optional() });

export const progressSchema = z.object({
  total: z.number().int(),
  draft: z.number().int(),
  submitted: z.number().int(),
  accepted: z.number().int(),
  returned: z.number().int(),
});
export type Progress = z.infer<typeof progressSchema>;

/** The drill-down: each child of `under` with its subtree's reports by status. */
export const progressChildrenSchema = z.object({
  items: z.array(
    progressSchema.extend({ orgId: idSchema, name: z.string(), level: z.enum(orgLevels) }),
  ),
});

/** «Кто не отчитался»: reports still in draft or returned, with their orgs' chairmen. */
export const missingReportSchema = z.object({
  reportId: idSchema,
  orgId: idSchema,
  orgName: z.string(),
  status: z.enum(reportStatuses),
  chairman: z.string().nullable(),
  reachable: z.boolean(),
});
export const missingPageSchema = pageOf(missingReportSchema);

export const remindInputSchema = z.object({ under: idSchema.optional() }).strict();
export const remindResultSchema = z.object({ queued: z.number().int() });

export const consolidatedQuerySchema = z.object({ orgId: idSchema.optional() });
export const consolidatedSchema = z.object({
  values: z.record(z.string(), z.number()),
  register: z.record(z.string(), z.number()),
  included: z.number().int(),
  missing: z.number().int(),
});
export type Consolidated = z.infer<typeof consolidatedSchema>;

export const discrepancySchema = z.object({
  code: z.string(),
  reported: z.number().nullable(),
  register: z.number(),
});
export type Discrepancy = z.infer<typeof discrepancySchema>;

// --- reports ---------------------------------------------------------------------------------

export const reportListQuerySchema = pageQuerySchema.extend({
  campaignId: idSchema.optional(),
  under: idSchema.optional(),
  status: z.enum(reportStatuses, 'Статус из списка').optional(),
});

export const reportSummarySchema = z.object({
  id: idSchema,
  campaignId: idSchema,
  orgId: idSchema,
  orgName: z.string(),
  formCode: z.string(),
  asOf: z.string(),
  deadline: z.string(),
  status: z.enum(reportStatuses),
  updatedAt: z.string(),
});
export const reportPageSchema = pageOf(reportSummarySchema);

export const ruleFailureSchema = z.object({
  rule: z.string(),
  message: z.string(),
  cells: z.array(z.string()),
});
export type RuleFailure = z.infer<typeof ruleFailureSchema>;

/** What the caller may do with the report: the web shows buttons from it, never from roles. */
export const reportAllowedSchema = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  accept: z.boolean(),
  return: z.boolean(),
});

export const reportSchema = z.object({
  id: idSchema,
  campaignId: idSchema,
  orgId: idSchema,
  orgName: z.string(),
  formCode: z.string(),
  version: z.number().int(),
  asOf: z.string(),
  deadline: z.string(),
  status: z.enum(reportStatuses),
  values: reportValuesSchema,
  register: z.record(z.string(), z.number()),
  discrepancies: z.array(discrepancySchema),
  errors: z.array(ruleFailureSchema),
  warnings: z.array(ruleFailureSchema),
  returnComment: z.string().nullable(),
  updatedAt: z.string(),
  allowed: reportAllowedSchema,
});
export type Report = z.infer<typeof reportSchema>;

export const reportPatchSchema = z.object({ values: reportValuesSchema }).strict();
export const reportReturnSchema = z
  .object({ comment: plainText().trim().min(1, 'Напишите, что исправить').max(2000) })
  .strict();

export const reportEventSchema = z.object({
  at: z.string(),
  action: z.enum(['created', 'saved', 'submitted', 'accepted', 'returned']),
  by: z.string().nullable(),
  comment: z.string().nullable(),
});
export const reportHistorySchema = z.object({ items: z.array(reportEventSchema) });

export const fileFormatQuerySchema = z.object({
  format: z.enum(['xlsx', 'pdf'], 'Формат: xlsx или pdf').default('xlsx'),
});

// --- the register as of a date ---------------------------------------------------------------

export const asOfQuerySchema = z.object({
  under: idSchema.optional(),
  on: dateOf({ min: '1990-01-01', max: 'today' }),
});
export const asOfSchema = z.object({
  on: z.string(),
  total: z.number().int(),
  working: z.number().int(),
  students: z.number().int(),
  pensioners: z.number().int(),
  women: z.number().int(),
  under35: z.number().int(),
});
export type AsOfCounts = z.infer<typeof asOfSchema>;

export const movementQuerySchema = z
  .object({
    under: idSchema.optional(),
    from: dateOf({ min: '1990-01-01', max: 'today' }),
    to: dateOf({ min: '1990-01-01', max: 'today' }),
  })
  .refine((q) => q.to >= q.from, { path: ['to'], message: 'Конец периода не раньше начала' });
export const movementSchema = z.object({
  from: z.string(),
  to: z.string(),
  opening: z.number().int(),
  closing: z.number().int(),
  admitted: z.number().int(),
  left: z.number().int(),
  leftByReason: z.record(z.string(), z.number().int()),
  transferredIn: z.number().int(),
  transferredOut: z.number().int(),
});
export type Movement = z.infer<typeof movementSchema>;
