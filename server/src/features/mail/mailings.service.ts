import type {
  Mailing,
  MailingAudience,
  MailingCreate,
  MailingListItem,
  MailingRecipient,
  MailingRecipientStatus,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { conflict } from '../../lib/app-error.js';
import { inTransaction, type StaffCtx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { authorize, authorizeList } from '../access/access.js';
import { getOrgPlacement } from '../access/placement.js';
import { recordAudit } from '../audit/audit.service.js';
import { closeSentMailings, shownStatus } from './mail.queries.js';
import { letterDomain } from './mail.service.js';
import { mailingPrepareJob } from './mailing.job.js';
import {
  countAudience,
  deliveryCounts,
  findMailing,
  findMailingForUpdate,
  findMailings,
  findRecipients,
  insertMailing,
  type MailingRow,
  prepareBatch,
  updateMailing,
} from './mailings.queries.js';

// Mailings: a draft counts its audience (who has no e-mail, who did not agree to letters);
// sending writes one recipient row per person and queues one letter per recipient who can
// receive it, in a job, a batch per transaction; the counts then follow each letter.

const MAILING_NOT_FOUND = 'Рассылка не найдена';
const BATCH = 2000;

/** The org the audience is under: visible to the caller (else 404), the role allowing `action`. */
async function audienceOrg(ctx: StaffCtx, audience: MailingAudience, action: 'mailing:create') {
  const org = await getOrgPlacement(ctx.db, audience.under);
  authorize(ctx.actor, action, org, 'Организация не найдена');
  return org;
}

/** A mailing the caller may read (404 outside their subtree, as for one that does not exist). */
async function visibleMailing(ctx: StaffCtx, id: string) {
  const row = await findMailing(ctx.db, id);
  authorize(ctx.actor, 'mailing:read', row && { path: row.org_path }, MAILING_NOT_FOUND);
  return row as MailingRow;
}

const emptyCounts = () => ({ total: 0, queued: 0, sent: 0, failed: 0, bounced: 0, skipped: 0 });

async function toMailing(db: Kysely<Database>, row: MailingRow): Promise<Mailing> {
  const counts = emptyCounts();
  if (row.status !== 'draft') {
    const { letters, skipped } = await deliveryCounts(db, row.id);
    for (const { status, n } of letters) {
      counts[shownStatus(status)] += n;
    }
    counts.skipped = skipped;
    counts.total = letters.reduce((sum, l) => sum + l.n, 0) + skipped;
  }
  return mailingOf(row, counts);
}

function mailingOf(row: MailingRow, counts: Mailing['counts']): Mailing {
  return {
    id: row.id,
    subject: row.subject,
    body: row.body,
    audience: row.audience as MailingAudience,
    status: row.status,
    recipients: {
      total: row.total,
      withoutEmail: row.without_email,
      withoutConsent: row.without_consent,
    },
    counts,
    prepared: row.prepared,
    createdAt: new Date(row.created_at).toISOString(),
    sentAt: row.sent_at ? new Date(row.sent_at).toISOString() : null,
  };
}

export async function createMailing(ctx: StaffCtx, input: MailingCreate): Promise<Mailing> {
  const org = await audienceOrg(ctx, input.audience, 'mailing:create');
  const count = await countAudience(ctx.db, input.audience, org.path);
  return inTransaction(ctx, async (tx) => {
    const row = await insertMailing(tx.db, {
      ...input,
      orgId: org.id,
      orgPath: org.path,
      count,
      userId: tx.actor.userId,
    });
    await recordAudit(tx, {
      action: 'mailing.create',
      target: { type: 'mailing', id: row.id, orgPath: org.path },
      details: { recipients: count.total },
    });
    return toMailing(tx.db, row);
  });
}

/** A draft is counted again (the audience changes); a sent one shows its delivery. */
export async function getMailing(ctx: StaffCtx, id: string): Promise<Mailing> {
  let row = await visibleMailing(ctx, id);
  if (row.status === 'draft') {
    const count = await countAudience(ctx.db, row.audience as MailingAudience, row.org_path);
    row = { ...row, ...count };
  }
  return toMailing(ctx.db, row);
}

export async function listMailings(ctx: StaffCtx, page: { limit: number; cursor?: string }) {
  authorizeList(ctx.actor, 'mailing:read');
  const after = decodeCursor(page.cursor, ['id'])?.[0];
  const rows = await findMailings(ctx.db, ctx.actor.orgPath, after, page.limit + 1);
  return toPage(
    rows,
    page.limit,
    (row): MailingListItem => {
      const { body: _body, counts: _counts, ...item } = mailingOf(row, emptyCounts());
      return item;
    },
    (row) => [row.id],
  );
}

/** Sending begins: the audience is counted as it is now and the job that writes it is queued. */
export async function sendMailing(ctx: StaffCtx, id: string): Promise<Mailing> {
  return inTransaction(ctx, async (tx) => {
    // Read once, locked: of two sends of one draft, the second waits and finds it sent.
    const locked = await findMailingForUpdate(tx.db, id);
    authorize(tx.actor, 'mailing:create', locked && { path: locked.org_path }, MAILING_NOT_FOUND);
    const row = locked as MailingRow;
    if (row.status !== 'draft') throw conflict('Рассылка уже отправлена');
    // The audience's org may be out of reach by now (a user moved): checked again.
    const org = await audienceOrg(tx, row.audience as MailingAudience, 'mailing:create');
    const count = await countAudience(tx.db, row.audience as MailingAudience, org.path);
    await updateMailing(tx.db, id, {
      status: 'sending',
      ...count,
      prepared: 0,
      resume_after: null,
    });
    await tx.jobs.send(mailingPrepareJob, { mailingId: id });
    await recordAudit(tx, {
      action: 'mailing.send',
      target: { type: 'mailing', id, orgPath: row.org_path },
      details: { recipients: count.total },
    });
    return toMailing(tx.db, { ...row, ...count, status: 'sending', prepared: 0 });
  });
}

/** The job: recipients and letters a batch at a time, resuming from the last batch's end. */
export async function prepareMailing(db: Kysely<Database>, mailingId: string) {
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const row = await findMailingForUpdate(trx, mailingId);
      if (row?.status !== 'sending' || row.resume_after === 'done') return true;
      const batch = await prepareBatch(trx, {
        mailingId,
        audience: row.audience as MailingAudience,
        path: row.org_path,
        subject: row.subject,
        domain: letterDomain(),
        after: (row.resume_after as (string | number)[] | null) ?? null,
        limit: BATCH,
      });
      await updateMailing(trx, mailingId, {
        prepared: row.prepared + batch.count,
        resume_after: JSON.stringify(batch.count < BATCH ? 'done' : batch.last),
      });
      return batch.count < BATCH;
    });
    if (done) {
      // A mailing whose recipients can receive nothing is sent as soon as it is written.
      await closeSentMailings(db);
      return;
    }
  }
}

export async function listRecipients(
  ctx: StaffCtx,
  id: string,
  query: {
    status?: MailingRecipientStatus | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const mailing = await visibleMailing(ctx, id);
  const after = decodeCursor(query.cursor, ['id'])?.[0];
  const rows = await findRecipients(ctx.db, id, query.status, after, query.limit + 1);
  // Addresses are personal data: reading them is on record.
  await recordAudit(ctx, {
    action: 'mailing.recipients',
    target: { type: 'mailing', id, orgPath: mailing.org_path },
  });
  return toPage(
    rows,
    query.limit,
    (r): MailingRecipient => ({
      kind: r.kind,
      id: r.person_id,
      orgId: r.org_id,
      name: r.name,
      email: r.email,
      status: r.skip_reason ? 'skipped' : shownStatus(r.status ?? 'queued'),
      reason: r.skip_reason ?? r.last_error ?? null,
    }),
    (r) => [r.id],
  );
}
