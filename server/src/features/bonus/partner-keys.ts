import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { BonusConfig } from '../../config.js';
import type { Database } from '../../db/schema.js';
import type { PartnerActor } from '../../lib/actor.js';
import { unauthenticated } from '../../lib/app-error.js';
import { tooManyRequests } from '../../lib/rate-limit.js';
import { takePartnerTokens } from './partners.queries.js';

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

export type PartnerGate = ReturnType<typeof partnerGate>;

/** How long a server may use tokens it has taken, and trust the key they came with. */
const LEASE_MS = 1000;
type Leases = Map<string, { partnerId: string; tokens: number; until: number }>;
/** The gates of this process, so a rotation or revocation made here drops their leases. */
const gates = new Set<Leases>();

/** After a key of the partner is revoked or rotated (committed): no lease of it stands here. */
export function forgetPartnerKeys(partnerId: string) {
  for (const leases of gates) {
    for (const [hash, lease] of leases) if (lease.partnerId === partnerId) leases.delete(hash);
  }
}

/**
 * Who calls a partner route: the partner whose live key it is, within its budget of
 * `partnerRequestsPerSecond` (up to `partnerBurst` at once), kept in PostgreSQL for every server
 * together; past it, 429 with Retry-After. A server takes a tenth of a second's tokens at a
 * time with the key (one statement) and spends them for up to a second: the budget across
 * servers never grows (a lease's unused tokens lapse), a card check costs no extra round trip
 * most of the time, and a revoked key stops at once on the server that revoked it and within
 * a second on the others.
 */
export function partnerGate(db: Kysely<Database>, config: BonusConfig) {
  const rate = config.partnerRequestsPerSecond;
  const capacity = Math.max(config.partnerBurst, rate);
  const want = Math.max(1, Math.min(100, Math.floor(rate / 10)));
  const leases: Leases = new Map();
  gates.add(leases);
  return {
    async authenticate(authorization: string | undefined, now: Date): Promise<PartnerActor> {
      const match = /^Bearer +(\S+)$/i.exec(authorization?.trim() ?? '');
      if (!match) throw unauthenticated(NO_KEY);
      const key = match[1] as string;
      // A string that cannot be a key costs no query.
      if (!KEY_PATTERN.test(key)) throw unauthenticated(BAD_KEY);
      const hash = hashPartnerKey(key);
      const nowMs = now.getTime();
      const lease = leases.get(hash);
      if (lease && lease.until > nowMs && lease.tokens >= 1) {
        lease.tokens -= 1;
        return { kind: 'partner', partnerId: lease.partnerId };
      }
      const row = await takePartnerTokens(db, hash, { now, rate, capacity, want });
      if (!row) {
        leases.delete(hash);
        throw unauthenticated(BAD_KEY);
      }
      if (row.taken < 1) {
        leases.delete(hash);
        // The next token, with this refused request's debt paid.
        throw tooManyRequests(Math.max(1, Math.ceil((1 - row.tokens) / rate)), 'запросов партнёра');
      }
      // Partners are few, each with one live key: the map stays small.
      if (leases.size > 1000) leases.clear();
      leases.set(hash, {
        partnerId: row.partner_id,
        tokens: row.taken - 1,
        until: nowMs + LEASE_MS,
      });
      return { kind: 'partner', partnerId: row.partner_id };
    },
    /** The server stops: its leases leave the registry. */
    close() {
      gates.delete(leases);
    },
  };
}
