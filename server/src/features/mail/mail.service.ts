import { randomUUID, timingSafeEqual } from 'node:crypto';
import type {
  Bounce,
  LetterDetail,
  LetterKind,
  LetterQuery,
  LetterStatus,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import { defaultMailConfig, type MailConfig } from '../../config.js';
import type { Database, LetterStatus as StoredLetterStatus } from '../../db/schema.js';
import { conflict, notFound, unauthenticated } from '../../lib/app-error.js';
import type { Ctx, StaffCtx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { pathIds } from '../../lib/tree-path.js';
import { authorize, authorizeList } from '../access/access.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  applicationReceivedLetter,
  type ChairmanNews,
  chairmanLetter,
  type LetterContent,
  type Person,
} from './letters.js';
import {
  type ChairmanContact,
  currentAddressOf,
  findChairmen,
  findLetter,
  findLetters,
  insertLetters,
  markAddressNotDelivering,
  markBounced,
  requeueLetter,
  shownStatus,
  turnOffChairmanLetters,
  turnOffMemberLetters,
} from './mail.queries.js';
import { renderMailingLetters } from './mailing-render.js';
import { parseUnsubscribeToken, tokenSigned, unsubscribeKey } from './unsubscribe.js';

// The outbox: letters are queued in the transaction of the change that causes them and leave
// through the delivery worker (mail-delivery). Admins read the letters of their subtree.

const LETTER_NOT_FOUND = 'Письмо не найдено';

/** Where letters link to and what their Message-IDs end with (set once, at start). */
let settings = { publicUrl: defaultMailConfig.publicUrl, domain: 'localhost' };

export function configureLetters(config: Pick<MailConfig, 'publicUrl' | 'from'>) {
  const domain = /@([^>\s]+)>?\s*$/.exec(config.from)?.[1] ?? 'localhost';
  settings = { publicUrl: config.publicUrl, domain };
}

/**
 * An org's chairman as letters need them: a feature that reads the org anyway (putting a member
 * on record) passes it to notifyChairmen, which then does not read it again.
 */
export type { ChairmanContact };

/** What Message-IDs end with: the sender's domain. */
export const letterDomain = () => settings.domain;
/** Where links in letters lead. */
export const publicUrl = () => settings.publicUrl;
/** A letter's status as people see it ('sending' is still in the queue). */
export { shownStatus };
/** The cabinet's sign-in page with the address filled in (invitations, accepted applications). */
export const cabinetSignInUrl = (email: string) =>
  `${settings.publicUrl}/cabinet/login?email=${encodeURIComponent(email)}`;

export interface OutgoingLetter extends LetterContent {
  kind: LetterKind;
  to: { address: string; name: string | null };
  /** The org the letter is about (admins of its subtree see it); null for none. */
  orgPath: string | null;
  memberId?: string | null;
  bulk?: boolean;
}

/** Queues letters in the caller's transaction: they exist exactly when the change commits. */
export async function queueLetters(ctx: Pick<Ctx, 'db'>, letters: readonly OutgoingLetter[]) {
  await insertLetters(
    ctx.db,
    letters.map((l) => ({
      kind: l.kind,
      toAddress: l.to.address,
      toName: l.to.name,
      subject: l.subject,
      text: l.text,
      html: l.html,
      // Stays the same across retries: a letter sent twice is recognisably one letter.
      messageId: `<${randomUUID()}@${settings.domain}>`,
      orgPath: l.orgPath,
      memberId: l.memberId ?? null,
      bulk: l.bulk ?? false,
    })),
  );
}

/**
 * Tells primaries' chairmen about their members (put on record, taken off, moved in or out):
 * one letter per org and kind, only to a chairman with an e-mail who has not turned letters
 * off in the passport.
 */
export async function notifyChairmen(
  ctx: Pick<Ctx, 'db'>,
  news: readonly (Omit<ChairmanNews, 'orgName' | 'otherOrgName'> & {
    orgId: string;
    /** The other org of a transfer, named in the letter. */
    otherOrgId?: string | undefined;
  })[],
  /** Chairmen the caller read already (with the org it checked): not read again. */
  known: readonly ChairmanContact[] = [],
) {
  const wanted = news.filter((n) => n.people.length > 0);
  if (wanted.length === 0) return;
  const chairmen = new Map(known.map((c) => [c.id, c]));
  const ids = wanted.flatMap((n) => (n.otherOrgId ? [n.orgId, n.otherOrgId] : [n.orgId]));
  const missing = [...new Set(ids)].filter((id) => !chairmen.has(id));
  for (const c of await findChairmen(ctx.db, missing)) chairmen.set(c.id, c);
  const letters: OutgoingLetter[] = [];
  for (const n of wanted) {
    const chairman = chairmen.get(n.orgId);
    if (!chairman?.email || chairman.notify_email !== true) continue;
    const content = chairmanLetter(
      {
        ...n,
        orgName: chairman.name,
        otherOrgName: n.otherOrgId ? chairmen.get(n.otherOrgId)?.name : undefined,
      },
      { firstName: chairman.first_name, middleName: chairman.middle_name },
      settings.publicUrl,
    );
    letters.push({
      ...content,
      kind: n.kind,
      to: {
        address: chairman.email,
        name: [chairman.last_name, chairman.first_name].filter(Boolean).join(' ') || null,
      },
      orgPath: chairman.path,
    });
  }
  await queueLetters(ctx, letters);
}

/**
 * A confirmed online application: the chosen primary's chairman is told, when they have an
 * e-mail and have not turned letters off in the passport.
 */
export async function notifyApplicationReceived(
  ctx: Pick<Ctx, 'db'>,
  application: { id: string; orgId: string; name: string },
) {
  const [chairman] = await findChairmen(ctx.db, [application.orgId]);
  if (!chairman?.email || chairman.notify_email !== true) return;
  const content = applicationReceivedLetter(
    { firstName: chairman.first_name, middleName: chairman.middle_name },
    { name: application.name, orgName: chairman.name },
    `${settings.publicUrl}/applications/${application.id}`,
  );
  await queueLetters(ctx, [
    {
      ...content,
      kind: 'application_received',
      to: {
        address: chairman.email,
        name: [chairman.last_name, chairman.first_name].filter(Boolean).join(' ') || null,
      },
      orgPath: chairman.path,
    },
  ]);
}

/**
 * A letter to the chairmen of orgs (a returned report, a reminder), each only when they have an
 * e-mail and have not turned letters off in the passport; `compose` writes each one's letter.
 * Returns how many were queued.
 */
export async function notifyOrgChairmen(
  ctx: Pick<Ctx, 'db'>,
  kind: LetterKind,
  chairmen: readonly ChairmanContact[],
  compose: (chairman: ChairmanContact, person: Person) => LetterContent,
): Promise<number> {
  const reachable = chairmen.filter((c) => c.email && c.notify_email === true);
  await queueLetters(
    ctx,
    reachable.map((chairman) => ({
      ...compose(chairman, { firstName: chairman.first_name, middleName: chairman.middle_name }),
      kind,
      to: {
        address: chairman.email as string,
        name: [chairman.last_name, chairman.first_name].filter(Boolean).join(' ') || null,
      },
      orgPath: chairman.path,
    })),
  );
  return reachable.length;
}

/** The chairmen of these orgs, as letters need them. */
export const chairmenOf = (ctx: Pick<Ctx, 'db'>, orgIds: readonly string[]) =>
  orgIds.length ? findChairmen(ctx.db, [...orgIds]) : Promise.resolve([]);

/** Where a report opens in the web (letters link to it). */
export const reportUrl = (id: string) => `${settings.publicUrl}/reports/${id}`;

/** A letter's place for the access check: an org's path, or the root for letters of no org. */
const placeOf = (ctx: StaffCtx, orgPath: string | null) => ({
  path: orgPath ?? `${pathIds(ctx.actor.orgPath)[0]}.`,
});

const toLetter = (row: {
  id: string;
  kind: string;
  to_address: string;
  subject: string;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}) => ({
  id: row.id,
  kind: row.kind as LetterKind,
  to: row.to_address,
  subject: withoutCodes(row.kind, row.subject),
  // Being handed to SMTP is still "in the queue" to people.
  status: shownStatus(row.status as StoredLetterStatus) as LetterStatus,
  attempts: row.attempts,
  lastError: row.last_error,
  createdAt: new Date(row.created_at).toISOString(),
  sentAt: row.sent_at ? new Date(row.sent_at).toISOString() : null,
});

export async function listLetters(ctx: StaffCtx, query: LetterQuery) {
  authorizeList(ctx.actor, 'mail:read');
  const after = decodeCursor(query.cursor, ['id'])?.[0];
  const rows = await findLetters(
    ctx.db,
    {
      scopePath: ctx.actor.orgPath,
      withUnplaced: pathIds(ctx.actor.orgPath).length === 1,
      kind: query.kind,
      status: query.status,
      to: query.to,
    },
    after,
    query.limit + 1,
  );
  // Addresses are personal data: reading the list is on record.
  await recordAudit(ctx, {
    action: 'mail.search',
    target: { type: 'org', id: ctx.actor.orgId, orgPath: ctx.actor.orgPath },
    details: {
      ...(query.kind ? { letterKind: query.kind } : {}),
      ...(query.status ? { letterStatus: query.status } : {}),
      ...(query.to ? { recipient: query.to } : {}),
      returned: Math.min(rows.length, query.limit),
    },
  });
  return toPage(rows, query.limit, toLetter, (r) => [r.id]);
}

/** The letter, when the caller may see it (else 404, as for a letter that does not exist). */
async function visibleLetter(ctx: StaffCtx, id: string, action: 'mail:read' | 'mail:manage') {
  const row = await findLetter(ctx.db, id);
  const place = row ? placeOf(ctx, row.org_path) : undefined;
  authorize(ctx.actor, action, place, LETTER_NOT_FOUND);
  return row as NonNullable<typeof row>;
}

export async function getLetter(ctx: StaffCtx, id: string): Promise<LetterDetail> {
  const row = await visibleLetter(ctx, id, 'mail:read');
  const found = (await renderMailingLetters(ctx.db, settings.publicUrl, [row])).get(row.id);
  const rendered = found && !('revoked' in found) ? found : undefined;
  await recordAudit(ctx, {
    action: 'mail.read',
    target: { type: 'letter', id, orgPath: row.org_path },
  });
  return {
    ...toLetter(row),
    toName: row.to_name,
    messageId: row.message_id,
    // A confirmation or unsubscribe link is the recipient's alone: an admin reading the letter
    // must not be able to confirm an address or unsubscribe someone with it.
    // So is a sign-in or confirmation code.
    text: withoutCodes(row.kind, withoutTokens(rendered?.text ?? row.text_body ?? '')),
    html: withoutCodes(row.kind, withoutTokens(rendered?.html ?? row.html_body ?? '')),
    nextAttemptAt: row.status === 'queued' ? new Date(row.next_attempt_at).toISOString() : null,
    textPurgedAt: row.body_purged_at ? new Date(row.body_purged_at).toISOString() : null,
  };
}

const withoutTokens = (text: string) => text.replace(/token=[A-Za-z0-9_.-]+/g, 'token=…');
const codeKinds = new Set(['login_code', 'application_confirmation']);
const withoutCodes = (kind: string, text: string) =>
  codeKinds.has(kind) ? text.replace(/\b\d{6}\b/g, '••••••') : text;

/** A failed or bounced letter goes back to the queue, from its first attempt. */
export async function resendLetter(ctx: StaffCtx, id: string): Promise<LetterDetail> {
  const row = await visibleLetter(ctx, id, 'mail:manage');
  if (!(await requeueLetter(ctx.db, id))) {
    throw conflict('Письмо уже в очереди или отправлено: повторять нечего');
  }
  await recordAudit(ctx, {
    action: 'mail.resend',
    target: { type: 'letter', id, orgPath: row.org_path },
  });
  return getLetter(ctx, id);
}

/** Compares a bearer token with the configured one in constant time. */
export function tokenMatches(given: string | undefined, expected: string | undefined) {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A webhook call with a wrong token: refused before its body is read, and on record. */
export async function refuseWebhook(base: { db: Kysely<Database>; ip: string | null }) {
  await recordAudit({ ...base, actor: null }, { action: 'mail.bounce', result: 'denied' });
  return unauthenticated('Неверный токен');
}

/**
 * The mail service's report of a letter that did not arrive (its token already checked). A hard
 * bounce marks the letter and the member's address as not delivering; a soft one is only noted.
 */
export async function recordBounce(
  base: { db: Kysely<Database>; ip: string | null },
  bounce: Bounce,
) {
  const reason =
    bounce.reason ?? (bounce.type === 'hard' ? 'Адрес не существует' : 'Временный отказ');
  await base.db.transaction().execute(async (trx) => {
    // Providers report the id with or without its angle brackets.
    const messageId = `<${bounce.messageId.replace(/^<|>$/g, '')}>`;
    const letter = bounce.type === 'hard' ? await markBounced(trx, messageId, reason) : undefined;
    if (bounce.type === 'hard' && !letter) throw notFound(LETTER_NOT_FOUND);
    if (letter?.member_id) await markAddressNotDelivering(trx, letter.member_id, letter.to_address);
    await recordAudit(
      { db: trx, actor: null, ip: base.ip },
      {
        action: 'mail.bounce',
        ...(letter ? { target: { type: 'letter', id: letter.id, orgPath: letter.org_path } } : {}),
        details: { bounce: bounce.type, reason },
      },
    );
  });
}

/**
 * One-click unsubscribe (a mail client's POST, or the page's button): the recipient's consent
 * to letters by e-mail goes off. A token the server did not sign, one character changed
 * included, is 404 and changes nothing.
 */
export async function unsubscribe(
  base: { db: Kysely<Database>; ip: string | null },
  token: string,
) {
  const parsed = parseUnsubscribeToken(token);
  if (!parsed) throw notFound(BAD_LINK);
  const key = await unsubscribeKey(base.db);
  await base.db.transaction().execute(async (trx) => {
    const current = await currentAddressOf(trx, parsed);
    // Signed for this person at the address they have now, else it changes nothing.
    if (!current || !tokenSigned(key, parsed, current.email)) throw notFound(BAD_LINK);
    const target =
      parsed.kind === 'member'
        ? await turnOffMemberLetters(trx, parsed.personId).then(
            (m) => m && { type: 'member', id: m.id, orgPath: m.org_path },
          )
        : await turnOffChairmanLetters(trx, parsed.personId).then(
            (o) => o && { type: 'org', id: o.id, orgPath: o.path },
          );
    if (!target) throw notFound(BAD_LINK);
    await recordAudit(
      { db: trx, actor: null, ip: base.ip },
      { action: 'mail.unsubscribe', target, details: { subscriber: parsed.kind } },
    );
  });
}

const BAD_LINK = 'Ссылка для отписки недействительна';
