import { z } from 'zod';
import { idSchema, pageOf, pageQuerySchema } from './common.js';
import { memberStatuses } from './enums.js';

// The e-card's carriers and the producer's batches (../shared/API.md, part 2, "E-card and the
// PROFCARDS bonus programme"). The 16-digit number is the member's for life; a card is a carrier.

export const cardKinds = ['plastic', 'virtual'] as const;
export type CardKind = (typeof cardKinds)[number];
export const cardKindLabels: Record<CardKind, string> = {
  plastic: 'Пластиковая карта',
  virtual: 'Виртуальная карта',
};

export const plasticStatuses = ['ordered', 'produced', 'delivered', 'issued', 'blocked'] as const;
export const virtualStatuses = ['active', 'blocked'] as const;
export const cardStatuses = [
  'ordered',
  'produced',
  'delivered',
  'issued',
  'active',
  'blocked',
] as const;
export type CardStatus = (typeof cardStatuses)[number];
export const cardStatusLabels: Record<CardStatus, string> = {
  ordered: 'Заказана',
  produced: 'Изготовлена',
  delivered: 'Доставлена в организацию',
  issued: 'Выдана',
  active: 'Действует',
  blocked: 'Заблокирована',
};

/** Why a staff member blocks a card. */
export const cardBlockReasons = ['lost', 'damaged', 'other'] as const;
export type CardBlockReason = (typeof cardBlockReasons)[number];
/** …and why the system does: the member was taken off record. */
export const allCardBlockReasons = [...cardBlockReasons, 'deregistered'] as const;
export type AnyCardBlockReason = (typeof allCardBlockReasons)[number];
export const cardBlockReasonLabels: Record<AnyCardBlockReason, string> = {
  lost: 'Утеряна',
  damaged: 'Повреждена',
  other: 'Другое',
  deregistered: 'Снят с учёта',
};

export const cardSchema = z.object({
  id: z.string(),
  kind: z.enum(cardKinds),
  status: z.enum(cardStatuses),
  batchId: z.string().nullable(),
  orderedOn: z.string().nullable(),
  producedOn: z.string().nullable(),
  deliveredOn: z.string().nullable(),
  issuedOn: z.string().nullable(),
  blockedOn: z.string().nullable(),
  blockReason: z.enum(allCardBlockReasons).nullable(),
});
export type Card = z.infer<typeof cardSchema>;

/** One dated transition of a card (its history). */
export const cardEventSchema = z.object({
  cardId: z.string(),
  kind: z.enum(cardKinds),
  status: z.enum(cardStatuses),
  reason: z.enum(allCardBlockReasons).nullable(),
  at: z.string(),
  /** Who made it: a user's login, «система», «член Профсоюза». */
  by: z.string(),
});
export type CardEvent = z.infer<typeof cardEventSchema>;

/** `GET /members/:id/cards`. */
export const memberCardsSchema = z.object({
  cardNumber: z.string(),
  items: z.array(cardSchema),
  events: z.array(cardEventSchema),
  /** What the caller may do here, decided by the server. */
  allowed: z.object({ issue: z.boolean(), block: z.boolean() }),
});
export type MemberCards = z.infer<typeof memberCardsSchema>;

export const cardParamsSchema = z.object({ id: idSchema, cardId: idSchema });

/** `POST /members/:id/cards/:cardId/block`. */
export const blockCardSchema = z
  .object({
    reason: z.enum(cardBlockReasons, 'Причина: утеряна, повреждена или другое'),
    reissue: z.boolean('Перевыпуск: да или нет').default(false),
  })
  .strict();
export type BlockCardInput = z.infer<typeof blockCardSchema>;

// --- batches for the producer -------------------------------------------------------------

/** `filling`: the job is still ordering the subtree's cards. */
export const cardBatchStatuses = ['filling', 'ordered', 'produced', 'delivered'] as const;
export type CardBatchStatus = (typeof cardBatchStatuses)[number];
export const cardBatchStatusLabels: Record<CardBatchStatus, string> = {
  filling: 'Формируется',
  ordered: 'Заказана',
  produced: 'Изготовлена',
  delivered: 'Доставлена',
};

export const cardBatchSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  status: z.enum(cardBatchStatuses),
  /** Cards in the batch (while filling: how many it will hold). */
  count: z.number().int(),
  /** Cards ordered so far (the job's progress). */
  filled: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  producedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
export type CardBatch = z.infer<typeof cardBatchSchema>;
export const cardBatchPageSchema = pageOf(cardBatchSchema);

export const cardBatchListQuerySchema = pageQuerySchema.extend({ under: idSchema.optional() });

/** `POST /card-batches`. */
export const createCardBatchSchema = z.object({ under: idSchema }).strict();
export const cardBatchCreatedSchema = z.object({ id: z.string(), count: z.number().int() });
/** `GET /card-batches/preview?under=`: how many cards an order would hold, before ordering. */
export const cardBatchPreviewQuerySchema = z.object({ under: idSchema });
export const cardBatchPreviewSchema = z.object({ count: z.number().int() });

/** `POST /card-batches/:id/status`. */
export const cardBatchStatusChangeSchema = z
  .object({ status: z.enum(['produced', 'delivered'], 'Статус: изготовлена или доставлена') })
  .strict();

/** «Карты к выдаче»: delivered plastic cards of the caller's subtree, to hand over. */
export const cardToIssueSchema = z.object({
  cardId: z.string(),
  memberId: z.string(),
  name: z.string(),
  cardNumber: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  deliveredOn: z.string().nullable(),
});
export type CardToIssue = z.infer<typeof cardToIssueSchema>;
export const cardToIssuePageSchema = pageOf(cardToIssueSchema);
export const cardsToIssueQuerySchema = pageQuerySchema.extend({ under: idSchema.optional() });

/** The cabinet's view of the member's own carriers. */
export const ownCardsSchema = z.object({
  cardNumber: z.string(),
  status: z.enum(memberStatuses),
  items: z.array(cardSchema),
});
export type OwnCards = z.infer<typeof ownCardsSchema>;
