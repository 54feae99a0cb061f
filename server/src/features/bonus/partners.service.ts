import {
  type CreatePartnerInput,
  isValidIsoDate,
  type Partner,
  type Purchase,
  type PurchaseStatus,
  todayIso,
} from '@profreestr/contracts';
import type { Actor } from '../../lib/actor.js';
import { forbidden, invalid, notFound } from '../../lib/app-error.js';
import { inTransaction, type StaffCtx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { authorize } from '../access/access.js';
import { recordAudit } from '../audit/audit.service.js';
import { forgetPartnerKeys, newPartnerKey } from './partner-keys.js';
import {
  findPartnerId,
  findPartnerPurchases,
  findPartners,
  findRates,
  insertKey,
  insertPartner,
  insertRate,
  lockPartner,
  type PartnerRow,
  type RateRow,
  revokeLiveKey,
} from './partners.queries.js';

// PROFCARDS partners: the centre's admins add them with a cashback rate, change the rate from a
// day on (the history is kept; a purchase takes the rate of its own day), and rotate or revoke
// the partner's API key, which is shown once and kept only as its sha256.

export const PARTNER_NOT_FOUND = 'Партнёр не найден';

/** Partners are the whole union's: only an admin of the centre (the root) manages them. */
function authorizePartners(actor: Actor): asserts actor is StaffCtx['actor'] {
  if (actor.kind !== 'staff') throw forbidden();
  authorize(actor, 'partner:manage', { path: actor.orgPath });
  if (actor.orgPath.split('.').length !== 2) {
    throw forbidden('Партнёров программы PROFCARDS ведёт центральный аппарат');
  }
}

/** 3.5 % → 350 hundredths of a percent; the contract allows two decimals at most. */
export const basisPoints = (percent: number) => Math.round(percent * 100);
const percentOf = (rateBp: number) => rateBp / 100;

/**
 * The rate in force on a day: the last one set from that day or earlier. A day before the
 * first rate (a purchase reported from before the partner was added) takes the first one.
 */
export function rateOnDay(rates: readonly RateRow[], day: string): number {
  let found = rates[0]?.rate_bp ?? 0;
  for (const rate of rates) if (rate.valid_from <= day) found = rate.rate_bp;
  return found;
}

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null);

function toPartner(row: PartnerRow, rates: readonly RateRow[], today = todayIso()): Partner {
  // The schedule as it applies: of several changes from one day, the last one set.
  const byDay = new Map<string, number>();
  for (const rate of rates) byDay.set(rate.valid_from, rate.rate_bp);
  return {
    id: row.id,
    name: row.name,
    cashbackPercent: percentOf(rateOnDay(rates, today)),
    rates: [...byDay]
      .map(([from, rateBp]) => ({ from, cashbackPercent: percentOf(rateBp) }))
      .reverse(),
    keyPrefix: row.key_prefix ?? null,
    keyCreatedAt: iso(row.key_created_at ?? null),
    createdAt: new Date(row.created_at).toISOString(),
    purchases: Number(row.purchases ?? 0),
  };
}

async function loadPartner(ctx: StaffCtx, id: string): Promise<Partner> {
  const [row] = await findPartners(ctx.db, id);
  if (!row) throw notFound(PARTNER_NOT_FOUND);
  return toPartner(row, await findRates(ctx.db, [id]));
}

export async function listPartners(ctx: StaffCtx): Promise<{ items: Partner[] }> {
  authorizePartners(ctx.actor);
  const rows = await findPartners(ctx.db);
  const rates = await findRates(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((row) =>
      toPartner(
        row,
        rates.filter((r) => r.partner_id === row.id),
      ),
    ),
  };
}

export async function getPartner(ctx: StaffCtx, id: string): Promise<Partner> {
  authorizePartners(ctx.actor);
  return loadPartner(ctx, id);
}

/** A new partner with its first rate (from today) and key: the key is in this answer only. */
export async function createPartner(ctx: StaffCtx, input: CreatePartnerInput) {
  authorizePartners(ctx.actor);
  return inTransaction(ctx, async (tx) => {
    const id = await insertPartner(tx.db, input.name, tx.actor.userId);
    const rateBp = basisPoints(input.cashbackPercent);
    await insertRate(tx.db, {
      partnerId: id,
      rateBp,
      validFrom: todayIso(),
      userId: tx.actor.userId,
    });
    const key = newPartnerKey();
    await insertKey(tx.db, {
      partnerId: id,
      hash: key.hash,
      prefix: key.prefix,
      userId: tx.actor.userId,
    });
    await recordAudit(tx, {
      action: 'partner.create',
      target: { type: 'partner', id },
      details: { cashbackPercent: input.cashbackPercent, keyPrefix: key.prefix },
    });
    return { partner: await loadPartner(tx, id), apiKey: key.key };
  });
}

