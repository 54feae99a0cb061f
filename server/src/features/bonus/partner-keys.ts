import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { BonusConfig } from '../../config.js';
import type { Database } from '../../db/schema.js';
import type { PartnerActor } from '../../lib/actor.js';
import { AppError, unauthenticated } from '../../lib/app-error.js';
import { spendPartnerToken } from './partners.queries.js';

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

/**
 * Who calls a partner route: the partner whose live key it is (a revoked key answers 401 at
 * once on every server), within its budget of `partnerRequestsPerSecond` and `partnerBurst`
 * at once, kept in PostgreSQL for every server together; past it, 429 with Retry-After. The
 * key and the budget cost one statement.
 */
export function partnerGate(db: Kysely<Database>, config: BonusConfig) {
  const rate = config.partnerRequestsPerSecond;
  const capacity = Math.max(config.partnerBurst, rate);
  return {
    async authenticate(authorization: string | undefined, now: Date): Promise<PartnerActor> {
      const match = /^Bearer +(\S+)$/i.exec(authorization?.trim() ?? '');
      if (!match) throw unauthenticated(NO_KEY);
      const key = match[1] as string;
      // A string that cannot be a key costs no query.
      if (!KEY_PATTERN.test(key)) throw unauthenticated(BAD_KEY);
      const row = await spendPartnerToken(db, hashPartnerKey(key), { now, rate, capacity });
      if (!row) throw unauthenticated(BAD_KEY);
      if (row.tokens < 0) {
        // The next token, with this refused request's debt paid.
        const seconds = Math.max(1, Math.ceil((1 - row.tokens) / rate));
        throw new AppError(
          'rate_limited',
          `Слишком много запросов партнёра. Повторите через ${seconds} с`,
          [],
          { headers: { 'retry-after': String(seconds) } },
        );
      }
      return { kind: 'partner', partnerId: row.partner_id };
    },
  };
}
