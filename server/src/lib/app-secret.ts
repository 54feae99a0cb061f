import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

// Keys the server keeps in its own database (signing unsubscribe links, card QR tokens): made
// once, random, 32 bytes, the same for every server process and across restarts.

// A secret never changes once made, so each database handle reads it once (a partner's QR
// check then costs no extra query); a transaction's handle simply reads it again.
const known = new WeakMap<Kysely<Database>, Map<string, Buffer>>();

export async function appSecret(db: Kysely<Database>, name: string): Promise<Buffer> {
  const cached = known.get(db)?.get(name);
  if (cached) return cached;
  const secret = await readOrMakeSecret(db, name);
  known.set(db, (known.get(db) ?? new Map()).set(name, secret));
  return secret;
}

async function readOrMakeSecret(db: Kysely<Database>, name: string): Promise<Buffer> {
  const read = () =>
    db.selectFrom('app_secrets').select('value').where('name', '=', name).executeTakeFirst();
  let row = await read();
  if (!row) {
    await db
      .insertInto('app_secrets')
      .values({ name, value: randomBytes(32).toString('hex') })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    row = await read();
  }
  return Buffer.from((row as { value: string }).value, 'hex');
}
