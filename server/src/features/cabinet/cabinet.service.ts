import {
  type AccessLogEntry,
  auditActionLabel,
  type CabinetExport,
  type CabinetMe,
  type CabinetPatch,
  type ConsentChange,
  type ConsentEntry,
  type VirtualCard,
} from '@profreestr/contracts';
import { invalid } from '../../lib/app-error.js';
import { inTransaction, type MemberCtx, type StaffCtx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { authorize } from '../access/access.js';
import { recordAudit } from '../audit/audit.service.js';
import { issueVirtualCard } from '../cards/cards.service.js';
import { applicationsOfMember } from '../join/applications.service.js';
import { cabinetInvitationLetter } from '../mail/letters.js';
import { cabinetSignInUrl, queueLetters, shownStatus } from '../mail/mail.service.js';
import { CARD_TOKEN_DAYS, cardTokenKey, signCardToken } from '../members/card-token.js';
import {
  ownConsents,
  ownRecordHistory,
  readOwnCard,
  setOwnConsent,
  updateOwnContacts,
} from '../members/member-self.service.js';
import {
  getMemberPlacement,
  getMemberRecord,
  MEMBER_NOT_FOUND,
} from '../members/members.service.js';
import { sessionsOfMember } from '../sessions/member-sessions.js';
import { aidRequestsOfMember } from '../social-support/aid-requests.service.js';
import { findCardAccess, findMemberLetters } from './cabinet.queries.js';

// The member's cabinet: their card, contacts and consents, who used their data, everything held
// about them, the virtual card. The caller is always the member (MemberCtx): no id comes from
// the request, so no other member can be reached.

/**
 * The first answer after signing in: the member's virtual card is issued then (once; again
 * only when the one they had was blocked — the number stays theirs), and the cabinet's page.
 */
export async function enterCabinet(ctx: MemberCtx): Promise<CabinetMe> {
  await issueVirtualCard(ctx);
  return cabinetMe(ctx);
}

export async function cabinetMe(ctx: MemberCtx): Promise<CabinetMe> {
  const { member, org } = await readOwnCard(ctx);
  return { member, org };
}

export async function updateCabinetMe(ctx: MemberCtx, patch: CabinetPatch): Promise<CabinetMe> {
  await updateOwnContacts(ctx, patch);
  return cabinetMe(ctx);
}

export const cabinetConsents = async (ctx: MemberCtx) => ({ items: await ownConsents(ctx) });

export async function changeConsent(ctx: MemberCtx, change: ConsentChange): Promise<ConsentEntry> {
  // The change, its ledger entry and its audit entry commit together.
  return inTransaction(ctx, async (tx) => {
    const entry = await setOwnConsent(tx, change.kind, change.granted);
    const placement = await getMemberPlacement(tx.db, tx.actor.memberId);
    await recordAudit(tx, {
      action: 'member.consent',
      target: { type: 'member', id: tx.actor.memberId, orgPath: placement?.path ?? null },
      details: { kind: change.kind, granted: change.granted },
    });
    return entry;
  });
}

function toAccessEntry(row: Awaited<ReturnType<typeof findCardAccess>>[number]): AccessLogEntry {
  const kind = row.actor_kind ?? 'system';
  return {
    id: row.id,
    at: row.at_iso,
    action: row.action,
    label: auditActionLabel(row.action),
    actor: {
      kind,
      fullName: kind === 'staff' ? (row.full_name ?? null) : null,
      role: kind === 'staff' ? (row.role ?? null) : null,
      orgName: kind === 'staff' ? (row.org_name ?? null) : null,
    },
  };
}

/** Who read or changed the member's card: the audit log's lines about it. */
export async function cabinetAccessLog(
  ctx: MemberCtx,
  page: { limit: number; cursor?: string | undefined },
) {
  const after = decodeCursor(page.cursor, ['timestamp', 'id']);
  const rows = await findCardAccess(ctx.db, ctx.actor.memberId, after, page.limit + 1);
  return toPage(rows, page.limit, toAccessEntry, (r) => [r.at_iso, r.id]);
}

/** The virtual card: its QR is a signed, expiring token of the number (nothing personal). */
export async function cabinetCard(ctx: MemberCtx, now = new Date()): Promise<VirtualCard> {
  const { member, org } = await readOwnCard(ctx);
  const expiresAt = new Date(now.getTime() + CARD_TOKEN_DAYS * 24 * 60 * 60 * 1000);
  const key = await cardTokenKey(ctx.db);
  return {
    cardNumber: member.cardNumber,
    holder: [member.lastName, member.firstName, member.middleName].filter(Boolean).join(' '),
    orgName: org.name,
    status: member.status,
    qr: signCardToken(key, member.cardNumber, expiresAt),
    qrExpiresAt: expiresAt.toISOString(),
  };
}

/**
 * Everything held about the member, as one document (152-ФЗ, art. 14). A later feature that
 * keeps something about members (purchases, survey answers) adds its part here.
 */
export async function cabinetExport(ctx: MemberCtx): Promise<CabinetExport> {
  const { member, org, orgPath } = await readOwnCard(ctx);
  const { periods, history } = await ownRecordHistory(ctx);
  const access = await findCardAccess(ctx.db, ctx.actor.memberId, undefined, 5000);
  const letters = await findMemberLetters(ctx.db, ctx.actor.memberId);
  await recordAudit(ctx, {
    action: 'member.export_own',
    target: { type: 'member', id: ctx.actor.memberId, orgPath },
  });
  return {
    exportedAt: new Date().toISOString(),
    member,
    org,
    periods,
    history,
    consents: await ownConsents(ctx),
    accessLog: access.map(toAccessEntry),
    letters: letters.map((l) => ({
      kind: l.kind,
      subject: l.subject,
      status: shownStatus(l.status),
      createdAt: new Date(l.created_at).toISOString(),
      sentAt: l.sent_at ? new Date(l.sent_at).toISOString() : null,
    })),
    applications: await applicationsOfMember(ctx.db, ctx.actor.memberId),
    sessions: (await sessionsOfMember(ctx.db, ctx.actor.memberId)).map((x) => ({
      createdAt: new Date(x.created_at).toISOString(),
      lastSeenAt: new Date(x.last_seen_at).toISOString(),
      expiresAt: new Date(x.expires_at).toISOString(),
      ip: x.ip,
      userAgent: x.user_agent,
    })),
    purchases: [],
    surveyAnswers: [],
    aidRequests: await aidRequestsOfMember(ctx.db, ctx.actor.memberId),
  };
}

/** Staff invite a member on record with an e-mail: a letter linking to the cabinet's sign-in. */
export async function inviteToCabinet(ctx: StaffCtx, memberId: string) {
  const row = await getMemberRecord(ctx.db, memberId);
  authorize(ctx.actor, 'member:invite', row, MEMBER_NOT_FOUND);
  if (row.status !== 'active') {
    throw invalid('status', 'Пригласить можно только того, кто состоит на учёте');
  }
  if (!row.email) throw invalid('email', 'В карточке нет электронной почты: пригласить некуда');
  const letter = {
    kind: 'cabinet_invitation' as const,
    to: { address: row.email, name: null },
    orgPath: row.path,
    memberId: row.id,
    ...cabinetInvitationLetter(
      { firstName: row.first_name, middleName: row.middle_name },
      cabinetSignInUrl(row.email),
    ),
  };
  await inTransaction(ctx, async (tx) => {
    await queueLetters(tx, [letter]);
    await recordAudit(tx, {
      action: 'member.invite',
      target: { type: 'member', id: row.id, orgPath: row.path },
    });
  });
  return { queued: true as const, to: row.email };
}
