import {
  type BlockCardInput,
  type Card,
  type CardToIssue,
  type MemberCards,
  type OwnCards,
  todayIso,
} from '@profreestr/contracts';
import { conflict, invalid, notFound, unauthenticated } from '../../lib/app-error.js';
import { inTransaction, type MemberCtx, type StaffCtx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { authorize, can } from '../access/access.js';
import { listScope } from '../access/placement.js';
import { recordAudit } from '../audit/audit.service.js';
import { MEMBER_NOT_FOUND } from '../members/members.service.js';
import { cardHistory, eventOf, toCard } from './card-history.js';
import {
  type CardHolder,
  type CardRow,
  findCardForUpdate,
  findCardsToIssue,
  findLiveVirtualCard,
  findMemberCards,
  findMemberForCards,
  insertCard,
  insertCardEvents,
  updateCard,
} from './cards.queries.js';

// A member's carriers of the e-card: staff read them, hand a delivered plastic card over and
// block a card (with a reissue that orders a new plastic one: the number never changes); the
// member reads their own and gets a virtual card. Every transition is dated, in card_events
// and the audit log (the member's trail: target is the member).

export const CARD_NOT_FOUND = 'Карта не найдена';

const memberTarget = (holder: CardHolder) => ({
  type: 'member',
  id: holder.id,
  orgPath: holder.org_path,
});

/** The member, when the caller may do `action` on their cards (404 outside the subtree). */
async function holderFor(
  ctx: StaffCtx,
  id: string,
  action: 'card:read' | 'card:manage',
  lock = false,
) {
  const holder = await findMemberForCards(ctx.db, id, lock);
  authorize(ctx.actor, action, holder && { path: holder.org_path }, MEMBER_NOT_FOUND);
  return holder as CardHolder;
}

async function cardsView(ctx: StaffCtx, holder: CardHolder): Promise<MemberCards> {
  const rows = await findMemberCards(ctx.db, holder.id);
  const manage = can(ctx.actor, 'card:manage', { path: holder.org_path });
  return {
    cardNumber: holder.card_number,
    items: rows.map(toCard),
    events: await cardHistory(ctx.db, holder.id, rows),
    allowed: {
      issue: manage && rows.some((c) => c.kind === 'plastic' && c.status === 'delivered'),
      block: manage && rows.some((c) => c.status !== 'blocked'),
    },
  };
}

/** `GET /members/:id/cards`: the carriers, their history and what the caller may do. */
export async function memberCards(ctx: StaffCtx, id: string): Promise<MemberCards> {
  const holder = await holderFor(ctx, id, 'card:read');
  const view = await cardsView(ctx, holder);
  await recordAudit(ctx, { action: 'card.read', target: memberTarget(holder) });
  return view;
}

async function lockedCard(ctx: StaffCtx, holder: CardHolder, cardId: string) {
  const card = await findCardForUpdate(ctx.db, holder.id, cardId);
  if (!card) throw notFound(CARD_NOT_FOUND);
  return card;
}

/** Handed over to its member: only a plastic card delivered to the org. */
export async function issueCard(ctx: StaffCtx, id: string, cardId: string): Promise<Card> {
  return inTransaction(ctx, async (tx) => {
    const holder = await holderFor(tx, id, 'card:manage', true);
    const card = await lockedCard(tx, holder, cardId);
    if (card.kind !== 'plastic' || card.status !== 'delivered') {
      throw conflict('Выдать можно только пластиковую карту, доставленную в организацию');
    }
    const issued = await updateCard(tx.db, card.id, { status: 'issued', issued_on: todayIso() });
    await insertCardEvents(tx.db, [eventOf(tx.actor, card, 'issued')]);
    await recordAudit(tx, {
      action: 'card.issue',
      target: memberTarget(holder),
      details: { cardId: card.id },
    });
    return toCard(issued);
  });
}

/**
 * Blocked (lost, damaged, other); a reissue orders a new plastic card for the subtree's next
 * batch. The number stays the member's: a new carrier, the same number.
 */
export async function blockCard(
  ctx: StaffCtx,
  id: string,
  cardId: string,
  input: BlockCardInput,
): Promise<MemberCards> {
  return inTransaction(ctx, async (tx) => {
    const holder = await holderFor(tx, id, 'card:manage', true);
    const card = await lockedCard(tx, holder, cardId);
    if (card.status === 'blocked') throw conflict('Карта уже заблокирована');
    if (input.reissue && card.kind !== 'plastic') {
      throw invalid('reissue', 'Перевыпускается только пластиковая карта');
    }
    const today = todayIso();
    await updateCard(tx.db, card.id, {
      status: 'blocked',
      blocked_on: today,
      block_reason: input.reason,
    });
    const events = [eventOf(tx.actor, card, 'blocked', input.reason)];
    let reissued: CardRow | undefined;
    if (input.reissue) {
      // The blocked card was the live one and is locked: nothing else can hold its place.
      reissued = await insertCard(tx.db, {
        member_id: holder.id,
        kind: 'plastic',
        status: 'ordered',
        org_path: holder.org_path,
        ordered_on: today,
      });
      if (reissued) events.push(eventOf(tx.actor, reissued, 'ordered'));
    }
    await insertCardEvents(tx.db, events);
    await recordAudit(tx, {
      action: 'card.block',
      target: memberTarget(holder),
      details: { cardId: card.id, blockReason: input.reason, reissue: input.reissue },
    });
    if (reissued) {
      await recordAudit(tx, {
        action: 'card.order',
        target: memberTarget(holder),
        details: { cardId: reissued.id },
      });
    }
    return cardsView(tx, holder);
  });
}

/** «Карты к выдаче»: delivered plastic cards of the subtree, in org order. Names: audited. */
export async function cardsToIssue(
  ctx: StaffCtx,
  query: { under?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const path = await listScope(ctx, 'card:read', query.under);
  const after = decodeCursor(query.cursor, ['text', 'id']);
  const rows = await findCardsToIssue(ctx.db, path, after, query.limit + 1);
  await recordAudit(ctx, {
    action: 'card.to_issue.list',
    target: { type: 'org', id: query.under ?? ctx.actor.orgId, orgPath: path },
    details: { returned: Math.min(rows.length, query.limit) },
  });
  return toPage(
    rows,
    query.limit,
    (row): CardToIssue => ({
      cardId: row.id,
      memberId: row.member_id,
      name: [row.last_name, row.first_name, row.middle_name].filter(Boolean).join(' '),
      cardNumber: row.card_number,
      orgId: row.org_id,
      orgName: row.org_name,
      deliveredOn: row.delivered_on,
    }),
    (row) => [row.org_path, row.id],
  );
}

// --- the member's own, for the cabinet ------------------------------------------------------

/** The member's own carriers (the cabinet): read with the member as the caller. */
export async function ownCards(ctx: MemberCtx): Promise<OwnCards> {
  const holder = await findMemberForCards(ctx.db, ctx.actor.memberId);
  if (!holder) throw unauthenticated();
  const rows = await findMemberCards(ctx.db, holder.id);
  await recordAudit(ctx, { action: 'card.read', target: memberTarget(holder) });
  return { cardNumber: holder.card_number, status: holder.status, items: rows.map(toCard) };
}

/**
 * The member's virtual card: issued on their first cabinet sign-in or on request, once — a
 * second call (or a racing one: the unique index decides) answers the live card there is.
 */
export async function issueVirtualCard(ctx: MemberCtx): Promise<Card> {
  return inTransaction(ctx, async (tx) => {
    const holder = await findMemberForCards(tx.db, tx.actor.memberId, true);
    // Taken off record or merged meanwhile: the session is worth nothing any more.
    if (holder?.status !== 'active') throw unauthenticated();
    const made = await insertCard(tx.db, {
      member_id: holder.id,
      kind: 'virtual',
      status: 'active',
      org_path: holder.org_path,
      issued_on: todayIso(),
    });
    if (made) {
      await insertCardEvents(tx.db, [eventOf(tx.actor, made, 'active')]);
      await recordAudit(tx, {
        action: 'card.virtual',
        target: memberTarget(holder),
        details: { cardId: made.id },
      });
      return toCard(made);
    }
    const live = await findLiveVirtualCard(tx.db, holder.id);
    if (!live) throw conflict('Виртуальная карта не выпущена: попробуйте ещё раз');
    return toCard(live);
  });
}
