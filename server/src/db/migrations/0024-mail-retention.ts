import { type Kysely, sql } from 'kysely';

// Delivered letters keep their status, address and dates for good, their text only for
// MAIL_RETENTION_DAYS: a sign-in code or a personal notice need not outlive its use. The
// index holds the letters still to be purged alone, so the hourly step reads few rows.
const statements = [
  'alter table mail_messages add column body_purged_at timestamptz',
  `create index mail_messages_purge_idx on mail_messages (sent_at)
    where status = 'sent' and body_purged_at is null and mailing_id is null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible');
}
