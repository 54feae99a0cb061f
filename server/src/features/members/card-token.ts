import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { appSecret } from '../../lib/app-secret.js';

// The virtual card's QR: `PRF1.<card number>.<expires, unix seconds>.<signature>` — the number
// and nothing personal, signed with the server's own key, so a partner's scanner can have it
// checked (GET /partner/cards/:cardNumber) and a copied picture stops working when it expires.

const PREFIX = 'PRF1';
export const CARD_TOKEN_DAYS = 30;

export const cardTokenKey = (db: Kysely<Database>) => appSecret(db, 'card-qr');

const mac = (key: Buffer, body: string) =>
  createHmac('sha256', key).update(body).digest('base64url').slice(0, 32);

export function signCardToken(key: Buffer, cardNumber: string, expiresAt: Date): string {
  const body = `${PREFIX}.${cardNumber}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${body}.${mac(key, body)}`;
}

/** The card number a token vouches for, or null (forged, altered, expired, malformed). */
export function verifyCardToken(key: Buffer, token: string, now: Date): string | null {
  const match = /^PRF1\.(\d{16})\.(\d{1,12})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const [, cardNumber, expires, signature] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(mac(key, `${PREFIX}.${cardNumber}.${expires}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (Number(expires) * 1000 <= now.getTime()) return null;
  return cardNumber;
}
