import { z } from 'zod';
import { idSchema, pageOf, pageQuerySchema } from './common.js';
import { monthField, plainText, requiredText } from './fields.js';
import { isValidCardNumber } from './validators.js';

// PROFCARDS: partners, their keys, purchases and cashback (../shared/API.md, part 2, "E-card and
// the PROFCARDS bonus programme"). Money is integer kopecks everywhere; a rate is kept in
// hundredths of a percent (350 = 3.5 %), so cashback is integer arithmetic rounded half-up.

/** The largest purchase a partner may report: 100 million roubles, in kopecks. */
export const MAX_PURCHASE_KOPECKS = 10_000_000_000;

/** A 16-digit card number with a valid Luhn digit (spaces allowed, taken out). */
export const partnerCardNumber = plainText('Номер карты: строка')
  .transform((value) => value.replace(/\s/g, ''))
  .refine((value) => /^\d{16}$/.test(value), { message: 'Номер карты: 16 цифр', abort: true })
  .refine(isValidCardNumber, 'Номер карты: неверная контрольная цифра');

/** A percent with at most two decimals, 0.01 … 100. */
export const cashbackPercentField = z
  .number('Процент кэшбэка: число')
  .min(0.01, 'Процент кэшбэка: не меньше 0,01')
  .max(100, 'Процент кэшбэка: не больше 100')
  .refine(
    (v) => Number.isInteger(Math.round(v * 100)) && Math.abs(v * 100 - Math.round(v * 100)) < 1e-9,
    'Процент кэшбэка: не больше двух знаков после запятой',
  );

export const partnerStatuses = ['active', 'no_key'] as const;

export const partnerRateSchema = z.object({
  cashbackPercent: z.number(),
  /** The first day (Moscow) the rate applies to purchases. */
  from: z.string(),
});

export const partnerSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The rate in force today. */
  cashbackPercent: z.number(),
  rates: z.array(partnerRateSchema),
  /** The first characters of the live key, for support; null when the key is revoked. */
  keyPrefix: z.string().nullable(),
  keyCreatedAt: z.string().nullable(),
  createdAt: z.string(),
  purchases: z.number().int(),
});
export type Partner = z.infer<typeof partnerSchema>;
export const partnerListSchema = z.object({ items: z.array(partnerSchema) });

/** `POST /partners`. */
export const createPartnerSchema = z
  .object({ name: requiredText(200), cashbackPercent: cashbackPercentField })
  .strict();
export type CreatePartnerInput = z.infer<typeof createPartnerSchema>;
/** `201` of `POST /partners` and of a key rotation: the key is shown this once. */
export const partnerWithKeySchema = z.object({ partner: partnerSchema, apiKey: z.string() });

/** `POST /partners/:id/rates`: a new rate from a day on (today when not given). */
export const partnerRateChangeSchema = z
  .object({
    cashbackPercent: cashbackPercentField,
    from: plainText()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Дата: ГГГГ-ММ-ДД')
      .optional(),
  })
  .strict();

export const purchaseStatuses = ['pending', 'confirmed', 'cancelled', 'reversed'] as const;
export type PurchaseStatus = (typeof purchaseStatuses)[number];
export const purchaseStatusLabels: Record<PurchaseStatus, string> = {
  pending: 'Ожидает подтверждения',
  confirmed: 'Подтверждена',
  cancelled: 'Отменена',
  reversed: 'Возврат после подтверждения',
};

// --- the partner's own API (Authorization: Bearer <apiKey>) --------------------------------

export const partnerCardParamsSchema = z.object({ cardNumber: partnerCardNumber });
export const partnerCardCheckSchema = z.object({ valid: z.boolean() });

/** `POST /partner/purchases`. */
export const partnerPurchaseSchema = z
  .object({
    cardNumber: partnerCardNumber,
    amount: z
      .number('Сумма: целое число копеек')
      .int('Сумма: целое число копеек')
      .min(1, 'Сумма: больше нуля')
      .max(MAX_PURCHASE_KOPECKS, 'Сумма: не больше 100 000 000 ₽'),
    purchasedAt: z.iso
      .datetime({ offset: true, message: 'Время покупки: ISO 8601 с часовым поясом' })
      // The programme began long after 2000; earlier years (0000 among them) are typos.
      .refine((value) => Date.parse(value) >= Date.UTC(2000, 0, 1), {
        message: 'Время покупки: не раньше 2000 года',
      }),
    externalId: requiredText(100),
  })
  .strict();
export type PartnerPurchaseInput = z.infer<typeof partnerPurchaseSchema>;
export const partnerPurchaseResultSchema = z.object({
  id: z.string(),
  status: z.enum(purchaseStatuses),
  cashback: z.number().int(),
});
export const externalIdParamsSchema = z.object({ externalId: requiredText(100) });
/**
 * A refund's answer: always `cancelled` for the partner (API.md); `reversed` says the cashback
 * had been confirmed and was taken back by a reversal rather than by cancelling.
 */
export const refundResultSchema = z.object({
  status: z.literal('cancelled'),
  reversed: z.boolean(),
});

// --- staff views ---------------------------------------------------------------------------

export const purchaseSchema = z.object({
  id: z.string(),
  externalId: z.string(),
  /** Masked for the partner page: the last four digits. */
  cardNumber: z.string(),
  amount: z.number().int(),
  cashback: z.number().int(),
  cashbackPercent: z.number(),
  status: z.enum(purchaseStatuses),
  purchasedAt: z.string(),
  confirmedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
});
export type Purchase = z.infer<typeof purchaseSchema>;
export const purchasePageSchema = pageOf(purchaseSchema);
export const purchaseListQuerySchema = pageQuerySchema;

/** `GET /bonus/stats?from=YYYY-MM&to=YYYY-MM&under=`. */
export const bonusStatsQuerySchema = z.object({
  from: monthField(),
  to: monthField(),
  under: idSchema.optional(),
});
export const bonusMonthSchema = z.object({
  month: z.string(),
  purchases: z.number().int(),
  amount: z.number().int(),
  cashback: z.number().int(),
  participants: z.number().int(),
});
export type BonusMonth = z.infer<typeof bonusMonthSchema>;
export const bonusStatsSchema = z.object({
  items: z.array(bonusMonthSchema),
  /** Members on record in the subtree, and of them those in the programme (the deck's share). */
  members: z.number().int(),
  programmeMembers: z.number().int(),
});
export type BonusStats = z.infer<typeof bonusStatsSchema>;

// --- the member's cabinet ------------------------------------------------------------------

export const cabinetBonusItemSchema = z.object({
  partner: z.string(),
  amount: z.number().int(),
  cashback: z.number().int(),
  status: z.enum(purchaseStatuses),
  purchasedAt: z.string(),
});
/** `GET /cabinet/bonuses`: kopecks; `confirmed` net of reversals. */
export const cabinetBonusesSchema = z.object({
  pending: z.number().int(),
  confirmed: z.number().int(),
  items: z.array(cabinetBonusItemSchema),
});
export type CabinetBonuses = z.infer<typeof cabinetBonusesSchema>;

/** Kopecks as roubles for people: 1234567 → «12 345,67 ₽». */
export function formatKopecks(kopecks: number): string {
  const sign = kopecks < 0 ? '−' : '';
  const abs = Math.abs(kopecks);
  const roubles = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${sign}${roubles},${String(abs % 100).padStart(2, '0')}\u00a0₽`;
}

/** Cashback of `amount` kopecks at `rateBp` hundredths of a percent, rounded half-up. */
export function cashbackOf(amount: number, rateBp: number): number {
  return Math.floor((amount * rateBp + 5000) / 10000);
}
