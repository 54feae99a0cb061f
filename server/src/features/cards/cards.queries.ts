import type { Insertable, Kysely, Updateable } from 'kysely';
import type { CardEventsTable, CardsTable, Database } from '../../db/schema.js';
import { subtreeUpperBound } from '../../lib/tree-path.js';

// A member's carriers, their transitions, and «Карты к выдаче».

type Db = Kysely<Database>;

const cardColumns = [
  'id',
  'member_id',
  'kind',
  'status',
  'batch_id',
  'org_path',
  'ordered_on',
  'produced_on',
  'delivered_on',
  'issued_on',
  'blocked_on',
  'block_reason',
] as const;

export const findMemberCards = (db: Db, memberId: string) =>
  db
    .selectFrom('cards')
    .select(cardColumns)
    .where('member_id', '=', memberId)
    .orderBy('id')
    .execute();
export type CardRow = Awaited<ReturnType<typeof findMemberCards>>[number];

/** One card of the member, locked: two hands on one card wait for each other. */
export const findCardForUpdate = (db: Db, memberId: string, cardId: string) =>
  db
    .selectFrom('cards')
    .select(cardColumns)
    .where('id', '=', cardId)
    .where('member_id', '=', memberId)
    .forUpdate()
    .executeTakeFirst();

export const updateCard = (db: Db, id: string, set: Updateable<CardsTable>) =>
  db
    .updateTable('cards')
    .set(set)
    .where('id', '=', id)
    .returning(cardColumns)
    .executeTakeFirstOrThrow();

/** A new carrier, unless the member holds a live one of its kind (then nothing). */
export const insertCard = (db: Db, row: Insertable<CardsTable>) =>
  db
    .insertInto('cards')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning(cardColumns)
    .executeTakeFirst();

/** The member's live virtual card, if any. */
export const findLiveVirtualCard = (db: Db, memberId: string) =>
  db
    .selectFrom('cards')
    .select(cardColumns)
    .where('member_id', '=', memberId)
    .where('kind', '=', 'virtual')
    .where('status', '<>', 'blocked')
    .executeTakeFirst();

export async function insertCardEvents(db: Db, rows: readonly Insertable<CardEventsTable>[]) {
  if (rows.length) await db.insertInto('card_events').values(rows).execute();
}

export const findCardEvents = (db: Db, memberId: string) =>
  db
    .selectFrom('card_events')
    .select(['card_id', 'status', 'reason', 'at', 'actor_kind', 'actor_login'])
    .where('member_id', '=', memberId)
    .orderBy('id')
    .execute();

/** The batches a member's cards went through: when and by whom each moved. */
export const findBatchMoves = (db: Db, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('card_batches as b')
        .leftJoin('users as c', 'c.id', 'b.created_by')
        .leftJoin('users as p', 'p.id', 'b.produced_by')
        .leftJoin('users as d', 'd.id', 'b.delivered_by')
        .select([
          'b.id',
          'b.created_at',
          'b.produced_at',
          'b.delivered_at',
          'c.login as created_login',
          'p.login as produced_login',
          'd.login as delivered_login',
        ])
        .where('b.id', 'in', ids)
        .execute();

/** Delivered plastic cards of a subtree, in (org path, id) order: one range of a partial index. */
export const findCardsToIssue = (
  db: Db,
  path: string,
  after: readonly [string, string] | undefined,
  limit: number,
) =>
  db
    .selectFrom('cards as c')
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select([
      'c.id',
      'c.member_id',
      'c.org_path',
      'c.delivered_on',
      'm.last_name',
      'm.first_name',
      'm.middle_name',
      'm.card_number',
      'm.org_id',
      'o.name as org_name',
    ])
    .where('c.status', '=', 'delivered')
    .where('c.org_path', '>=', path)
    .where('c.org_path', '<', subtreeUpperBound(path))
    .$if(after !== undefined, (q) =>
      q.where((eb) =>
        eb(
          eb.refTuple('c.org_path', 'c.id'),
          '>',
          eb.tuple((after as [string, string])[0], (after as [string, string])[1]),
        ),
      ),
    )
    .orderBy('c.org_path')
    .orderBy('c.id')
    .limit(limit)
    .execute();

/**
 * The member as the cards need them: number, status, place. `lock`: shared until commit, so
 * neither a transfer nor a deregistration changes them while a card is made or changed.
 */
export const findMemberForCards = (db: Db, id: string, lock = false) =>
  db
    .selectFrom('members')
    .select(['id', 'card_number', 'status', 'org_path'])
    .where('id', '=', id)
    .$if(lock, (q) => q.forShare())
    .executeTakeFirst();
export type CardHolder = NonNullable<Awaited<ReturnType<typeof findMemberForCards>>>;
