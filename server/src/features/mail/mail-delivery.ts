import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { MailConfig } from '../../config.js';
import type { Database } from '../../db/schema.js';
import {
  claimLetters,
  markFailed,
  markRetry,
  markSent,
  releaseLostLeases,
} from './mail.queries.js';
import { type Rendered, renderMailingLetters } from './mailing-render.js';

// The delivery worker: takes due letters from the outbox a batch at a time (leased, so several
// processes share the queue and a killed one loses nothing), hands them to SMTP through a
// pooled nodemailer transport at no more than MAIL_RATE_PER_SECOND, and marks each: sent;
// a temporary failure (4xx, a refused or dropped connection) retried with doubling delays up
// to MAIL_MAX_ATTEMPTS, then failed with the reason; a permanent one (5xx) failed at once.

type Log = {
  error(object: unknown, message: string): void;
  info?(object: unknown, message: string): void;
};

export type Claimed = Awaited<ReturnType<typeof claimLetters>>[number];

/** What an SMTP failure means for the letter. */
export function classifyFailure(error: unknown): { permanent: boolean; reason: string } {
  const e = error as { responseCode?: number; code?: string; response?: string; message?: string };
  const reason = (e.response ?? e.message ?? String(error)).slice(0, 500);
  if (typeof e.responseCode === 'number') {
    return { permanent: e.responseCode >= 500, reason };
  }
  // An address the server or nodemailer refuses outright will never work; anything about the
  // connection (refused, dropped, timed out, DNS) is the network's and passes.
  return { permanent: e.code === 'EENVELOPE' || e.code === 'EMESSAGE', reason };
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
  /** Sends what is due now and returns (tests and the benchmark drive it this way too). */
  drain(): Promise<number>;
}

export function startMailDelivery(
  db: Kysely<Database>,
  config: MailConfig,
  log: Log,
  options: { pollMs?: number; run?: boolean } = {},
): MailDelivery | null {
  // Without SMTP the letters wait in the outbox, visibly queued, and leave once it is set.
  if (!config.smtpUrl) return null;
  const connections = 5;
  const transport = nodemailer.createTransport({
    ...transportOptions(config.smtpUrl),
    pool: true,
    maxConnections: connections,
    maxMessages: 1000,
  });
  const take = rateLimiter(config.ratePerSecond);
  const batchSize = Math.max(10, Math.min(500, Math.ceil(config.ratePerSecond)));

  const deliver = async (letter: Claimed, rendered: Rendered | undefined) => {
    await take();
    try {
      await transport.sendMail({
        from: config.from,
        to: letter.to_name
          ? { name: letter.to_name, address: letter.to_address }
          : letter.to_address,
        subject: rendered?.subject ?? letter.subject,
        text: rendered?.text ?? letter.text_body ?? '',
        html: rendered?.html ?? letter.html_body ?? '',
        messageId: letter.message_id,
        headers: rendered?.headers ?? {},
      });
      return null;
    } catch (error) {
      return error;
    }
  };

  /** One batch: claimed, sent `connections` at a time, marked. */
  const runBatch = async () => {
    const batch = await claimLetters(db, batchSize, config.leaseSeconds);
    const rendered = await renderMailingLetters(db, config.publicUrl, batch);
    const sent: string[] = [];
    let cursor = 0;
    const lane = async () => {
      while (cursor < batch.length) {
        const letter = batch[cursor++] as Claimed;
        const error = await deliver(letter, rendered.get(letter.id));
        if (!error) {
          sent.push(letter.id);
          continue;
        }
        const { permanent, reason } = classifyFailure(error);
        if (permanent || letter.attempts >= config.maxAttempts) {
          await markFailed(db, letter.id, reason);
        } else {
          await markRetry(
            db,
            letter.id,
            reason,
            retryDelaySeconds(letter.attempts, config.retryBaseSeconds),
          );
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(connections, batch.length) }, lane));
    await markSent(db, sent);
    return batch.length;
  };

  const drain = async () => {
    let total = 0;
    for (;;) {
      const n = await runBatch();
      total += n;
      if (n === 0) return total;
    }
  };

  let running = options.run ?? true;
  let lastRelease = 0;
  const loop = (async () => {
    while (running) {
      try {
        // Lost leases are looked for every few seconds (one index range over `sending`).
        if (Date.now() - lastRelease > Math.min(5000, (config.leaseSeconds * 1000) / 2)) {
          lastRelease = Date.now();
          await releaseLostLeases(db);
        }
        if ((await runBatch()) === 0) await sleep(options.pollMs ?? 1000);
      } catch (error) {
        log.error({ err: error }, 'mail delivery failed');
        await sleep(options.pollMs ?? 1000);
      }
    }
  })();

  return {
    drain,
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
