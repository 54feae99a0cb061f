import type { MailingAudience } from '@profreestr/contracts';
import { type Kysely, sql } from 'kysely';
import { chairmanAudienceSql, memberAudienceSql } from '../../db/audience.js';
import type { Database } from '../../db/schema.js';
import { subtreeUpperBound } from '../../lib/tree-path.js';
import { storedStatuses } from './mail.queries.js';

type Db = Kysely<Database>;

export interface AudienceCount {
  total: number;
  without_email: number;
  without_consent: number;
}

/** Who the audience holds, counted: one range of the subtree (members or orgs). */
export async function countAudience(
  db: Db,
  audience: MailingAudience,
  path: string,
): Promise<AudienceCount> {
  if (audience.kind === 'members') {
    const { rows } = await sql<AudienceCount>`
      select count(*)::int as total,
        count(*) filter (where m.email is null)::int as without_email,
        count(*) filter (where m.email is not null and not m.notify_email)::int as without_consent
      from members m
      where ${memberAudienceSql(audience, path)}`.execute(db);
    return rows[0] as AudienceCount;
  }
  const { rows } = await sql<AudienceCount>`
    select count(*)::int as total,
      count(*) filter (where nullif(o.chairman->>'email', '') is null)::int as without_email,
      count(*) filter (where nullif(o.chairman->>'email', '') is not null
        and coalesce((o.chairman->'notify'->>'email')::boolean, false) = false)::int as without_consent
    from orgs o
    where ${chairmanAudienceSql(audience, path)}`.execute(db);
  return rows[0] as AudienceCount;
}

export interface PrepareBatch {
  mailingId: string;
  audience: MailingAudience;
  path: string;
  subject: string;
  domain: string;
  /** The keyset position after the last batch (null: from the start). */
  after: (string | number)[] | null;
  limit: number;
}

/**
 * One batch of a mailing's recipients and their letters, in the caller's transaction: the next
 * people of the audience in keyset order, one recipient row each (skipped ones say why), one
 * queued letter for each who can receive it. Returns how many and where the batch ended.
 */
export async function prepareBatch(db: Db, b: PrepareBatch) {
  if (b.audience.kind === 'members') {
    const [p, k, i] = (b.after ?? ['', '', '0']) as [string, string, string];
    // The batch's keys first (an index range of members_path_idx), then one insert of both.
    const { rows: keys } = await sql<{ id: string; org_path: string; name_key: string }>`
      select m.id::text, m.org_path, m.name_key from members m
      where ${memberAudienceSql(b.audience, b.path)}
        and (m.org_path, m.name_key, m.id) > (${p}, ${k}, ${i}::bigint)
      order by m.org_path, m.name_key, m.id
      limit ${b.limit}`.execute(db);
    if (keys.length === 0) return { count: 0, last: null };
    await sql`
      with r as (
        insert into mailing_recipients
          (mailing_id, kind, person_id, org_id, org_path, name, email, skip_reason)
        select ${b.mailingId}, 'member', m.id, m.org_id, m.org_path,
          concat_ws(' ', m.last_name, m.first_name, m.middle_name), m.email,
          case when m.email is null then 'no_email' when not m.notify_email then 'no_consent' end
        from members m where m.id = any(${keys.map((r) => r.id)}::bigint[])
        on conflict do nothing
        returning id, person_id, org_path, name, email, skip_reason
      )
      insert into mail_messages (kind, to_address, to_name, subject, message_id, org_path,
        member_id, bulk, mailing_id, recipient_id)
      select 'mailing', r.email, r.name, ${b.subject},
        '<' || gen_random_uuid() || '@' || ${b.domain} || '>', r.org_path, r.person_id, true,
        ${b.mailingId}, r.id
      from r where r.skip_reason is null`.execute(db);
    const last = keys.at(-1) as { id: string; org_path: string; name_key: string };
    return { count: keys.length, last: [last.org_path, last.name_key, last.id] };
  }
  const afterPath = (b.after?.[0] as string | undefined) ?? '';
  const { rows: keys } = await sql<{ id: string; path: string }>`
    select o.id::text, o.path from orgs o
    where ${chairmanAudienceSql(b.audience, b.path)} and o.path > ${afterPath}
    order by o.path
    limit ${b.limit}`.execute(db);
  if (keys.length === 0) return { count: 0, last: null };
  await sql`
    with r as (
      insert into mailing_recipients
        (mailing_id, kind, person_id, org_id, org_path, name, email, skip_reason)
      select ${b.mailingId}, 'chairman', o.id, o.id, o.path,
        concat_ws(' ', o.chairman->>'lastName', o.chairman->>'firstName',
          nullif(o.chairman->>'middleName', '')),
        nullif(o.chairman->>'email', ''),
        case when nullif(o.chairman->>'email', '') is null then 'no_email'
          when coalesce((o.chairman->'notify'->>'email')::boolean, false) = false then 'no_consent'
        end
      from orgs o where o.id = any(${keys.map((r) => r.id)}::bigint[])
      on conflict do nothing
      returning id, person_id, org_path, name, email, skip_reason
    )
    insert into mail_messages (kind, to_address, to_name, subject, message_id, org_path,
      bulk, mailing_id, recipient_id)
    select 'mailing', r.email, r.name, ${b.subject},
      '<' || gen_random_uuid() || '@' || ${b.domain} || '>', r.org_path, true, ${b.mailingId}, r.id
    from r where r.skip_reason is null`.execute(db);
  return { count: keys.length, last: [(keys.at(-1) as { path: string }).path] };
}

