import { type Kysely, sql } from 'kysely';

// Where each account has signed in from. An address locked for too many failures still lets
// through the right password of an account that signed in from it before (a colleague behind
// the same school or region NAT), not a first sign-in: that keeps one address from testing
// passwords across every account while it is locked.
const statements = [
  `create table sign_in_addresses (
    user_id bigint not null references users (id) on delete cascade,
    ip text not null,
    last_at timestamptz not null,
    primary key (user_id, ip)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible');
}
