import {
  type AidDecisionInput,
  type AidRequest,
  type AidRequestCreate,
  type AidRequestQuery,
  isoToRu,
  kopecksToRoubles,
  type OwnAidRequest,
  roublesToKopecks,
  todayIso,
} from '@profreestr/contracts';
import type { StaffActor } from '../../lib/actor.js';
import { conflict, forbidden, invalid, unauthenticated } from '../../lib/app-error.js';
import { inTransaction, type MemberCtx, type StaffCtx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { isInSubtree } from '../../lib/tree-path.js';
import { authorize, can, canSee } from '../access/access.js';
import { listScope } from '../access/placement.js';
import { recordAudit, recordAudits } from '../audit/audit.service.js';
import { aidDecidedLetter } from '../mail/letters.js';
import { publicUrl, queueLetters } from '../mail/mail.service.js';
import {
  type AidRequestRow,
  findAidRequest,
  findAidRequestsUnder,
  findMemberForAid,
  findOwnAidRequests,
  insertAidRequest,
  markDecided,
} from './aid-requests.queries.js';
import { findBenefitForShare } from './benefits.queries.js';
import { benefitsOfferedAt, isActiveOn } from './benefits.service.js';

// Members' requests for aid: a member asks for a benefit their org or an ancestor offers today;
// the staff of the offering org or above approve it (with the roubles granted) or reject it
// with a reason, and the member is told by letter and sees it in the cabinet. The staff of the
// member's own subtree (the chairman of their primary) see the request but do not decide it.
// A request is the member's personal data: every read and change is audited about the member.

export const AID_REQUEST_NOT_FOUND = 'Обращение не найдено';
const NOT_OFFERED = 'Эта льгота вашей организации не предлагается';
const ALREADY_DECIDED = 'По обращению уже принято решение';

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null);
const roubles = (kopecks: string | null) =>
  kopecks === null ? null : kopecksToRoubles(Number(kopecks));
const nameOf = (row: AidRequestRow) =>
  [row.last_name, row.first_name, row.middle_name].filter(Boolean).join(' ');

/** The audit's target: the member, so their «Кто смотрел мои данные» lists it. */
const memberTarget = (row: { member_id: string; member_path: string }) => ({
  type: 'member',
  id: row.member_id,
  orgPath: row.member_path,
});

const benefitRef = (row: AidRequestRow) => ({
  id: row.benefit_id,
  title: row.benefit_title,
  kind: row.benefit_kind,
  orgId: row.benefit_org_id,
  orgName: row.benefit_org_name,
});

function toOwnAidRequest(row: AidRequestRow): OwnAidRequest {
  return {
    id: row.id,
    status: row.status,
    benefit: benefitRef(row),
    text: row.text,
    amount: roubles(row.amount),
    amountGranted: roubles(row.amount_granted),
    comment: row.comment,
    createdAt: iso(row.created_at) as string,
    decidedAt: iso(row.decided_at),
  };
}

const mayDecide = (actor: StaffActor, row: AidRequestRow) =>
  can(actor, 'aid:decide', { path: row.benefit_org_path });

function toAidRequest(row: AidRequestRow, actor: StaffActor): AidRequest {
  return {
    ...toOwnAidRequest(row),
    member: {
      id: row.member_id,
      name: nameOf(row),
      cardNumber: row.card_number,
      orgId: row.member_org_id,
      orgName: row.member_org_name,
    },
    decidedBy: row.decided_login,
    allowed: { decide: row.status === 'submitted' && mayDecide(actor, row) },
  };
}

/**
 * Where the caller sees the request from: the offering org's place or the member's. Outside
 * both, the member's (not the caller's: a 404, exactly like a missing request).
 */
const placeOf = (actor: StaffActor, row: AidRequestRow | undefined) =>
  row && { path: canSee(actor, row.benefit_org_path) ? row.benefit_org_path : row.member_path };

// --- the member's side --------------------------------------------------------------------

/** The member on record, by the session (a member taken off record meanwhile: signed out). */
async function ownPlace(ctx: MemberCtx, lock = false) {
  const member = await findMemberForAid(ctx.db, ctx.actor.memberId, lock);
  if (member?.status !== 'active') throw unauthenticated();
  return member;
}

/** `GET /cabinet/benefits`: what the member's org and its ancestors offer today. */
export async function cabinetBenefits(ctx: MemberCtx) {
  const member = await ownPlace(ctx);
  return { items: await benefitsOfferedAt(ctx.db, member.org_path) };
}

/**
 * `POST /cabinet/aid-requests`: for a benefit offered to the member's org today. A benefit of
 * another branch is refused exactly like one that does not exist.
 */
export async function requestAid(ctx: MemberCtx, input: AidRequestCreate) {
  return inTransaction(ctx, async (tx) => {
    const member = await ownPlace(tx, true);
    const benefit = await findBenefitForShare(tx.db, input.benefitId);
    if (!benefit || !isInSubtree(member.org_path, benefit.org_path)) {
      throw invalid('benefitId', NOT_OFFERED);
    }
    if (!isActiveOn(benefit, todayIso())) {
      const when =
        benefit.active_from > todayIso()
          ? `начнёт действовать ${isoToRu(benefit.active_from)}`
          : `действовала по ${isoToRu(benefit.active_to as string)}`;
      throw invalid('benefitId', `Льгота сейчас не действует: ${when}`);
    }
    const made = await insertAidRequest(tx.db, {
      benefit_id: benefit.id,
      member_id: member.id,
      text: input.text,
      amount: input.amount == null ? null : roublesToKopecks(input.amount),
    });
    if (!made) throw conflict('Ваше обращение по этой льготе уже на рассмотрении');
    await recordAudit(tx, {
      action: 'aid_request.create',
      target: memberTarget({ member_id: member.id, member_path: member.org_path }),
      details: { aidRequestId: made.id, benefitId: benefit.id },
    });
    return { id: made.id, status: 'submitted' as const };
  });
}

