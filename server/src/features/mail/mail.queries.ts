import { consentTexts } from '@profreestr/contracts';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { type ChairmanContactColumns, chairmanContactSql } from '../../db/chairman-contact.js';
import type { Database, LetterStatus } from '../../db/schema.js';
import { subtreeUpperBound } from '../../lib/tree-path.js';

type Db = Kysely<Database>;

/**
 * A letter being handed to SMTP right now is still "in the queue" to people: the statuses a
 * shown status stands for (the lists' filters), and the status shown for a stored one.
 */
export const storedStatuses = (shown: Exclude<LetterStatus, 'sending'>): LetterStatus[] =>
  shown === 'queued' ? ['queued', 'sending'] : [shown];
export const shownStatus = (stored: LetterStatus) => (stored === 'sending' ? 'queued' : stored);

export interface NewLetter {
  kind: string;
  toAddress: string;
  toName: string | null;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  orgPath: string | null;
  memberId: string | null;
  bulk: boolean;
}

/** Many letters in one statement, in the caller's transaction. */
export async function insertLetters(db: Db, letters: readonly NewLetter[]) {
  if (letters.length === 0) return;
  await db
    .insertInto('mail_messages')
    .values(
      letters.map((l) => ({
        kind: l.kind,
        to_address: l.toAddress,
        to_name: l.toName,
        subject: l.subject,
        text_body: l.text,
        html_body: l.html,
        message_id: l.messageId,
        org_path: l.orgPath,
        member_id: l.memberId,
        bulk: l.bulk,
      })),
    )
    .execute();
}

/** An org's chairman as letters need them: name, address, consent (from the passport). */
export interface ChairmanContact extends ChairmanContactColumns {
  id: string;
  name: string;
  path: string;
}

/** The chairmen of orgs with their address and consent, from the passports. */
export async function findChairmen(db: Db, orgIds: readonly string[]) {
  if (orgIds.length === 0) return [];
  const { rows } = await sql<ChairmanContact>`
    select id::text, name, path, ${chairmanContactSql}
    from orgs where id = any(${orgIds as string[]}::bigint[])`.execute(db);
  return rows;
}

export type LetterRow = Awaited<ReturnType<typeof findLetter>>;

