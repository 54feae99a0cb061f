import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

// Keys the server keeps in its own database (signing unsubscribe links, card QR tokens): made
// once, random, 32 bytes, the same for every server process and across restarts.

export async function appSecret(db: Kysely<Database>, name: string): Promise<Buffer> {
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