/** A new rate from a day on (today when not given; never a past day: those are counted). */
export async function changeRate(
  ctx: StaffCtx,
  id: string,
  input: { cashbackPercent: number; from?: string | undefined },
): Promise<Partner> {
  authorizePartners(ctx.actor);
  const today = todayIso();
  const from = input.from ?? today;
  if (!isValidIsoDate(from)) throw invalid('from', 'Такой даты нет');
  if (from < today) {
    throw invalid('from', 'Новый процент действует с сегодняшнего дня или позже');
  }
  if (from > `${Number(today.slice(0, 4)) + 5}${today.slice(4)}`) {
    throw invalid('from', 'Не позже чем через пять лет');
  }
  return inTransaction(ctx, async (tx) => {
    if (!(await lockPartner(tx.db, id))) throw notFound(PARTNER_NOT_FOUND);
    await insertRate(tx.db, {
      partnerId: id,
      rateBp: basisPoints(input.cashbackPercent),
      validFrom: from,
      userId: tx.actor.userId,
    });
    await recordAudit(tx, {
      action: 'partner.rate',
      target: { type: 'partner', id },
      details: { cashbackPercent: input.cashbackPercent, from },
    });
    return loadPartner(tx, id);
  });
}

/** A new key; the old one stops working in the same transaction. */
export async function rotateKey(ctx: StaffCtx, id: string) {
  authorizePartners(ctx.actor);
  const rotated = await inTransaction(ctx, async (tx) => {
    if (!(await lockPartner(tx.db, id))) throw notFound(PARTNER_NOT_FOUND);
    await revokeLiveKey(tx.db, id);
    const key = newPartnerKey();
    await insertKey(tx.db, {
      partnerId: id,
      hash: key.hash,
      prefix: key.prefix,
      userId: tx.actor.userId,
    });
    await recordAudit(tx, {
      action: 'partner.key.rotate',
      target: { type: 'partner', id },
      details: { keyPrefix: key.prefix },
    });
    return { partner: await loadPartner(tx, id), apiKey: key.key };
  });
  // Committed: this server drops its leases of the old key at once (the others within 1 s).
  forgetPartnerKeys(id);
  return rotated;
}

/** The partner is left without a key (its calls answer 401) until one is made again. */
export async function revokeKey(ctx: StaffCtx, id: string): Promise<Partner> {
  authorizePartners(ctx.actor);
  const partner = await inTransaction(ctx, async (tx) => {
    if (!(await lockPartner(tx.db, id))) throw notFound(PARTNER_NOT_FOUND);
    const revoked = await revokeLiveKey(tx.db, id);
    if (revoked > 0) {
      await recordAudit(tx, { action: 'partner.key.revoke', target: { type: 'partner', id } });
    }
    return loadPartner(tx, id);
  });
  forgetPartnerKeys(id);
  return partner;
}

const shownStatus = (row: { status: PurchaseStatus; reversed_at: Date | null }): PurchaseStatus =>
  row.reversed_at ? 'reversed' : row.status;

/** The partner's purchases, newest first; a card is shown by its last four digits. */
export async function listPartnerPurchases(
  ctx: StaffCtx,
  id: string,
  page: { limit: number; cursor?: string | undefined },
) {
  authorizePartners(ctx.actor);
  const after = decodeCursor(page.cursor, ['id']);
  if (!(await findPartnerId(ctx.db, id))) throw notFound(PARTNER_NOT_FOUND);
  const rows = await findPartnerPurchases(ctx.db, id, after, page.limit + 1);
  await recordAudit(ctx, { action: 'partner.purchases', target: { type: 'partner', id } });
  return toPage(
    rows,
    page.limit,
    (row): Purchase => ({
      id: row.id,
      externalId: row.external_id,
      cardNumber: row.card_last4 ? `•••• ${row.card_last4}` : '••••',
      amount: Number(row.amount),
      cashback: Number(row.cashback),
      cashbackPercent: percentOf(row.rate_bp),
      status: shownStatus(row),
      purchasedAt: new Date(row.purchased_at).toISOString(),
      confirmedAt: iso(row.confirmed_at),
      cancelledAt: iso(row.cancelled_at),
    }),
    (row) => [row.id],
  );
}
