import { z } from 'zod';
import { idSchema, pageOf, pageQuerySchema } from './common.js';
import { dateOf, monthField, optionalDateOf, requiredText, textField } from './fields.js';

// Additional social support (../shared/API.md, part 2): a catalogue of benefits an org offers
// to the members of its subtree, and members' requests for aid decided by the staff of the
// offering org or above. Amounts are roubles in the API (at most two decimals) and integer
// kopecks in the database, so sums are exact.

export const benefitKinds = ['payment', 'voucher', 'service', 'discount'] as const;
export type BenefitKind = (typeof benefitKinds)[number];
export const benefitKindLabels: Record<BenefitKind, string> = {
  payment: 'Выплата',
  voucher: 'Путёвка',
  service: 'Услуга',
  discount: 'Скидка',
};

export const aidRequestStatuses = ['submitted', 'approved', 'rejected'] as const;
export type AidRequestStatus = (typeof aidRequestStatuses)[number];
export const aidRequestStatusLabels: Record<AidRequestStatus, string> = {
  submitted: 'На рассмотрении',
  approved: 'Одобрено',
  rejected: 'Отказано',
};

export const aidDecisions = ['approved', 'rejected'] as const;
export type AidDecision = (typeof aidDecisions)[number];

// --- money -----------------------------------------------------------------------------------

/** The largest amount one request may ask for or be granted: 10 million roubles. */
export const MAX_AID_ROUBLES = 10_000_000;

/**
 * At most two decimals, read from the number's shortest decimal form (1234.56 → "1234.56"),
 * so no float arithmetic decides it: 0.1 passes, 1.005 and 1e-7 do not.
 */
export const hasKopecksAtMost = (value: number) => /^\d+(\.\d{1,2})?$/.test(String(value));

/** Roubles (two decimals at most) → integer kopecks: 1234.56 → 123456. */
export const roublesToKopecks = (roubles: number) => Math.round(roubles * 100);
/** Integer kopecks → roubles: 123456 → 1234.56. */
export const kopecksToRoubles = (kopecks: number) => kopecks / 100;

/** A positive amount of roubles with kopecks, up to MAX_AID_ROUBLES. */
export const roublesField = (label: string) =>
  z
    .number(`${label}: число рублей`)
    .gt(0, `${label}: больше нуля`)
    .max(MAX_AID_ROUBLES, `${label}: не больше 10 000 000 ₽`)
    .refine(hasKopecksAtMost, `${label}: не больше двух знаков после запятой (копейки)`);

// --- the catalogue ---------------------------------------------------------------------------

const ACTIVE_TO_BEFORE_FROM = 'Дата окончания не может быть раньше даты начала';

const benefitFields = {
  title: requiredText(200),
  description: textField(4000).optional(),
  kind: z.enum(benefitKinds, 'Вид льготы: выплата, путёвка, услуга или скидка'),
  conditions: textField(4000).optional(),
  activeFrom: dateOf(),
  /** The last day the benefit is offered; absent or empty: no end set. */
  activeTo: optionalDateOf().optional(),
};

/** `POST /benefits`: offered to the members of `orgId`'s subtree from `activeFrom` on. */
export const benefitCreateSchema = z
  .object({ orgId: idSchema, ...benefitFields })
  .strict()
  .superRefine((value, ctx) => {
    if (value.activeTo && value.activeTo < value.activeFrom) {
      ctx.addIssue({ code: 'custom', path: ['activeTo'], message: ACTIVE_TO_BEFORE_FROM });
    }
  });
export type BenefitCreate = z.infer<typeof benefitCreateSchema>;

/** `PATCH /benefits/:id`: only the fields sent change (the offering org never does). */
export const benefitPatchSchema = z
  .object({
    title: benefitFields.title.optional(),
    description: benefitFields.description,
    kind: benefitFields.kind.optional(),
    conditions: benefitFields.conditions,
    activeFrom: benefitFields.activeFrom.optional(),
    activeTo: benefitFields.activeTo,
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.activeFrom && value.activeTo && value.activeTo < value.activeFrom) {
      ctx.addIssue({ code: 'custom', path: ['activeTo'], message: ACTIVE_TO_BEFORE_FROM });
    }
  });
export type BenefitPatch = z.infer<typeof benefitPatchSchema>;

/** The same check for dates kept and dates sent (the service's, after a patch). */
export const activeDatesProblem = (activeFrom: string, activeTo: string | null) =>
  activeTo !== null && activeTo < activeFrom ? ACTIVE_TO_BEFORE_FROM : null;