/** `GET /cabinet/aid-requests`: the member's own, with the decisions. */
export async function ownAidRequests(
  ctx: MemberCtx,
  page: { limit: number; cursor?: string | undefined },
) {
  const member = await ownPlace(ctx);
  const beforeId = decodeCursor(page.cursor, ['id'])?.[0];
  const rows = await findOwnAidRequests(ctx.db, member.id, beforeId, page.limit + 1);
  await recordAudit(ctx, {
    action: 'aid_request.own',
    target: memberTarget({ member_id: member.id, member_path: member.org_path }),
    details: { returned: Math.min(rows.length, page.limit) },
  });
  return toPage(rows, page.limit, toOwnAidRequest, (row) => [row.id]);
}

/** Everything the member asked for, for the export of all held about them (audited there). */
export async function aidRequestsOfMember(db: MemberCtx['db'], memberId: string) {
  return (await findOwnAidRequests(db, memberId, undefined, 5000)).map(toOwnAidRequest);
}

// --- the staff's side ---------------------------------------------------------------------

/**
 * `GET /aid-requests?under=&status=`: requests of the subtree's members and to the benefits it
 * offers, newest first. Each request shown is on record about its member.
 */
export async function listAidRequests(ctx: StaffCtx, query: AidRequestQuery) {
  const path = await listScope(ctx, 'aid:read', query.under);
  const beforeId = decodeCursor(query.cursor, ['id'])?.[0];
  const rows = await findAidRequestsUnder(ctx.db, {
    path,
    status: query.status,
    beforeId,
    limit: query.limit + 1,
  });
  const page = toPage(
    rows,
    query.limit,
    (row) => toAidRequest(row, ctx.actor),
    (row) => [row.id],
  );
  // One statement for the page: an entry per request, about its member.
  await recordAudits(
    ctx,
    rows.slice(0, query.limit).map((row) => ({
      action: 'aid_request.list',
      target: memberTarget(row),
      details: { aidRequestId: row.id },
    })),
  );
  return page;
}

export async function getAidRequest(ctx: StaffCtx, id: string): Promise<AidRequest> {
  const row = await findAidRequest(ctx.db, id);
  authorize(ctx.actor, 'aid:read', placeOf(ctx.actor, row), AID_REQUEST_NOT_FOUND);
  const request = row as AidRequestRow;
  await recordAudit(ctx, {
    action: 'aid_request.read',
    target: memberTarget(request),
    details: { aidRequestId: id },
  });
  return toAidRequest(request, ctx.actor);
}

/**
 * `POST /aid-requests/:id/decide`, by an editor of the offering org or above. A payment is
 * approved with the sum granted. Deciding a decided request is a conflict, also when two
 * decide at once: the update is conditional, and the second matches nothing.
 */
export async function decideAidRequest(
  ctx: StaffCtx,
  id: string,
  input: AidDecisionInput,
): Promise<AidRequest> {
  return inTransaction(ctx, async (tx) => {
    const row = await findAidRequest(tx.db, id);
    authorize(tx.actor, 'aid:read', placeOf(tx.actor, row), AID_REQUEST_NOT_FOUND);
    const request = row as AidRequestRow;
    if (!mayDecide(tx.actor, request)) {
      throw forbidden(
        'Решение принимают редакторы организации, предлагающей льготу, или вышестоящей',
      );
    }
    if (request.status !== 'submitted') throw conflict(ALREADY_DECIDED);
    const approved = input.decision === 'approved';
    if (approved && request.benefit_kind === 'payment' && input.amount == null) {
      throw invalid('amount', 'Укажите назначенную сумму выплаты');
    }
    const granted = approved && input.amount != null ? roublesToKopecks(input.amount) : null;
    const comment = input.comment ?? null;
    const done = await markDecided(tx.db, id, {
      status: input.decision,
      amount_granted: granted,
      comment,
      decided_by: tx.actor.userId,
    });
    if (!done) throw conflict(ALREADY_DECIDED);
    if (request.email) {
      await queueLetters(tx, [
        {
          kind: 'aid_decided',
          to: { address: request.email, name: nameOf(request) },
          orgPath: request.member_path,
          memberId: request.member_id,
          ...aidDecidedLetter(
            { firstName: request.first_name, middleName: request.middle_name },
            {
              benefitTitle: request.benefit_title,
              orgName: request.benefit_org_name,
              approved,
              amountGranted: granted,
              comment,
            },
            `${publicUrl()}/cabinet/benefits`,
          ),
        },
      ]);
    }
    await recordAudit(tx, {
      action: 'aid_request.decide',
      target: memberTarget(request),
      details: {
        aidRequestId: id,
        decision: input.decision,
        ...(granted === null ? {} : { amount: kopecksToRoubles(granted) }),
      },
    });
    return toAidRequest((await findAidRequest(tx.db, id)) as AidRequestRow, tx.actor);
  });
}
