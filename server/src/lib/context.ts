import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Actor } from '../features/access/access.js';

/** What every service call gets: the database (or a transaction) and who is asking. */
export interface Ctx {
  db: Kysely<Database>;
  actor: Actor;
  ip: string | null;
}
