import {
  type CabinetBonuses,
  cashbackOf,
  type PartnerPurchaseInput,
  type PurchaseStatus,
  partnerCardNumber,
  todayIso,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { conflict, invalid, notFound, unauthenticated } from '../../lib/app-error.js';
import { inTransaction, type MemberCtx, type PartnerCtx } from '../../lib/context.js';
import { recordAudit, recordAuditOfWritten } from '../audit/audit.service.js';
import { cardTokenKey, verifyCardToken } from '../members/card-token.js';
import { getMemberPlacement } from '../members/members.service.js';
import type { CardCheckAudit } from './card-check-audit.js';
import {
  cancelPurchase,
  confirmDue,
  findCardHolder,
  findMemberPurchases,
  findMemberTotals,
  findPurchase,
  lockPurchase,
  purchaseInsert,
  reversePurchase,
} from './purchases.queries.js';

// The partner's side of PROFCARDS: a yes/no on a card (nothing else about the person), a
// purchase with its cashback on hold, a refund. A retried purchase is answered by the unique
// constraint (partner, externalId), never by a check-then-insert. The daily job confirms what
// waited BONUS_HOLD_DAYS; a refund after that records a reversal and leaves the purchase be.

/** One answer for every card the programme cannot take: no one learns who is a member. */
export const CARD_NOT_VALID = 'Карта не действует в программе PROFCARDS';
export const PURCHASE_NOT_FOUND = 'Покупка не найдена';
/** A partner's clock may run a little ahead of ours. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Purchases confirmed per statement by the daily job. */
const CONFIRM_CHUNK = 1000;
const QR_PATTERN = /^PRF1\.\d{16}\.\d{1,12}\.[A-Za-z0-9_-]{32}$/;

/** A 16-digit number passing Luhn (spaces allowed), else 422 naming the field. */
function cardNumberOf(value: string): string {
  const parsed = partnerCardNumber.safeParse(value);
  if (parsed.success) return parsed.data;
  throw invalid('cardNumber', parsed.error.issues[0]?.message ?? 'Номер карты: 16 цифр');
}

const partnerTarget = (ctx: PartnerCtx) => ({ type: 'partner', id: ctx.actor.partnerId });

async function answerCheck(
  ctx: PartnerCtx,
  audit: CardCheckAudit,
  cardNumber: string | null,
  qr: boolean,
) {
  const holder = cardNumber ? await findCardHolder(ctx.db, cardNumber) : undefined;
  const valid = holder?.valid === true;
  // The partner's call, with the partner as the caller, about the holder of a known number
  // (the answer tells the partner nothing more); answered only once the entry is written.
  await audit.record({
    partnerId: ctx.actor.partnerId,
    ip: ctx.ip,
    valid,
    qr,
    member: holder ? { id: holder.id, orgPath: holder.org_path } : null,
  });
  return { valid };
}

/** `GET /partner/cards/:cardNumber`: an unknown number answers exactly as a card not valid. */
export async function checkCard(
  ctx: PartnerCtx,
  audit: CardCheckAudit,
  value: string,
): Promise<{ valid: boolean }> {
  return answerCheck(ctx, audit, cardNumberOf(value), false);
}

/** The virtual card's QR (a signed, expiring token of the number): forged or expired → false. */
export async function checkCardToken(
  ctx: PartnerCtx,
  audit: CardCheckAudit,
  token: string,
  now = new Date(),
) {
  if (!QR_PATTERN.test(token)) throw invalid('token', 'QR-код карты не распознан');
  const cardNumber = verifyCardToken(await cardTokenKey(ctx.db), token, now);
  return answerCheck(ctx, audit, cardNumber, true);
}

const shownStatus = (row: { status: PurchaseStatus; reversed_at: Date | null }): PurchaseStatus =>
  row.reversed_at ? 'reversed' : row.status;

export interface PurchaseAnswer {
  /** 201 for a new purchase, 200 for the same externalId again. */
  created: boolean;
  body: { id: string; status: PurchaseStatus; cashback: number };
}

/**
 * The same externalId again: the first purchase, nothing doubled. The externalId is the
 * partner's promise that it is the same purchase, so the card and amount must match it: a
 * different card or amount is a different purchase under a reused id, refused (409) rather
 * than silently answered with another one. The time is not compared (a retry may write it in
 * another offset).
 */
async function answerRepeat(
  ctx: PartnerCtx,
  earlier: NonNullable<Awaited<ReturnType<typeof findPurchase>>>,
  input: PartnerPurchaseInput,
  cardNumber: string,
): Promise<PurchaseAnswer> {
  const same = earlier.card_number === cardNumber && Number(earlier.amount) === input.amount;
  await recordAudit(ctx, {
    action: 'partner.purchase',
    target: { type: 'purchase', id: earlier.id, orgPath: earlier.org_path },
    result: same ? 'ok' : 'failed',
    details: { externalId: input.externalId, repeated: true },
  });
  if (!same) {
    throw conflict('Покупка с этим externalId уже записана с другой картой или суммой', [
      { field: 'externalId', message: 'Этот externalId уже занят другой покупкой' },
    ]);
  }
  return {
    created: false,
    body: { id: earlier.id, status: shownStatus(earlier), cashback: Number(earlier.cashback) },
  };
}

/**
 * `POST /partner/purchases`. A refusal (the card, the time) first looks for the same
 * externalId: a retry of a purchase already taken is answered with it even if the member has
 * left the programme since. Nothing is written on a refusal but its audit entry.
 */
export async function recordPurchase(
  ctx: PartnerCtx,
  input: PartnerPurchaseInput,
  now = new Date(),
): Promise<PurchaseAnswer> {
  const cardNumber = cardNumberOf(input.cardNumber);
  const partnerId = ctx.actor.partnerId;
  const purchasedAt = new Date(input.purchasedAt);
  const refuse = async (field: string, message: string): Promise<PurchaseAnswer> => {
    const earlier = await findPurchase(ctx.db, partnerId, input.externalId);
    if (earlier) return answerRepeat(ctx, earlier, input, cardNumber);
    await recordAudit(ctx, {
      action: 'partner.purchase',
      target: partnerTarget(ctx),
      result: 'failed',
      details: { externalId: input.externalId, field },
    });
    throw invalid(field, message);
  };

  if (purchasedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    return refuse('purchasedAt', 'Время покупки ещё не наступило');
  }
  const holder = await findCardHolder(ctx.db, cardNumber, {
    partnerId,
    day: todayIso(purchasedAt),
  });
  if (!holder?.valid) return refuse('cardNumber', CARD_NOT_VALID);
  if (holder.bonus_since && purchasedAt < new Date(holder.bonus_since)) {
    return refuse('purchasedAt', 'Покупка сделана до того, как владелец карты вступил в программу');
  }
  const rateBp = holder.rate_bp ?? 0;
  const cashback = cashbackOf(input.amount, rateBp);
  // The purchase and its entry in one statement: nothing written, no entry (a retry).
  const [created] = await recordAuditOfWritten(
    ctx,
    {
      action: 'partner.purchase',
      targetType: 'purchase',
      details: { externalId: input.externalId },
    },
    purchaseInsert({
      partnerId,
      externalId: input.externalId,
      memberId: holder.id,
      orgPath: holder.org_path,
      amount: input.amount,
      rateBp,
      cashback,
      purchasedAt,
    }),
  );
  if (created) {
    return { created: true, body: { id: created.id, status: 'pending', cashback } };
  }
  // The unique constraint said: this externalId is taken (a retry, or its twin in flight).
  const earlier = await findPurchase(ctx.db, partnerId, input.externalId);
  if (!earlier) throw conflict('Покупка записывается другим запросом: повторите');
  return answerRepeat(ctx, earlier, input, cardNumber);
}

/**
 * `POST /partner/purchases/:externalId/refund`: a waiting purchase is cancelled; a confirmed
 * one gets a reversal (one per purchase) and stays confirmed in history. The partner hears
 * `cancelled` either way (API.md), `reversed` telling which; again: the same answer.
 */
export async function refundPurchase(
  ctx: PartnerCtx,
  externalId: string,
  now = new Date(),
): Promise<{ status: 'cancelled'; reversed: boolean }> {
  return inTransaction(ctx, async (tx) => {
    // Only the partner's own purchases: another partner's externalId is simply not found.
    const row = await lockPurchase(tx.db, tx.actor.partnerId, externalId);
    if (!row) throw notFound(PURCHASE_NOT_FOUND);
    const reversed = row.status === 'confirmed';
    if (row.status === 'pending') {
      await cancelPurchase(tx.db, row.id, now);
    } else if (reversed) {
      await reversePurchase(
        tx.db,
        {
          id: row.id,
          memberId: row.member_id,
          partnerId: tx.actor.partnerId,
          amount: row.amount,
          cashback: row.cashback,
        },
        now,
      );
    }
    await recordAudit(tx, {
      action: 'partner.refund',
      target: { type: 'purchase', id: row.id, orgPath: row.org_path },
      details: { externalId, refund: reversed ? 'reversed' : 'cancelled' },
    });
    return { status: 'cancelled', reversed };
  });
}

/**
 * The daily job: purchases that waited `holdDays` are confirmed, in chunks (each its own
 * statement, so a refund waits at most for one chunk). Idempotent; `now` for tests' clocks.
 */
export async function confirmHeldPurchases(
  db: Kysely<Database>,
  holdDays: number,
  now = new Date(),
): Promise<number> {
  const cutoff = new Date(now.getTime() - holdDays * DAY_MS);
  let confirmed = 0;
  for (;;) {
    const done = await confirmDue(db, cutoff, now, CONFIRM_CHUNK);
    confirmed += done;
    if (done < CONFIRM_CHUNK) break;
  }
  if (confirmed > 0) {
    await recordAudit(
      { db, actor: { kind: 'system', job: 'bonus-confirm' }, ip: null },
      { action: 'bonus.confirm', details: { confirmed } },
    );
  }
  return confirmed;
}

/** The member's cashback in the cabinet, newest purchases first; read as the member. */
export async function memberBonuses(ctx: MemberCtx, limit = 200): Promise<CabinetBonuses> {
  const placement = await getMemberPlacement(ctx.db, ctx.actor.memberId);
  if (!placement) throw unauthenticated();
  const totals = await findMemberTotals(ctx.db, ctx.actor.memberId);
  const rows = await findMemberPurchases(ctx.db, ctx.actor.memberId, limit);
  await recordAudit(ctx, {
    action: 'member.bonuses',
    target: { type: 'member', id: placement.id, orgPath: placement.path },
  });
  return {
    pending: Number(totals.pending),
    confirmed: Number(totals.confirmed) - Number(totals.reversed),
    items: rows.map((row) => ({
      partner: row.partner,
      amount: Number(row.amount),
      cashback: Number(row.cashback),
      status: shownStatus(row),
      purchasedAt: new Date(row.purchased_at).toISOString(),
    })),
  };
}
