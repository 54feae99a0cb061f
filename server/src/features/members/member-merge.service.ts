import { type FieldChange, formatCardNumber, type Member, todayIso } from '@profreestr/contracts';
import { conflict, invalid } from '../../lib/app-error.js';
import { inTransaction, type StaffCtx } from '../../lib/context.js';
import { withSavepoint } from '../../lib/savepoint.js';
import { authorize } from '../access/access.js';
import { recordAudit } from '../audit/audit.service.js';
import { diffFields } from '../history/field-diff.js';
import { moveHistory } from '../history/history.service.js';
import { factsOf, recordMemberFacts } from '../stats/stats.service.js';
import { cardColumns, cardOf, cardProblems, type MemberCard, toMember } from './member-card.js';
import { consentEvents, moveConsentHistory, recordConsentEvents } from './member-consents.js';
import { recordMemberChange } from './member-history.js';
import { deleteMemberRow, movePeriods, recordMerge } from './member-merge.queries.js';
import {
  closeOpenPeriod,
  findMemberForUpdate,
  type MemberRecord,
  updateMemberRow,
} from './members.queries.js';
import { assertNotOnRecord, MEMBER_NOT_FOUND } from './members.service.js';

// Two cards of one person become one. The kept card keeps its number; the other's registration
// periods and change history move to it, its empty fields are filled from the other, and the
// other leaves the register (its number stays retired in member_merges). One transaction.

const FILLABLE = [
  'sex',
  'birthDate',
  'category',
  'duesPaymentForm',
  'pdConsent',
  'joinedOn',
  'workplace',
  'position',
  'staffCategory',
  'studyCourse',
  'faculty',
  'phone',
  'email',
  'address',
] as const satisfies readonly (keyof MemberCard)[];

/** The kept card with its empty fields taken from the other, unless that breaks a card rule. */
export function mergedCard(kept: MemberCard, other: MemberCard): MemberCard {
  let card = kept;
  for (const field of FILLABLE) {
    if (card[field] !== null || other[field] === null) continue;
    const next = { ...card, [field]: other[field] };
    // A student's course on a working member's card, say: that field stays empty.
    if (cardProblems(next).length <= cardProblems(card).length) card = next;
  }
  return card;
}

const byId = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : 1);

export async function mergeMembers(
  ctx: StaffCtx,
  keptId: string,
  input: { duplicateId: string },
): Promise<Member> {
  return inTransaction(ctx, async (tx) => {
    // Both rows locked in id order: merges of one pair in opposite directions wait, never
    // deadlock, and a transfer or an edit of either waits for the merge.
    const locked = new Map<string, MemberRecord & { path: string }>();
    for (const id of [...new Set([keptId, input.duplicateId])].sort(byId)) {
      const row = await findMemberForUpdate(tx.db, id);
      if (row) locked.set(id, row);
    }
    const kept = locked.get(keptId);
    authorize(tx.actor, 'member:merge', kept, MEMBER_NOT_FOUND);
    const other = locked.get(input.duplicateId);
    authorize(tx.actor, 'member:merge', other, MEMBER_NOT_FOUND);
    assertSamePerson(kept, other);

    // At most one record on record: an active kept card stays where it is (the other's open
    // period ends today); an inactive one takes over the other's registration.
    const takeOver = kept.status !== 'active' && other.status === 'active';
    const today = todayIso();
    if (other.status === 'active' && !takeOver) {
      await closeOpenPeriod(tx.db, other.id, today, 'card_merged');
    }
    await movePeriods(tx.db, other.id, kept.id);
    await moveHistory(tx.db, 'member', other.id, kept.id);
    // The consents ledger loses nothing: the other card's entries are the kept card's now.
    await moveConsentHistory(tx.db, other.id, kept.id);
    await recordMerge(tx.db, {
      mergedId: other.id,
      cardNumber: other.card_number,
      keptId: kept.id,
      userId: tx.actor.userId,
    });
    await deleteMemberRow(tx.db, other.id);
    await recordMemberFacts(tx.db, factsOf(other), null);

    const before = cardOf(kept);
    const card = mergedCard(before, cardOf(other));
    const registration = takeOver
      ? {
          status: 'active' as const,
          org_id: other.org_id,
          registered_on: other.registered_on,
          deregistered_on: null,
          deregister_reason: null,
          deregister_note: null,
        }
      : {};
    if (kept.status === 'active' || takeOver) await assertNotOnRecord(tx, card, kept.id);
    const updated = await withSavepoint(
      tx.db,
      () =>
        updateMemberRow(tx.db, kept.id, {
          ...cardColumns(card),
          // The other card's address comes with whether its owner confirmed it.
          ...(card.email !== before.email ? { email_verified: other.email_verified } : {}),
          ...registration,
        }),
      // Another request put the person on record meanwhile: say where.
      async (error) => {
        if ((error as { code?: string }).code !== '23505') throw error;
        await assertNotOnRecord(tx, card, kept.id);
        throw conflict('Этот человек уже состоит на учёте');
      },
    );
    await recordMemberFacts(tx.db, factsOf(kept), factsOf(updated));
    await recordConsentEvents(tx, consentEvents(kept.id, before, card));

    const changes: FieldChange[] = [
      ...diffFields(before, card),
      ...(takeOver
        ? [
            { field: 'status', old: kept.status, new: 'active' },
            { field: 'orgId', old: kept.org_id, new: other.org_id },
          ]
        : []),
    ];
    await recordMemberChange(tx, {
      member: { id: kept.id, orgPath: updated.org_path },
      action: 'merge',
      changes,
      note: `Присоединена карточка с билетом № ${formatCardNumber(other.card_number)}`,
    });
    // The card that left has an audit trail of its own: where it went, with both ids.
    await recordAudit(tx, {
      action: 'member.merged',
      target: { type: 'member', id: other.id, orgPath: other.org_path },
      details: { keptId: kept.id, mergedId: other.id },
    });
    return toMember(updated);
  });
}

function assertSamePerson(kept: MemberRecord, other: MemberRecord) {
  if (kept.id === other.id) {
    throw invalid('duplicateId', 'Выберите другую карточку: карточка не объединяется сама с собой');
  }
  if (kept.name_key !== other.name_key) {
    throw invalid(
      'duplicateId',
      'ФИО в карточках различаются: объединяются только карточки одного человека',
    );
  }
  if (kept.birth_date && other.birth_date && kept.birth_date !== other.birth_date) {
    throw invalid(
      'duplicateId',
      'Даты рождения в карточках различаются: объединяются только карточки одного человека',
    );
  }
}
