import { type Kysely, sql } from 'kysely';

// The audit log and the change history name every caller by kind and id: staff (a user),
// a member in the cabinet, a partner's program, an applicant (nobody signed in) or the system
// (a job). Entries written before this version have no kind: staff when they name a user.
const statements = [
  'alter table audit_log add column actor_kind text',
  'alter table audit_log add column actor_id text',
  'alter table changes add column actor_kind text',
  'alter table changes add column actor_id text',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible');
}
