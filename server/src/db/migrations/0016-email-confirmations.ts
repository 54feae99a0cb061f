import { type Kysely, sql } from 'kysely';

// A member's e-mail entered by staff is confirmed by its owner: a letter with a single-use
// link (valid 7 days). The table holds the token's sha256, never the token.
const statements = [
  `create table email_confirmations (
    token_hash text primary key,
    member_id bigint not null references members (id) on delete cascade,
    email text not null,
    expires_at timestamptz not null,
    used_at timestamptz
  )`,
  'create index email_confirmations_member_idx on email_confirmations (member_id)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible');
}
