import { type Kysely, sql } from 'kysely';

// Request budgets shared by every app server: a session's requests in the current minute and a
// partner's token bucket. Counted by the statement that already reads the session or the key,
// so they cost no round trip of their own. Unlogged: a budget is worth nothing after a crash
// (PostgreSQL empties the tables then), so its writes skip the WAL and its commits wait for no
// disk flush; replicas do not carry them, and only the primary reads them.
const statements = [
  `create unlogged table session_budgets (
    -- A staff or member session's id (both are sha256 of random tokens).
    id text primary key,
    minute timestamptz not null,
    used integer not null,
    -- The session's last request that may write (not a GET): its reads go to the primary for
    -- a few seconds after (read-your-writes with replicas).
    written_at timestamptz
  )`,
  `create unlogged table partner_buckets (
    partner_id bigint primary key,
    -- Tokens left at \`at\`; below zero, a refused caller's debt (at most one token).
    tokens double precision not null,
    at timestamptz not null,
    -- Tokens the last statement took (a server leases a few at a time; 0: refused).
    taken integer not null
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible');
}
