import type { Card, CardEvent } from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { actorRef } from '../../lib/actor.js';
import { type CardRow, findBatchMoves, findCardEvents } from './cards.queries.js';

// A card as the contract shows it, and its history. Transitions made one card at a time are
// rows of card_events; a batch's moves (ordered, produced, delivered) are read from the card's
// dates and its batch (when and by whom), so ordering the union writes no 3.7 M event rows.

const iso = (value: Date | string) => new Date(value).toISOString();

export const toCard = (row: CardRow): Card => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  batchId: row.batch_id,
  orderedOn: row.ordered_on,
  producedOn: row.produced_on,
  deliveredOn: row.delivered_on,
  issuedOn: row.issued_on,
  blockedOn: row.blocked_on,
  blockReason: row.block_reason,
});

const SYSTEM = 'система';
const MEMBER = 'член Профсоюза';

const byName = (kind: string, login: string | null) =>
  kind === 'staff' ? (login ?? 'сотрудник') : kind === 'member' ? MEMBER : SYSTEM;

/** A card_events row of a transition made by `actor`. */
export const eventOf = (
  actor: Actor,
  card: { id: string; member_id: string },
  status: CardRow['status'],
  reason: CardRow['block_reason'] = null,
) => {
  const ref = actorRef(actor);
  return {
    card_id: card.id,
    member_id: card.member_id,
    status,
    reason,
    actor_kind: ref.kind,
    actor_id: ref.id,
    actor_login: ref.login,
  };
};

/** Every transition of the member's cards, oldest first. */
export async function cardHistory(
  db: Kysely<Database>,
  memberId: string,
  cards: readonly CardRow[],
): Promise<CardEvent[]> {
  const kindOf = new Map(cards.map((c) => [c.id, c.kind]));
  const stored = await findCardEvents(db, memberId);
  const batchIds = [...new Set(cards.flatMap((c) => (c.batch_id ? [c.batch_id] : [])))];
  const moves = new Map((await findBatchMoves(db, batchIds)).map((b) => [b.id, b]));
  const events: CardEvent[] = stored.map((e) => ({
    cardId: e.card_id,
    kind: kindOf.get(e.card_id) ?? 'plastic',
    status: e.status,
    reason: e.reason,
    at: iso(e.at),
    by: byName(e.actor_kind, e.actor_login),
  }));
  // A reissued card has its own «ordered» row; a card the batch ordered is told by the batch.
  const orderedAlone = new Set(stored.filter((e) => e.status === 'ordered').map((e) => e.card_id));
  for (const card of cards) {
    const batch = card.batch_id ? moves.get(card.batch_id) : undefined;
    if (!batch) continue;
    const moved = (status: CardEvent['status'], at: Date | null, login: string | null) => {
      if (at) {
        events.push({
          cardId: card.id,
          kind: card.kind,
          status,
          reason: null,
          at: iso(at),
          by: login ?? SYSTEM,
        });
      }
    };
    if (card.ordered_on && !orderedAlone.has(card.id)) {
      moved('ordered', batch.created_at, batch.created_login);
    }
    if (card.produced_on) moved('produced', batch.produced_at, batch.produced_login);
    if (card.delivered_on) moved('delivered', batch.delivered_at, batch.delivered_login);
  }
  // Stable: events of one transaction (blocked, then the reissue's order) keep their order.
  return events.sort((a, b) => (a.at === b.at ? 0 : a.at < b.at ? -1 : 1));
}