export function findLetter(db: Db, id: string) {
  return db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface LetterFilter {
  scopePath: string;
  /** The centre's admins also see letters tied to no org (a sign-in code). */
  withUnplaced: boolean;
  kind?: string | undefined;
  status?: LetterStatus | undefined;
  to?: string | undefined;
}

/** A page of letters, newest first (keyset on id). */
export function findLetters(db: Db, f: LetterFilter, beforeId: string | undefined, limit: number) {
  return db
    .selectFrom('mail_messages')
    .select([
      'id',
      'kind',
      'to_address',
      'subject',
      'status',
      'attempts',
      'last_error',
      'created_at',
      'sent_at',
    ])
    .where((eb) =>
      eb.or([
        eb.and([
          eb('org_path', '>=', f.scopePath),
          eb('org_path', '<', subtreeUpperBound(f.scopePath)),
        ]),
        ...(f.withUnplaced ? [eb('org_path', 'is', null)] : []),
      ]),
    )
    .$if(!!f.kind, (q) => q.where('kind', '=', f.kind as string))
    .$if(!!f.status, (q) =>
      q.where('status', 'in', storedStatuses(f.status as Exclude<LetterStatus, 'sending'>)),
    )
    .$if(!!f.to, (q) =>
      q.where(sql`lower(to_address)`, 'like', `${escapeLike((f.to as string).toLowerCase())}%`),
    )
    .$if(!!beforeId, (q) => q.where('id', '<', beforeId as string))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

const escapeLike = (text: string) => text.replace(/[%_\\]/g, '\\$&');

/** A failed or bounced letter queued again from its first attempt. */
export async function requeueLetter(db: Db, id: string) {
  const result = await db
    .updateTable('mail_messages')
    .set({
      status: 'queued',
      attempts: 0,
      last_error: null,
      next_attempt_at: sql`now()`,
      locked_until: null,
    })
    .where('id', '=', id)
    .where('status', 'in', ['failed', 'bounced'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The next due letters, leased to this worker (`lease`): `sending` until `leaseSeconds` pass.
 * Rows other workers hold are skipped, so several processes share the queue.
 */
export async function claimLetters(db: Db, limit: number, leaseSeconds: number, lease: string) {
  const { rows } = await sql<{
    id: string;
    kind: string;
    to_address: string;
    to_name: string | null;
    subject: string;
    text_body: string | null;
    html_body: string | null;
    message_id: string;
    bulk: boolean;
    attempts: number;
    mailing_id: string | null;
    recipient_id: string | null;
  }>`
    update mail_messages set status = 'sending', attempts = attempts + 1, lease = ${lease}::uuid,
      locked_until = now() + make_interval(secs => ${leaseSeconds})
    where id in (
      select id from mail_messages
      where status = 'queued' and next_attempt_at <= now()
      order by next_attempt_at, id
      limit ${limit}
      for update skip locked
    )
    returning id::text, kind, to_address, to_name, subject, text_body, html_body, message_id,
      bulk, attempts, mailing_id::text, recipient_id::text`.execute(db);
  return rows;
}

/**
 * Letters whose worker went quiet mid-delivery go back to the queue (sent again, the same
 * Message-ID); one that has used its attempts (it crashed the sender each time) is failed.
 */
export async function releaseLostLeases(db: Db, maxAttempts: number) {
  await db
    .updateTable('mail_messages')
    .set({ status: 'failed', lease: null, locked_until: null, last_error: 'Отправка прерывалась' })
    .where('status', '=', 'sending')
    .where('locked_until', '<', sql<Date>`now()`)
    .where('attempts', '>=', maxAttempts)
    .execute();
  const result = await db
    .updateTable('mail_messages')
    .set({ status: 'queued', lease: null, locked_until: null })
    .where('status', '=', 'sending')
    .where('locked_until', '<', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Marks only what this worker still holds: a letter whose lease ran out is another's now. */
const held = (id: string, lease: string) => (eb: ExpressionBuilder<Database, 'mail_messages'>) =>
  eb.and([eb('id', '=', id), eb('status', '=', 'sending'), eb('lease', '=', lease)]);

export async function markSent(db: Db, id: string, lease: string) {
  await db
    .updateTable('mail_messages')
    .set({ status: 'sent', sent_at: sql`now()`, last_error: null, locked_until: null, lease: null })
    .where(held(id, lease))
    .execute();
}

export async function markFailed(db: Db, id: string, lease: string, error: string) {
  await db
    .updateTable('mail_messages')
    .set({ status: 'failed', last_error: error, locked_until: null, lease: null })
    .where(held(id, lease))
    .execute();
}

/** Queued again after `delaySeconds`; `counted: false` gives the attempt back (the server's fault). */
export async function markRetry(
  db: Db,
  id: string,
  lease: string,
  error: string,
  delaySeconds: number,
  counted = true,
) {
  await db
    .updateTable('mail_messages')
    .set({
      status: 'queued',
      last_error: error,
      locked_until: null,
      lease: null,
      next_attempt_at: sql`now() + make_interval(secs => ${delaySeconds})`,
      ...(counted ? {} : { attempts: sql`attempts - 1` }),
    })
    .where(held(id, lease))
    .execute();
}

/** A hard bounce: the letter is marked, and the member's address no longer counts as working. */
export async function markBounced(db: Db, messageId: string, reason: string) {
  return (
    db
      .updateTable('mail_messages')
      .set({ status: 'bounced', last_error: reason })
      .where('message_id', '=', messageId)
      // A letter queued again meanwhile is not marked by a late report about its earlier try.
      .where('status', '=', 'sent')
      .returning(['id', 'member_id', 'to_address', 'org_path'])
      .executeTakeFirst()
  );
}

export async function markAddressNotDelivering(db: Db, memberId: string, address: string) {
  await db
    .updateTable('members')
    .set({ email_verified: false })
    .where('id', '=', memberId)
    .where(sql`lower(email)`, '=', address.toLowerCase())
    .execute();
}

/**
 * A member's consent to letters by e-mail turned off (one-click unsubscribe), and the withdrawal
 * in the consents ledger when it was on; undefined when there is no such member.
 */
export async function turnOffMemberLetters(db: Db, memberId: string) {
  const { rows } = await sql<{ id: string; org_path: string }>`
    with before as (select id, notify_email from members where id = ${memberId} for update),
    changed as (
      update members m set notify_email = false from before where m.id = before.id
      returning m.id, m.org_path, before.notify_email as was
    ),
    entry as (
      insert into member_consents (member_id, kind, granted, version, by)
      select id, 'notify_email', false, ${consentTexts.notify_email.version}, 'member'
      from changed where was
    )
    select id::text, org_path from changed`.execute(db);
  return rows[0];
}

/** A chairman's consent (on the passport) turned off; undefined when the org has no chairman. */
export async function turnOffChairmanLetters(db: Db, orgId: string) {
  return db
    .updateTable('orgs')
    .set({ chairman: sql`jsonb_set(chairman, '{notify,email}', 'false'::jsonb, true)` })
    .where('id', '=', orgId)
    .where('chairman', 'is not', null)
    .returning(['id', 'path'])
    .executeTakeFirst();
}

/**
 * Mailings whose recipients are all written and whose letters have all left the queue become
 * `sent`, at the time of their last letter.
 */
export async function closeSentMailings(db: Db) {
  await sql`
    update mailings m set status = 'sent',
      sent_at = coalesce((select max(sent_at) from mail_messages where mailing_id = m.id), now())
    where m.status = 'sending' and m.resume_after = '"done"'::jsonb
      and not exists (
        select 1 from mail_messages l
        where l.mailing_id = m.id and l.status in ('queued', 'sending')
      )`.execute(db);
}

/** The address a member or an org's chairman has now (null: none, or no such person). */
export async function currentAddressOf(
  db: Db,
  who: { kind: 'member' | 'chairman'; personId: string },
): Promise<{ email: string } | undefined> {
  const { rows } = await (who.kind === 'member'
    ? sql<{ email: string | null }>`select email from members where id = ${who.personId}::bigint`
    : sql<{ email: string | null }>`
        select nullif(chairman->>'email', '') as email from orgs where id = ${who.personId}::bigint`
  ).execute(db);
  const email = rows[0]?.email;
  return email ? { email } : undefined;
}

/** Letters waiting (queued) and out with a worker (sending): each an index range of its own
 * partial index, so a scrape costs no pass over the delivered millions. */
export async function countWaitingLetters(db: Db) {
  const { rows } = await sql<{ status: 'queued' | 'sending'; count: number }>`
    select 'queued' as status, count(*)::int as count from mail_messages
      where status = 'queued' and next_attempt_at > '-infinity'
    union all
    select 'sending', count(*)::int from mail_messages
      where status = 'sending' and locked_until > '-infinity'`.execute(db);
  return rows;
}

/** Deletes the text of up to `limit` delivered letters sent before `before` (a mailing's letters
 * have none: rendered from the mailing as sent). Returns how many. */
export async function purgeDeliveredBodies(db: Db, before: Date, now: Date, limit: number) {
  const result = await sql`
    update mail_messages set text_body = null, html_body = null, body_purged_at = ${now}
    where id in (
      select id from mail_messages
      where status = 'sent' and body_purged_at is null and mailing_id is null
        and sent_at < ${before}
      order by sent_at limit ${limit})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
