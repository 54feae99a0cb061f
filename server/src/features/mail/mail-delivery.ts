import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { MailConfig } from '../../config.js';
import type { Database } from '../../db/schema.js';
import {
  claimLetters,
  closeSentMailings,
  countWaitingLetters,
  markFailed,
  markRetry,
  markSent,
  releaseLostLeases,
} from './mail.queries.js';
import { type Rendered, renderMailingLetters } from './mailing-render.js';

// The delivery worker: takes due letters from the outbox a batch at a time (leased under a
// token of its own, so several processes share the queue and a killed one loses nothing),
// hands them to SMTP through a pooled nodemailer transport at no more than
// MAIL_RATE_PER_SECOND, and marks each as soon as the server answers: sent; refused for its
// recipient — 5xx failed at once, 4xx retried with doubling delays up to MAIL_MAX_ATTEMPTS; a
// fault of the server itself (connection, sign-in, the sender refused) fails no letter: the
// batch goes back to the queue uncounted and the worker waits, longer each time.

type Log = { error(object: unknown, message: string): void };

/** The outbox's depth for monitoring: letters queued and letters out with a worker. */
export const waitingLetters = countWaitingLetters;

export type Claimed = Awaited<ReturnType<typeof claimLetters>>[number];

export type Failure =
  /** The recipient will never take it (5xx to RCPT TO or DATA, an impossible address). */
  | { kind: 'permanent'; reason: string }
  /** The recipient's server asks to try later (4xx to RCPT TO or DATA). */
  | { kind: 'temporary'; reason: string }
  /** Not about this letter: no connection, a wrong password, the sender refused. */
  | { kind: 'server'; reason: string };

/** What an SMTP failure means for the letter. */
export function classifyFailure(error: unknown): Failure {
  const e = error as {
    responseCode?: number;
    code?: string;
    command?: string;
    response?: string;
    message?: string;
  };
  const reason = (e.response ?? e.message ?? String(error)).slice(0, 500);
  const aboutRecipient = /^(RCPT|DATA)/.test(e.command ?? '');
  if (typeof e.responseCode === 'number' && aboutRecipient) {
    return { kind: e.responseCode >= 500 ? 'permanent' : 'temporary', reason };
  }
  // An address nodemailer refuses before any server sees it will never work.
  if (e.code === 'EENVELOPE' && e.responseCode === undefined) return { kind: 'permanent', reason };
  return { kind: 'server', reason };
}

/** The delay before attempt `attempts + 1`: the base, doubled each time, at most an hour. */
export const retryDelaySeconds = (attempts: number, baseSeconds: number) =>
  Math.min(3600, baseSeconds * 2 ** Math.max(0, attempts - 1));

/** Spaces the letters' starts so no more than `perSecond` leave in any second. */
function rateLimiter(perSecond: number) {
  const gap = 1000 / perSecond;
  let next = 0;
  return async () => {
    const now = performance.now();
    const at = Math.max(now, next);
    next = at + gap;
    if (at > now) await sleep(at - now);
  };
}

export interface MailDelivery {
  /** Stops taking letters; those in flight finish and are marked. */
  stop(): Promise<void>;
}

const REVOKED = 'Получатель отказался от писем или сменил адрес';
const UNRENDERED = 'Рассылка письма не найдена';