export function insertMailing(
  db: Db,
  m: {
    subject: string;
    body: string;
    audience: MailingAudience;
    orgId: string;
    orgPath: string;
    count: AudienceCount;
    userId: string;
  },
) {
  return db
    .insertInto('mailings')
    .values({
      subject: m.subject,
      body: m.body,
      audience: JSON.stringify(m.audience),
      org_id: m.orgId,
      org_path: m.orgPath,
      total: m.count.total,
      without_email: m.count.without_email,
      without_consent: m.count.without_consent,
      created_by: m.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type MailingRow = NonNullable<Awaited<ReturnType<typeof findMailing>>>;

export function findMailing(db: Db, id: string) {
  return db.selectFrom('mailings').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findMailingForUpdate(db: Db, id: string) {
  return db.selectFrom('mailings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateMailing(
  db: Db,
  id: string,
  values: Partial<{
    status: 'draft' | 'sending' | 'sent';
    total: number;
    without_email: number;
    without_consent: number;
    prepared: number;
    resume_after: string | null;
    sent_at: Date | null;
  }>,
) {
  await db.updateTable('mailings').set(values).where('id', '=', id).execute();
}

/** Letters of a mailing by status, and the recipients skipped. */
export async function deliveryCounts(db: Db, mailingId: string) {
  const [letters, skipped] = await Promise.all([
    db
      .selectFrom('mail_messages')
      .select(['status', sql<number>`count(*)::int`.as('n')])
      .where('mailing_id', '=', mailingId)
      .groupBy('status')
      .execute(),
    db
      .selectFrom('mailing_recipients')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('mailing_id', '=', mailingId)
      .where('skip_reason', 'is not', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { letters, skipped: skipped.n };
}

/** Mailings of a subtree, newest first. */
export function findMailings(db: Db, path: string, beforeId: string | undefined, limit: number) {
  return db
    .selectFrom('mailings')
    .selectAll()
    .where('org_path', '>=', path)
    .where('org_path', '<', subtreeUpperBound(path))
    .$if(!!beforeId, (q) => q.where('id', '<', beforeId as string))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export type RecipientStatus = 'queued' | 'sent' | 'failed' | 'bounced' | 'skipped';

/** A page of a mailing's recipients with their letters' state (keyset on the recipient id). */
export function findRecipients(
  db: Db,
  mailingId: string,
  status: RecipientStatus | undefined,
  afterId: string | undefined,
  limit: number,
) {
  return db
    .selectFrom('mailing_recipients as r')
    .leftJoin('mail_messages as l', 'l.recipient_id', 'r.id')
    .select([
      'r.id',
      'r.kind',
      'r.person_id',
      'r.org_id',
      'r.name',
      'r.email',
      'r.skip_reason',
      'l.status',
      'l.last_error',
    ])
    .where('r.mailing_id', '=', mailingId)
    .$if(status === 'skipped', (q) => q.where('r.skip_reason', 'is not', null))
    .$if(!!status && status !== 'skipped', (q) =>
      q.where('l.status', 'in', storedStatuses(status as Exclude<RecipientStatus, 'skipped'>)),
    )
    .$if(!!afterId, (q) => q.where('r.id', '>', afterId as string))
    .orderBy('r.id')
    .limit(limit)
    .execute();
}
