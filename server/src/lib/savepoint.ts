import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Runs `attempt` behind a savepoint. When it fails (a unique index refusing a racing insert,
 * say), the transaction is rolled back to the savepoint, so `recover` can still query in it:
 * to say what clashed (it throws), or to carry on with another result.
 */
export async function withSavepoint<T>(
  trx: Kysely<Database>,
  attempt: () => Promise<T>,
  recover: (error: unknown) => Promise<T> = (error) => Promise.reject(error),
): Promise<T> {
  await sql`savepoint attempt`.execute(trx);
  try {
    const result = await attempt();
    await sql`release savepoint attempt`.execute(trx);
    return result;
  } catch (error) {
    await sql`rollback to savepoint attempt`.execute(trx);
    return recover(error);
  }
}