export const benefitSchema = z.object({
  id: z.string(),
  /** The offering org: its members and those of its subtree may ask for the benefit. */
  orgId: z.string(),
  orgName: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  kind: z.enum(benefitKinds),
  conditions: z.string().nullable(),
  activeFrom: z.string(),
  activeTo: z.string().nullable(),
  /** Offered today (the union's day, Moscow). */
  active: z.boolean(),
});
export type Benefit = z.infer<typeof benefitSchema>;
export const benefitPageSchema = pageOf(benefitSchema);
export const benefitListSchema = z.object({ items: z.array(benefitSchema) });

/** `GET /benefits?under=&cursor=`: the benefits the orgs of the subtree offer, newest first. */
export const benefitQuerySchema = pageQuerySchema.extend({ under: idSchema.optional() });
export type BenefitQuery = z.infer<typeof benefitQuerySchema>;

// --- aid requests ----------------------------------------------------------------------------

/** `POST /cabinet/aid-requests`: the member asks for a benefit offered to them today. */
export const aidRequestCreateSchema = z
  .object({
    benefitId: idSchema,
    text: requiredText(4000),
    /** Roubles asked for, when the benefit is money. */
    amount: roublesField('Сумма').nullable().optional(),
  })
  .strict();
export type AidRequestCreate = z.infer<typeof aidRequestCreateSchema>;
export const aidRequestCreatedSchema = z.object({
  id: z.string(),
  status: z.literal('submitted'),
});

/**
 * `POST /aid-requests/:id/decide`: approved with the roubles granted (a payment's are
 * required: the service knows the kind), or rejected with the reason the member is told.
 */
export const aidDecisionSchema = z
  .object({
    decision: z.enum(aidDecisions, 'Решение: approved (одобрить) или rejected (отказать)'),
    amount: roublesField('Сумма').nullable().optional(),
    comment: textField(2000).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.decision === 'rejected' && !value.comment) {
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'Укажите причину отказа' });
    }
    if (value.decision === 'rejected' && value.amount != null) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: 'Сумма указывается только при одобрении',
      });
    }
  });
export type AidDecisionInput = z.infer<typeof aidDecisionSchema>;

const benefitRefSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(benefitKinds),
  orgId: z.string(),
  orgName: z.string(),
});

/** A request as the staff see it: whose, for what, and what was decided. */
export const aidRequestSchema = z.object({
  id: z.string(),
  status: z.enum(aidRequestStatuses),
  benefit: benefitRefSchema,
  member: z.object({
    id: z.string(),
    name: z.string(),
    cardNumber: z.string(),
    orgId: z.string(),
    orgName: z.string(),
  }),
  text: z.string(),
  /** Roubles asked for; null when none was named. */
  amount: z.number().nullable(),
  /** Roubles granted (approved only). */
  amountGranted: z.number().nullable(),
  comment: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  /** The login of whoever decided. */
  decidedBy: z.string().nullable(),
  /** What the caller may do, decided by the server. */
  allowed: z.object({ decide: z.boolean() }),
});
export type AidRequest = z.infer<typeof aidRequestSchema>;
export const aidRequestPageSchema = pageOf(aidRequestSchema);

/** `GET /aid-requests?under=&status=&cursor=`: newest first. */
export const aidRequestQuerySchema = pageQuerySchema.extend({
  under: idSchema.optional(),
  status: z.enum(aidRequestStatuses, 'Статус: submitted, approved или rejected').optional(),
});
export type AidRequestQuery = z.infer<typeof aidRequestQuerySchema>;

/** The member's own request in the cabinet. */
export const ownAidRequestSchema = z.object({
  id: z.string(),
  status: z.enum(aidRequestStatuses),
  benefit: benefitRefSchema,
  text: z.string(),
  amount: z.number().nullable(),
  amountGranted: z.number().nullable(),
  comment: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type OwnAidRequest = z.infer<typeof ownAidRequestSchema>;
export const ownAidRequestPageSchema = pageOf(ownAidRequestSchema);
export const ownAidRequestQuerySchema = pageQuerySchema;

// --- totals granted --------------------------------------------------------------------------

/** `GET /aid-requests/totals?under=&from=YYYY-MM&to=YYYY-MM` (Moscow months of the decision). */
export const aidTotalsQuerySchema = z.object({
  under: idSchema.optional(),
  from: monthField('Начало периода'),
  to: monthField('Конец периода'),
});
export type AidTotalsQuery = z.infer<typeof aidTotalsQuerySchema>;

export const aidTotalsSchema = z.object({
  /** Per month and benefit: approved requests and roubles granted (months with none left out). */
  items: z.array(
    z.object({
      month: z.string(),
      benefit: benefitRefSchema,
      granted: z.number().int(),
      amount: z.number(),
    }),
  ),
  /** Every month of the range, with its sums. */
  months: z.array(z.object({ month: z.string(), granted: z.number().int(), amount: z.number() })),
  total: z.object({ granted: z.number().int(), amount: z.number() }),
});
export type AidTotals = z.infer<typeof aidTotalsSchema>;
