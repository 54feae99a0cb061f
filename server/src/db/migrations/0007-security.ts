import { type Kysely, sql } from 'kysely';

// Security core: a second factor (TOTP) with single-use recovery codes, sessions that are
// half-open until the second step, and sign-in throttling kept in the database so every
// process of a deployment counts the same failures.
const statements = [
  `alter table users
     add column mfa_secret text,
     add column mfa_pending_secret text,
     add column mfa_enabled_at timestamptz,
     add column mfa_last_step bigint not null default 0`,
  `create table mfa_recovery_codes (
     user_id bigint not null references users(id),
     code_hash text not null,
     used_at timestamptz,
     primary key (user_id, code_hash)
   )`,
  `alter table sessions
     add column stage text not null default 'active'
       check (stage in ('active', 'mfa_verify', 'mfa_enroll'))`,
  `create table auth_throttle (
     key text primary key,
     failures int not null default 0,
     last_failure_at timestamptz not null,
     locked_until timestamptz
   )`,
  `create index auth_throttle_last_failure_idx on auth_throttle (last_failure_at)`,
  // Admins search their subtree's audit newest first; keyset on (at, id).
  `create index audit_log_at_idx on audit_log (at desc, id desc)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible');
}
