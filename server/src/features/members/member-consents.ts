import { type ConsentEntry, type ConsentKind, consentTexts } from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import type { Ctx } from '../../lib/context.js';
import type { MemberCard } from './member-card.js';

// The consents ledger (152-ФЗ): every grant and withdrawal a dated entry with the version of the
// text agreed to, never overwritten. The card holds the current state; the ledger, how it came
// to be. Every write of a card (form, file, cabinet, application) adds its entries here.

export interface ConsentEvent {
  memberId: string;
  kind: ConsentKind;
  granted: boolean;
  version: string;
}

const notifyKinds = [
  ['notify_email', 'email'],
  ['notify_sms', 'sms'],
  ['notify_push', 'push'],
] as const;

/** What changed between two states of a card, as ledger entries (a new card: from nothing). */
export function consentEvents(
  memberId: string,
  before: MemberCard | null,
  after: MemberCard,
): ConsentEvent[] {
  const events: ConsentEvent[] = [];
  const pdBefore = before?.pdConsent ?? null;
  const pdAfter = after.pdConsent;
  if (pdAfter && (!pdBefore || pdBefore.givenOn !== pdAfter.givenOn)) {
    // A paper consent of unknown wording is recorded as such, not as today's text.
    events.push({ memberId, kind: 'pd', granted: true, version: pdAfter.version ?? 'не указана' });
  } else if (!pdAfter && pdBefore) {
    events.push({ memberId, kind: 'pd', granted: false, version: consentTexts.pd.version });
  }
  for (const [kind, key] of notifyKinds) {
    const was = before?.notify[key] ?? false;
    if (after.notify[key] !== was) {
      events.push({
        memberId,
        kind,
        granted: after.notify[key],
        version: consentTexts[kind].version,
      });
    }
  }
  return events;
}

const byOf = (actor: Actor): ConsentEntry['by'] =>
  actor.kind === 'member' ? 'member' : actor.kind === 'staff' ? 'staff' : 'system';

/** Adds entries to the ledger, in the caller's transaction. */
export async function recordConsentEvents(
  ctx: Pick<Ctx, 'db' | 'actor'>,
  events: readonly ConsentEvent[],
  by: ConsentEntry['by'] = byOf(ctx.actor),
) {
  if (events.length === 0) return;
  const actorId =
    ctx.actor.kind === 'staff'
      ? ctx.actor.userId
      : ctx.actor.kind === 'member'
        ? ctx.actor.memberId
        : null;
  await ctx.db
    .insertInto('member_consents')
    .values(
      events.map((e) => ({
        member_id: e.memberId,
        kind: e.kind,
        granted: e.granted,
        version: e.version,
        by,
        actor_id: actorId,
      })),
    )
    .execute();
}

/** The member's whole ledger, newest first. */
export async function consentHistory(
  db: Kysely<Database>,
  memberId: string,
): Promise<ConsentEntry[]> {
  const rows = await db
    .selectFrom('member_consents')
    .select(['kind', 'granted', 'version', 'at', 'by'])
    .where('member_id', '=', memberId)
    .orderBy('id', 'desc')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    granted: r.granted,
    version: r.version,
    at: new Date(r.at).toISOString(),
    by: r.by,
  }));
}

/** Two cards of one person became one: the merged card's entries follow to the kept one. */
export async function moveConsentHistory(db: Kysely<Database>, fromId: string, toId: string) {
  await db
    .updateTable('member_consents')
    .set({ member_id: toId })
    .where('member_id', '=', fromId)
    .execute();
}