export function startMailDelivery(
  db: Kysely<Database>,
  config: MailConfig,
  log: Log,
  options: { pollMs?: number } = {},
): MailDelivery | null {
  // Without SMTP the letters wait in the outbox, visibly queued, and leave once it is set.
  if (!config.smtpUrl) return null;
  const connections = 5;
  // Every wait well inside the lease: a letter is never still being sent when it is re-leased.
  const timeoutMs = Math.max(1000, Math.min(60_000, (config.leaseSeconds * 1000) / 3));
  const transport = nodemailer.createTransport({
    ...transportOptions(config.smtpUrl),
    pool: true,
    maxConnections: connections,
    maxMessages: 1000,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const take = rateLimiter(config.ratePerSecond);
  const batchSize = Math.max(10, Math.min(500, Math.ceil(config.ratePerSecond)));
  const pollMs = options.pollMs ?? 1000;
  let serverFaults = 0;

  const send = async (
    letter: Claimed,
    rendered: Exclude<Rendered, { revoked: true }> | undefined,
  ) => {
    await take();
    await transport.sendMail({
      from: config.from,
      to: letter.to_name ? { name: letter.to_name, address: letter.to_address } : letter.to_address,
      subject: rendered?.subject ?? letter.subject,
      text: rendered?.text ?? letter.text_body ?? '',
      html: rendered?.html ?? letter.html_body ?? '',
      messageId: letter.message_id,
      headers: rendered?.headers ?? {},
    });
  };

  /** One batch: claimed, sent `connections` at a time, each marked at once. */
  const runBatch = async () => {
    const lease = randomUUID();
    const batch = await claimLetters(db, batchSize, config.leaseSeconds, lease);
    if (batch.length === 0) return 0;
    const rendered = await renderMailingLetters(db, config.publicUrl, batch);
    let serverDown: string | null = null;
    let cursor = 0;
    const lane = async () => {
      while (cursor < batch.length) {
        const letter = batch[cursor++] as Claimed;
        // The server failed a moment ago: the rest of the batch waits, its attempts uncounted.
        if (serverDown) {
          await markRetry(db, letter.id, lease, serverDown, pauseSeconds(), false);
          continue;
        }
        const text = rendered.get(letter.id);
        if (letter.mailing_id && !text) {
          await markFailed(db, letter.id, lease, UNRENDERED);
          continue;
        }
        if (text && 'revoked' in text) {
          await markFailed(db, letter.id, lease, REVOKED);
          continue;
        }
        try {
          await send(letter, text);
          serverFaults = 0;
          await markSent(db, letter.id, lease);
        } catch (error) {
          const failure = classifyFailure(error);
          if (failure.kind === 'server') {
            serverFaults++;
            serverDown = failure.reason;
            await markRetry(db, letter.id, lease, failure.reason, pauseSeconds(), false);
          } else if (failure.kind === 'permanent' || letter.attempts >= config.maxAttempts) {
            await markFailed(db, letter.id, lease, failure.reason);
          } else {
            const delay = retryDelaySeconds(letter.attempts, config.retryBaseSeconds);
            await markRetry(db, letter.id, lease, failure.reason, delay);
          }
        }
      }
    };
    // A lane that fails (the database) leaves its letters leased: they go again after the lease.
    const lanes = await Promise.allSettled(
      Array.from({ length: Math.min(connections, batch.length) }, lane),
    );
    for (const result of lanes) {
      if (result.status === 'rejected') log.error({ err: result.reason }, 'mail delivery failed');
    }
    if (serverDown) {
      log.error({ reason: serverDown }, 'SMTP server unavailable: letters wait');
      await sleep(pauseSeconds() * 1000);
    }
    return batch.length;
  };

  /** How long the queue waits for a failing server: doubling from 5 s, at most 5 minutes. */
  const pauseSeconds = () =>
    Math.min(300, Math.max(config.retryBaseSeconds, 5 * 2 ** Math.max(0, serverFaults - 1)));

  let running = true;
  let lastRelease = 0;
  const loop = (async () => {
    while (running) {
      try {
        // Lost leases are looked for every few seconds (one index range over `sending`).
        if (Date.now() - lastRelease > Math.min(5000, (config.leaseSeconds * 1000) / 2)) {
          lastRelease = Date.now();
          await releaseLostLeases(db, config.maxAttempts);
        }
        if ((await runBatch()) === 0) {
          await closeSentMailings(db);
          await sleep(pollMs);
        }
      } catch (error) {
        log.error({ err: error }, 'mail delivery failed');
        await sleep(pollMs);
      }
    }
  })();

  return {
    stop: async () => {
      running = false;
      await loop;
      transport.close();
    },
  };
}

/** `smtp://user:pass@host:port` into nodemailer's options (a password is never logged). */
function transportOptions(url: string) {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname,
    port: Number(u.port || (secure ? 465 : 587)),
    secure,
    ...(u.username
      ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } }
      : {}),
    // A local relay without a certificate for its name (tests, a relay on the same host).
    ...(u.searchParams.get('tls') === 'insecure' ? { tls: { rejectUnauthorized: false } } : {}),
    ignoreTLS: u.searchParams.get('starttls') === 'off',
  };
}
