import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { defaultMailConfig } from '../config.js';
import type { DatabaseHandle } from '../db/database.js';
import { configureLetters } from '../features/mail/mail.service.js';
import { startMailDelivery } from '../features/mail/mail-delivery.js';
import {
  createMailing,
  getMailing,
  prepareMailing,
  sendMailing,
} from '../features/mail/mailings.service.js';
import type { StaffCtx } from '../lib/context.js';
import { subtreeUpperBound } from '../lib/tree-path.js';

// `npm run bench -- --only mail`: a mailing to every member of the union on the loaded dataset:
// the draft's count, writing the recipients and queueing their letters (the job), and delivery
// to a local SMTP sink for `seconds`, with the process's memory sampled while it runs. Each
// step beside the hand-written SQL doing the same, in the same run.

type Row = Record<string, unknown>;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await run();
  return [value, performance.now() - start];
}

/** An SMTP server that accepts and discards letters, counting them. */
async function startSink() {
  let received = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function benchMail(env: {
  database: DatabaseHandle;
  ctx: StaffCtx;
  seconds: number;
}): Promise<string[]> {
  const { database, ctx } = env;
  const { query } = database;
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  const root = ctx.actor.orgPath;
  const audience = { kind: 'members' as const, under: ctx.actor.orgId };
  configureLetters({ ...defaultMailConfig, from: 'Профреестр <noreply@bench.example>' });

  // 1. The draft: its audience counted (members, those without an e-mail, without consent).
  const [draft, draftMs] = await timed(() =>
    createMailing(ctx, {
      subject: 'Замер рассылки',
      body: 'Текст замера.\n\nВторой абзац.',
      audience,
    }),
  );
  const [, rawCountMs] = await timed(() =>
    query(
      `select count(*), count(*) filter (where email is null),
         count(*) filter (where email is not null and not notify_email)
       from members where org_path >= $1 and org_path < $2 and status = 'active'`,
      [root, subtreeUpperBound(root)],
    ),
  );
  const r = draft.recipients;
  say(
    `draft of a mailing to ${r.total} members (${r.withoutEmail} without e-mail, ${r.withoutConsent} without consent): ` +
      `${(draftMs / 1000).toFixed(2)} s; raw count ${(rawCountMs / 1000).toFixed(2)} s`,
  );

  // 2. Sending: the recipients written and their letters queued, a batch per transaction.
  await sendMailing(ctx, draft.id);
  const rssBefore = process.memoryUsage().rss;
  const [, prepareMs] = await timed(() => prepareMailing(database.db, draft.id));
  const prepared = await getMailing(ctx, draft.id);
  const [letters] = (await query(
    'select count(*)::int as n from mail_messages where mailing_id = $1',
    [draft.id],
  )) as Row[];
  say(
    `recipients written: ${prepared.prepared}, letters queued: ${letters?.n} in ${(prepareMs / 1000).toFixed(1)} s ` +
      `(${Math.round(prepared.prepared / (prepareMs / 1000))} recipients/s; RSS ${mb(rssBefore)} → ${mb(process.memoryUsage().rss)} MB)`,
  );
  // The hand-written equivalent: one INSERT … SELECT of every recipient, rolled back.
  class Rollback extends Error {}
  const [, rawPrepareMs] = await timed(() =>
    database.db
      .transaction()
      .execute(async (trx) => {
        await sql`
          insert into mailing_recipients
            (mailing_id, kind, person_id, org_id, org_path, name, email, skip_reason)
          select ${draft.id}, 'member', id, org_id, org_path, last_name || ' ' || first_name, email,
            case when email is null then 'no_email' when not notify_email then 'no_consent' end
          from members
          where org_path >= ${root} and org_path < ${subtreeUpperBound(root)} and status = 'active'
          on conflict do nothing`.execute(trx);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      }),
  );
  say(`raw: the same recipients in one INSERT … SELECT: ${(rawPrepareMs / 1000).toFixed(1)} s`);

  // 3. Delivery to a local SMTP sink for `seconds`, memory sampled every second.
  const sink = await startSink();
  const delivery = startMailDelivery(
    database.db,
    {
      ...defaultMailConfig,
      smtpUrl: `smtp://127.0.0.1:${sink.port}`,
      ratePerSecond: 5000,
      publicUrl: 'http://127.0.0.1:3000',
      from: 'Профреестр <noreply@bench.example>',
    },
    { error: (o, m) => console.error(m, o) },
    { pollMs: 200 },
  );
  const samples: number[] = [];
  const start = performance.now();
  const sampler = setInterval(() => samples.push(process.memoryUsage().rss), 1000);
  await new Promise((resolve) => setTimeout(resolve, env.seconds * 1000));
  clearInterval(sampler);
  const elapsed = (performance.now() - start) / 1000;
  const sent = sink.received();
  await delivery?.stop();
  await sink.close();
  const [marked] = (await query(
    `select count(*)::int as n from mail_messages where mailing_id = $1 and status = 'sent'`,
    [draft.id],
  )) as Row[];
  say(
    `delivery: ${sent} letters in ${elapsed.toFixed(1)} s = ${Math.round(sent / elapsed)} letters/s ` +
      `(${marked?.n} marked sent); RSS per second, MB: ${samples.map(mb).join(' ')}`,
  );
  return lines;
}
