import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

// One-click unsubscribe (RFC 8058): a link per recipient, signed with a key the server keeps in
// its own database, so the link cannot be guessed or altered, and needs no table of tokens.
// `m123.<mac>` is member 123, `c45.<mac>` the chairman of org 45.

export type Subscriber = { kind: 'member' | 'chairman'; personId: string };

/** The signing key: made once (random, 32 bytes), then read. */
export async function unsubscribeKey(db: Kysely<Database>): Promise<Buffer> {
  const read = () =>
    db
      .selectFrom('app_secrets')
      .select('value')
      .where('name', '=', 'unsubscribe')
      .executeTakeFirst();
  let row = await read();
  if (!row) {
    await db
      .insertInto('app_secrets')
      .values({ name: 'unsubscribe', value: randomBytes(32).toString('hex') })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    row = await read();
  }
  return Buffer.from((row as { value: string }).value, 'hex');
}

const mac = (key: Buffer, s: Subscriber) =>
  createHmac('sha256', key).update(`${s.kind}:${s.personId}`).digest('base64url').slice(0, 32);

export const unsubscribeToken = (key: Buffer, s: Subscriber) =>
  `${s.kind === 'member' ? 'm' : 'c'}${s.personId}.${mac(key, s)}`;

/** The subscriber a token names, or null for any token the key did not sign. */
export function readUnsubscribeToken(key: Buffer, token: string): Subscriber | null {
  const match = /^([mc])([1-9][0-9]{0,18})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const subscriber: Subscriber = {
    kind: match[1] === 'm' ? 'member' : 'chairman',
    personId: match[2] as string,
  };
  const given = Buffer.from(match[3] as string);
  const expected = Buffer.from(mac(key, subscriber));
  return given.length === expected.length && timingSafeEqual(given, expected) ? subscriber : null;
}
