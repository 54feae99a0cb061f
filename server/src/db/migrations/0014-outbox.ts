import { type Kysely, sql } from 'kysely';

// The outbox: every letter is a row written in the transaction of the change that causes it,
// then delivered by a worker (features/mail). `sending` is a lease: a worker killed between
// the SMTP answer and marking the row leaves it `sending` until `locked_until`, when it is
// sent again with the same Message-ID (at most the one letter in flight goes twice).
const statements = [
  `create table mail_messages (
    id bigint generated always as identity primary key,
    kind text not null,
    to_address text not null,
    to_name text,
    subject text not null,
    text_body text not null,
    html_body text not null,
    message_id text not null unique,
    org_path text collate "C",
    member_id bigint,
    bulk boolean not null default false,
    status text not null default 'queued'
      check (status in ('queued', 'sending', 'sent', 'failed', 'bounced')),
    attempts integer not null default 0,
    last_error text,
    next_attempt_at timestamptz not null default now(),
    locked_until timestamptz,
    lease uuid,
    created_at timestamptz not null default now(),
    sent_at timestamptz
  )`,
  // The worker's next letters: due ones in order, an index range of the queued alone.
  `create index mail_messages_due_idx on mail_messages (next_attempt_at, id)
    where status = 'queued'`,
  `create index mail_messages_lease_idx on mail_messages (locked_until) where status = 'sending'`,
  // Admins' list of letters about their subtree, newest first.
  'create index mail_messages_org_idx on mail_messages (org_path, id)',
  'create index mail_messages_to_idx on mail_messages (lower(to_address), id)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible');
}
