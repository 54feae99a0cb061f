import { type Kysely, type QueryCreator, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

// Purchases, refunds and reversals, the hold's confirmation, the member's cashback: Kysely only.

type Db = Kysely<Database>;

/**
 * The holder of a card number and whether the card is good for the programme: the member on
 * record, in the programme, the card not blocked. One statement; with a
 * partner and a day, the partner's rate of that day too (before its first rate: the first).
 */
export function findCardHolder(
  db: Db,
  cardNumber: string,
  rateOf?: { partnerId: string; day: string },
) {
  return db
    .selectFrom('members as m')
    .select([
      'm.id',
      'm.org_path',
      'm.bonus_since',
      // «The card is not blocked» (API.md): the number is valid on any live carrier, or with
      // none issued yet; only a number whose every carrier is blocked is not.
      sql<boolean>`m.status = 'active' and m.bonus_programme and (
        exists (select 1 from cards c where c.member_id = m.id and c.status <> 'blocked')
        or not exists (select 1 from cards c where c.member_id = m.id))`.as('valid'),
    ])
    .$if(rateOf !== undefined, (q) =>
      q.select(
        sql<number | null>`coalesce(
          (select r.rate_bp from partner_rates r
            where r.partner_id = ${rateOf?.partnerId} and r.valid_from <= ${rateOf?.day}
            order by r.valid_from desc, r.id desc limit 1),
          (select r.rate_bp from partner_rates r
            where r.partner_id = ${rateOf?.partnerId} order by r.valid_from, r.id limit 1))`.as(
          'rate_bp',
        ),
      ),
    )
    .where('m.card_number', '=', cardNumber)
    .executeTakeFirst() as Promise<
    | {
        id: string;
        org_path: string;
        bonus_since: Date | null;
        valid: boolean;
        rate_bp?: number | null;
      }
    | undefined
  >;
}

export interface NewPurchase {
  partnerId: string;
  externalId: string;
  memberId: string;
  orgPath: string;
  amount: number;
  rateBp: number;
  cashback: number;
  purchasedAt: Date;
}

/**
 * The purchase, unless the partner already reported this externalId (then nothing): a write
 * for the audit's statement (audit.service recordAuditOfWritten), returning `id`, `org_path`.
 */
export const purchaseInsert = (p: NewPurchase) => (qc: QueryCreator<Database>) =>
  qc
    .insertInto('purchases')
    .values({
      partner_id: p.partnerId,
      external_id: p.externalId,
      member_id: p.memberId,
      org_path: p.orgPath,
      amount: p.amount,
      rate_bp: p.rateBp,
      cashback: p.cashback,
      purchased_at: p.purchasedAt,
    })
    .onConflict((oc) => oc.columns(['partner_id', 'external_id']).doNothing())
    .returning(['id', 'org_path']);

/** A partner's purchase by its own id, with the card number it was made on. */
export function findPurchase(db: Db, partnerId: string, externalId: string) {
  return db
    .selectFrom('purchases as u')
    .leftJoin('members as m', 'm.id', 'u.member_id')
    .select([
      'u.id',
      'u.status',
      'u.cashback',
      'u.amount',
      'u.reversed_at',
      'u.org_path',
      'm.card_number',
    ])
    .where('u.partner_id', '=', partnerId)
    .where('u.external_id', '=', externalId)
    .executeTakeFirst();
}

/** The same, locked for a refund. */
export function lockPurchase(db: Db, partnerId: string, externalId: string) {
  return db
    .selectFrom('purchases')
    .select(['id', 'status', 'member_id', 'amount', 'cashback', 'reversed_at', 'org_path'])
    .where('partner_id', '=', partnerId)
    .where('external_id', '=', externalId)
    .forUpdate()
    .executeTakeFirst();
}

export async function cancelPurchase(db: Db, id: string, at: Date) {
  await db
    .updateTable('purchases')
    .set({ status: 'cancelled', cancelled_at: at })
    .where('id', '=', id)
    .execute();
}

/** A refund after confirmation: the reversal row, and the purchase marked (nothing else). */
export async function reversePurchase(
  db: Db,
  p: { id: string; memberId: string; partnerId: string; amount: string; cashback: string },
  at: Date,
) {
  await db
    .insertInto('bonus_reversals')
    .values({
      purchase_id: p.id,
      member_id: p.memberId,
      partner_id: p.partnerId,
      amount: p.amount,
      cashback: p.cashback,
      at,
    })
    .onConflict((oc) => oc.column('purchase_id').doNothing())
    .execute();
  await db
    .updateTable('purchases')
    .set({ reversed_at: at })
    .where('id', '=', p.id)
    .where('reversed_at', 'is', null)
    .execute();
}

/** Confirms up to `limit` purchases waiting since before `cutoff`; how many it did. */
export async function confirmDue(db: Db, cutoff: Date, now: Date, limit: number) {
  const result = await db
    .updateTable('purchases')
    .set({ status: 'confirmed', confirmed_at: now })
    .where('status', '=', 'pending')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('purchases')
        .select('id')
        .where('status', '=', 'pending')
        .where('purchased_at', '<', cutoff)
        .orderBy('purchased_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The member's cashback: waiting, and confirmed net of reversals. */
export function findMemberTotals(db: Db, memberId: string) {
  return db
    .selectFrom('purchases')
    .select([
      sql<string>`coalesce(sum(cashback) filter (where status = 'pending'), 0)`.as('pending'),
      sql<string>`coalesce(sum(cashback) filter (where status = 'confirmed'), 0)`.as('confirmed'),
      sql<string>`(select coalesce(sum(r.cashback), 0) from bonus_reversals r
        where r.member_id = ${memberId})`.as('reversed'),
    ])
    .where('member_id', '=', memberId)
    .executeTakeFirstOrThrow();
}

/** The member's purchases, newest first, with the partner's name. */
export function findMemberPurchases(db: Db, memberId: string, limit: number) {
  return db
    .selectFrom('purchases as u')
    .innerJoin('partners as p', 'p.id', 'u.partner_id')
    .select([
      'p.name as partner',
      'u.amount',
      'u.cashback',
      'u.status',
      'u.reversed_at',
      'u.purchased_at',
    ])
    .where('u.member_id', '=', memberId)
    .orderBy('u.purchased_at', 'desc')
    .orderBy('u.id', 'desc')
    .limit(limit)
    .execute();
}
