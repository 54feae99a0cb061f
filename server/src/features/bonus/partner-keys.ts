import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { BonusConfig } from '../../config.js';
import type { Database } from '../../db/schema.js';
import type { PartnerActor } from '../../lib/actor.js';
import { AppError, unauthenticated } from '../../lib/app-error.js';
import { findLivePartnerKey } from './partners.queries.js';

// A partner's program calls its own routes (/api/v1/partner/…) with `Authorization: Bearer
// <key>`. A key is 32 random bytes behind a recognisable prefix, shown once; the database keeps
// its sha256 (a key is as strong as a password can never be, so no slow hash is needed) and the
// first characters, for support to tell keys apart.

export const PARTNER_API_PREFIX = '/api/v1/partner/';
const KEY_PREFIX = 'prf_live_';
const KEY_PATTERN = /^prf_live_[A-Za-z0-9_-]{43}$/;
/** The visible part: the prefix and six characters of the key's 256 random bits. */
const SHOWN_LENGTH = KEY_PREFIX.length + 6;

export const hashPartnerKey = (key: string) => createHash('sha256').update(key).digest('hex');

export function newPartnerKey() {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashPartnerKey(key), prefix: key.slice(0, SHOWN_LENGTH) };
}

const NO_KEY = 'Нужен ключ API партнёра: заголовок Authorization: Bearer <ключ>';
const BAD_KEY = 'Ключ API партнёра неверен или отозван';

/**
 * Each partner's request budget, a token bucket per partner in this process: `rate` a second,
 * up to `burst` at once. Per process, like the staff session's budget: limits shared by every
 * server (in PostgreSQL, as `rate_limits`) come with issue 21; a bucket costs no query, which a
 * card check at thousands a second needs.
 */
export function partnerThrottle(rate: number, burst: number) {
  const capacity = Math.max(burst, rate);
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(partnerId: string, nowMs: number) {
      const bucket = buckets.get(partnerId) ?? { tokens: capacity, at: nowMs };
      bucket.tokens = Math.min(capacity, bucket.tokens + ((nowMs - bucket.at) / 1000) * rate);
      bucket.at = nowMs;
      buckets.set(partnerId, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      const seconds = Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
      throw new AppError(
        'rate_limited',
        `Слишком много запросов партнёра. Повторите через ${seconds} с`,
        [],
        { headers: { 'retry-after': String(seconds) } },
      );
    },
  };
}

export type PartnerGate = ReturnType<typeof partnerGate>;

/**
 * How long a process trusts a key it has read. A card check then costs one query, not two
 * (measured in BENCHMARKS.md); a rotation or revocation is forgotten at once by the process
 * that made it (forgetPartnerKeys) and by the others within this time.
 */
const KEY_TRUST_MS = 2000;
/** The gates' caches of this process, so a revocation reaches every one of them. */
const keyCaches = new Set<Map<string, { partnerId: string; until: number }>>();

/** After a key of the partner is revoked or rotated (committed): no cached key of it stands. */
export function forgetPartnerKeys(partnerId: string) {
  for (const cache of keyCaches) {
    for (const [hash, entry] of cache) if (entry.partnerId === partnerId) cache.delete(hash);
  }
}

/** Who calls a partner route: the partner whose live key it is, within its budget; else 401. */
export function partnerGate(db: Kysely<Database>, config: BonusConfig) {
  const throttle = partnerThrottle(config.partnerRequestsPerSecond, config.partnerBurst);
  const trusted = new Map<string, { partnerId: string; until: number }>();
  keyCaches.add(trusted);
  return {
    async authenticate(authorization: string | undefined, now: Date): Promise<PartnerActor> {
      const match = /^Bearer +(\S+)$/i.exec(authorization?.trim() ?? '');
      if (!match) throw unauthenticated(NO_KEY);
      const key = match[1] as string;
      // A string that cannot be a key costs no query.
      if (!KEY_PATTERN.test(key)) throw unauthenticated(BAD_KEY);
      const hash = hashPartnerKey(key);
      const nowMs = now.getTime();
      const known = trusted.get(hash);
      let partnerId = known && known.until > nowMs ? known.partnerId : undefined;
      if (!partnerId) {
        const row = await findLivePartnerKey(db, hash);
        if (!row) throw unauthenticated(BAD_KEY);
        partnerId = row.partner_id;
        // Partners are few, each with one live key: the map stays small; stale ones go here.
        if (trusted.size > 1000) trusted.clear();
        trusted.set(hash, { partnerId, until: nowMs + KEY_TRUST_MS });
      }
      throttle.take(partnerId, nowMs);
      return { kind: 'partner', partnerId };
    },
    /** The server stops: its cache leaves the registry. */
    close() {
      keyCaches.delete(trusted);
    },
  };
}
