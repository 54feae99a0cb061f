import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { appSecret } from '../../lib/app-secret.js';

// One-click unsubscribe (RFC 8058): a link per recipient, signed with a key the server keeps in
// its own database, so the link cannot be guessed or altered, and needs no table of tokens.
// `m123.<mac>` is member 123, `c45.<mac>` the chairman of org 45; the signature covers the
// address the letter went to, so a former chairman's old link does not unsubscribe the new one.

export type Subscriber = { kind: 'member' | 'chairman'; personId: string };

/** The signing key: made once (random, 32 bytes), then read. */
export const unsubscribeKey = (db: Kysely<Database>) => appSecret(db, 'unsubscribe');

const mac = (key: Buffer, s: Subscriber, email: string) =>
  createHmac('sha256', key)
    .update(`${s.kind}:${s.personId}:${email.toLowerCase()}`)
    .digest('base64url')
    .slice(0, 32);

export const unsubscribeToken = (key: Buffer, s: Subscriber, email: string) =>
  `${s.kind === 'member' ? 'm' : 'c'}${s.personId}.${mac(key, s, email)}`;

/** Whom a token names (not yet checked: see `tokenSigned`), or null for no token at all. */
export function parseUnsubscribeToken(token: string): (Subscriber & { signature: string }) | null {
  const match = /^([mc])([1-9][0-9]{0,18})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  return {
    kind: match[1] === 'm' ? 'member' : 'chairman',
    personId: match[2] as string,
    signature: match[3] as string,
  };
}

/** The token was signed for this subscriber at this address (constant time). */
export function tokenSigned(
  key: Buffer,
  parsed: Subscriber & { signature: string },
  email: string,
) {
  const given = Buffer.from(parsed.signature);
  const expected = Buffer.from(mac(key, parsed, email));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
