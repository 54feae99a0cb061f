import {
  type DeregisterReason,
  deregisterReasonLabels,
  type Member,
  quoted,
} from '@profreestr/contracts';
import { conflict, invalid, notFound } from '../../lib/app-error.js';
import { inTransaction, type StaffCtx } from '../../lib/context.js';
import { authorize, canSee } from '../access/access.js';
import { getOrgPlacement } from '../access/placement.js';
import { notifyChairmen } from '../mail/mail.service.js';
import { factsOf, moveActiveStats, recordMemberFacts } from '../stats/stats.service.js';
import { cardOf, toMember } from './member-card.js';
import { recordMemberChange } from './member-history.js';
import { newsByOrg } from './member-records.js';
import {
  closeOpenPeriod,
  findMemberForUpdate,
  moveActiveMembers,
  openPeriod,
  updateMemberRow,
} from './members.queries.js';
import { assertNotOnRecord, MEMBER_NOT_FOUND, primaryForMembers } from './members.service.js';

// Putting on and taking off record, and moving between primaries. Every step closes or opens a
// registration period, keeps the orgs' member counts, and lands in the member's history.

const notBefore = (on: string, since: string) => {
  if (on < since) throw invalid('on', `Дата не может быть раньше постановки на учёт (${since})`);
};

/**
 * Where a transfer may go: any active primary of the union, not only of the caller's subtree.
 * The member leaves the caller's records, as when a teacher moves to another district; the
 * chairman of the old primary starts it (the targets' search shows names only).
 */
async function transferTarget(ctx: StaffCtx, id: string) {
  const org = await getOrgPlacement(ctx.db, id);
  // Outside the caller's subtree only active primaries exist (what the targets' search lists):
  // any other org there is not found, exactly like a missing one.
  const offered = org?.level === 'primary' && org.status === 'active';
  if (!org || (!offered && !canSee(ctx.actor, org.path))) throw notFound('Организация не найдена');
  if (org.level !== 'primary')
    throw invalid('toOrgId', 'Члены Профсоюза состоят на учёте в первичных организациях');
  if (org.status !== 'active') throw invalid('toOrgId', 'Организация ликвидирована');
  return org;
}

export async function transferMember(
  ctx: StaffCtx,
  id: string,
  input: { toOrgId: string; on: string },
): Promise<Member> {
  return inTransaction(ctx, async (tx) => {
    const member = await findMemberForUpdate(tx.db, id);
    authorize(tx.actor, 'member:transfer', member, MEMBER_NOT_FOUND);
    if (member.status !== 'active')
      throw conflict('Член Профсоюза снят с учёта: перевод невозможен');
    const target = await transferTarget(tx, input.toOrgId);
    if (target.id === member.org_id)
      throw invalid('toOrgId', 'Член Профсоюза уже состоит на учёте в этой организации');
    notBefore(input.on, member.registered_on);
    await closeOpenPeriod(tx.db, id, input.on, 'transfer');
    await openPeriod(tx.db, { memberId: id, orgId: target.id, on: input.on });
    const updated = await updateMemberRow(tx.db, id, {
      org_id: target.id,
      registered_on: input.on,
    });
    await recordMemberFacts(tx.db, factsOf(member), factsOf(updated));
    await recordMemberChange(tx, {
      member: { id, orgPath: target.path },
      action: 'transfer',
      changes: [
        { field: 'orgId', old: member.org_id, new: target.id },
        { field: 'registeredOn', old: member.registered_on, new: input.on },
      ],
    });
    await notifyChairmen(tx, [
      ...newsByOrg('member_transferred_out', [{ ...updated, org_id: member.org_id }], {
        on: input.on,
        otherOrgId: target.id,
      }),
      ...newsByOrg('member_transferred_in', [updated], { on: input.on, otherOrgId: member.org_id }),
    ]);
    return toMember(updated);
  });
}

export async function deregisterMember(
  ctx: StaffCtx,
  id: string,
  input: { on: string; reason: DeregisterReason; note?: string | null | undefined },
): Promise<Member> {
  return inTransaction(ctx, async (tx) => {
    const member = await findMemberForUpdate(tx.db, id);
    authorize(tx.actor, 'member:deregister', member, MEMBER_NOT_FOUND);
    if (member.status !== 'active') throw conflict('Член Профсоюза уже снят с учёта');
    notBefore(input.on, member.registered_on);
    await closeOpenPeriod(tx.db, id, input.on, input.reason);
    const updated = await updateMemberRow(tx.db, id, {
      status: 'deregistered',
      deregistered_on: input.on,
      deregister_reason: input.reason,
      deregister_note: input.note ?? null,
    });
    await recordMemberFacts(tx.db, factsOf(member), factsOf(updated));
    await recordMemberChange(tx, {
      member: { id, orgPath: member.path },
      action: 'deregister',
      changes: [{ field: 'status', old: 'active', new: 'deregistered' }],
      note: [deregisterReasonLabels[input.reason], input.note].filter(Boolean).join('. '),
    });
    await notifyChairmen(tx, newsByOrg('member_deregistered', [updated], { on: input.on }));
    return toMember(updated);
  });
}

/** A member off record comes back: a new registration period, the same card number. */
export async function readmitMember(
  ctx: StaffCtx,
  id: string,
  input: { orgId?: string | undefined; on: string },
): Promise<Member> {
  return inTransaction(ctx, async (tx) => {
    const member = await findMemberForUpdate(tx.db, id);
    authorize(tx.actor, 'member:readmit', member, MEMBER_NOT_FOUND);
    if (member.status !== 'deregistered') throw conflict('Член Профсоюза уже состоит на учёте');
    const target = await primaryForMembers(tx, input.orgId ?? member.org_id, 'member:readmit');
    if (member.deregistered_on) notBefore(input.on, member.deregistered_on);
    await assertNotOnRecord(tx, cardOf(member), id);
    await openPeriod(tx.db, { memberId: id, orgId: target.id, on: input.on });
    const updated = await updateMemberRow(tx.db, id, {
      status: 'active',
      org_id: target.id,
      registered_on: input.on,
      deregistered_on: null,
      deregister_reason: null,
      deregister_note: null,
    });
    await recordMemberFacts(tx.db, factsOf(member), factsOf(updated));
    await recordMemberChange(tx, {
      member: { id, orgPath: target.path },
      action: 'readmit',
      changes: [
        { field: 'status', old: 'deregistered', new: 'active' },
        ...(target.id === member.org_id
          ? []
          : [{ field: 'orgId', old: member.org_id, new: target.id }]),
      ],
    });
    await notifyChairmen(tx, newsByOrg('member_registered', [updated], { on: input.on }));
    return toMember(updated);
  });
}

/**
 * A merge of primaries moves every member on record to the target, inside the merge's own
 * transaction (the caller's `ctx.db`); each member's history and periods tell it.
 */
export async function moveMembersOnMerge(
  ctx: StaffCtx,
  from: { id: string; name: string; path: string },
  to: { id: string; path: string },
  on: string,
): Promise<number> {
  await moveActiveStats(ctx.db, from.id, from.path, to.path);
  const ids = await moveActiveMembers(ctx.db, from.id, to.id, on);
  for (const memberId of ids) {
    await closeOpenPeriod(ctx.db, memberId, on, 'org_merged');
    await openPeriod(ctx.db, { memberId, orgId: to.id, on });
    await recordMemberChange(ctx, {
      member: { id: memberId, orgPath: to.path },
      action: 'transfer',
      changes: [{ field: 'orgId', old: from.id, new: to.id }],
      note: `Организация ${quoted(from.name)} присоединена`,
    });
  }
  return ids.length;
}
