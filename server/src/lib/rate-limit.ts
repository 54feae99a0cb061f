import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from './app-error.js';

// Requests counted per key (an address, an e-mail) in a fixed window, in the database: every
// server process counts together and a restart forgives nothing. Past the limit: 429 with
// Retry-After until the window ends.

export interface RateRule {
  /** What is counted, for the key: `join-search`, `cabinet-code`… */
  name: string;
  limit: number;
  windowSeconds: number;
}

export const tooManyRequests = (seconds: number, what = 'запросов') =>
  new AppError(
    'rate_limited',
    `Слишком много ${what}. Повторите через ${seconds < 60 ? `${seconds} с` : `${Math.ceil(seconds / 60)} мин`}`,
    [],
    { headers: { 'retry-after': String(seconds) } },
  );

/** Counts one request for each key; refuses (429) when any of them is past its rule's limit. */
export async function takeRate(
  db: Kysely<Database>,
  hits: readonly (readonly [rule: RateRule, subject: string])[],
  now: Date,
) {
  let wait = 0;
  for (const [rule, subject] of hits) {
    const key = `${rule.name}:${subject}`;
    const { rows } = await sql<{ hits: number; window_start: Date }>`
      insert into rate_limits (key, window_start, hits) values (${key}, ${now}, 1)
      on conflict (key) do update set
        window_start = case
          when rate_limits.window_start <= ${now}::timestamptz - make_interval(secs => ${rule.windowSeconds})
          then ${now}::timestamptz else rate_limits.window_start end,
        hits = case
          when rate_limits.window_start <= ${now}::timestamptz - make_interval(secs => ${rule.windowSeconds})
          then 1 else rate_limits.hits + 1 end
      returning hits, window_start`.execute(db);
    const row = rows[0];
    if (row && row.hits > rule.limit) {
      const ends = new Date(row.window_start).getTime() + rule.windowSeconds * 1000;
      wait = Math.max(wait, Math.ceil((ends - now.getTime()) / 1000), 1);
    }
  }
  if (wait > 0) throw tooManyRequests(wait);
}

/** Windows long over hold nothing: forgotten by the daily step. */
export async function purgeRateLimits(db: Kysely<Database>, before: Date) {
  await db.deleteFrom('rate_limits').where('window_start', '<', before).execute();
}
