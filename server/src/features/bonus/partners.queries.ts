import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

// Partners, their rates and keys: Kysely only.

type Db = Kysely<Database>;

/**
 * The partner whose live key has this hash, and up to `want` tokens taken from its bucket
 * (shared by every server, unlogged: `partner_buckets`): refilled at `rate` a second up to
 * `capacity`. An empty bucket is charged one token, down to a debt of one: `taken` 0 means
 * refused, `tokens` what is left. One statement; no row: no such live key.
 */
export function takePartnerTokens(
  db: Db,
  keyHash: string,
  budget: { now: Date; rate: number; capacity: number; want: number },
) {
  const { now, rate, capacity, want } = budget;
  // Servers' clocks may differ a little: time never runs backwards for a bucket.
  const refilled = sql<number>`least(${capacity}::float8, partner_buckets.tokens
    + greatest(0, extract(epoch from excluded.at - partner_buckets.at)) * ${rate})`;
  return db
    .with('key', (qc) =>
      qc
        .selectFrom('partner_keys')
        .select('partner_id')
        .where('key_hash', '=', keyHash)
        .where('revoked_at', 'is', null),
    )
    .with('bucket', (qc) =>
      qc
        .insertInto('partner_buckets')
        .columns(['partner_id', 'tokens', 'at', 'taken'])
        .expression((eb) =>
          eb
            .selectFrom('key')
            .select([
              'partner_id',
              sql<number>`${capacity}::float8 - least(${want}, floor(${capacity}::float8))`.as(
                'tokens',
              ),
              sql<Date>`${now}::timestamptz`.as('at'),
              sql<number>`least(${want}, floor(${capacity}::float8))::int`.as('taken'),
            ]),
        )
        .onConflict((oc) =>
          oc.column('partner_id').doUpdateSet({
            tokens: sql`case when ${refilled} >= 1 then ${refilled} - least(${want}, floor(${refilled}))
              else greatest(-1, ${refilled} - 1) end`,
            taken: sql`case when ${refilled} >= 1 then least(${want}, floor(${refilled}))::int else 0 end`,
            at: sql`greatest(partner_buckets.at, excluded.at)`,
          }),
        )
        .returning(['partner_id', 'tokens', 'taken']),
    )
    .selectFrom('bucket')
    .select(['partner_id', 'tokens', 'taken'])
    .executeTakeFirst();
}

export async function insertPartner(db: Db, name: string, userId: string) {
  const row = await db
    .insertInto('partners')
    .values({ name, created_by: userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertRate(
  db: Db,
  rate: { partnerId: string; rateBp: number; validFrom: string; userId: string },
) {
  await db
    .insertInto('partner_rates')
    .values({
      partner_id: rate.partnerId,
      rate_bp: rate.rateBp,
      valid_from: rate.validFrom,
      created_by: rate.userId,
    })
    .execute();
}

export async function insertKey(
  db: Db,
  key: { partnerId: string; hash: string; prefix: string; userId: string },
) {
  await db
    .insertInto('partner_keys')
    .values({
      partner_id: key.partnerId,
      key_hash: key.hash,
      prefix: key.prefix,
      created_by: key.userId,
    })
    .execute();
}

/** Revokes the partner's live key, if any; the number of keys revoked (0 or 1). */
export async function revokeLiveKey(db: Db, partnerId: string) {
  const result = await db
    .updateTable('partner_keys')
    .set({ revoked_at: sql<Date>`now()` })
    .where('partner_id', '=', partnerId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The partner's row, locked: rate changes and key rotations of one partner go one by one. */
export function lockPartner(db: Db, id: string) {
  return db.selectFrom('partners').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findPartnerId(db: Db, id: string) {
  return db.selectFrom('partners').select('id').where('id', '=', id).executeTakeFirst();
}

/** Partners (one, or all by name) with the live key's prefix and the number of purchases. */
export function findPartners(db: Db, id?: string) {
  return db
    .selectFrom('partners as p')
    .leftJoin('partner_keys as k', (join) =>
      join.onRef('k.partner_id', '=', 'p.id').on('k.revoked_at', 'is', null),
    )
    .select([
      'p.id',
      'p.name',
      'p.created_at',
      'k.prefix as key_prefix',
      'k.created_at as key_created_at',
      (eb) =>
        eb
          .selectFrom('purchases as u')
          .select(sql<string>`count(*)`.as('n'))
          .whereRef('u.partner_id', '=', 'p.id')
          .as('purchases'),
    ])
    .$if(id !== undefined, (q) => q.where('p.id', '=', id as string))
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
}
export type PartnerRow = Awaited<ReturnType<typeof findPartners>>[number];

/** Every rate change of these partners, in the order they apply. */
export function findRates(db: Db, partnerIds: readonly string[]) {
  if (partnerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('partner_rates')
    .select(['partner_id', 'rate_bp', 'valid_from', 'id'])
    .where('partner_id', 'in', partnerIds)
    .orderBy('partner_id')
    .orderBy('valid_from')
    .orderBy('id')
    .execute();
}
export type RateRow = Awaited<ReturnType<typeof findRates>>[number];

/** A partner's purchases, newest first (keyset on id), with the card's last four digits. */
export function findPartnerPurchases(
  db: Db,
  partnerId: string,
  after: readonly [string] | undefined,
  limit: number,
) {
  return db
    .selectFrom('purchases as u')
    .leftJoin('members as m', 'm.id', 'u.member_id')
    .select([
      'u.id',
      'u.external_id',
      sql<string>`right(m.card_number, 4)`.as('card_last4'),
      'u.amount',
      'u.cashback',
      'u.rate_bp',
      'u.status',
      'u.purchased_at',
      'u.confirmed_at',
      'u.cancelled_at',
      'u.reversed_at',
    ])
    .where('u.partner_id', '=', partnerId)
    .$if(after !== undefined, (q) => q.where('u.id', '<', (after as [string])[0]))
    .orderBy('u.id', 'desc')
    .limit(limit)
    .execute();
}
