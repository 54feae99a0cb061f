import { type Kysely, sql } from 'kysely';

// Mailings: a draft (subject, text, audience) that, when sent, becomes one recipient row per
// person (per-recipient delivery) and one outbox letter per recipient who can receive it. The
// letters of a mailing carry no body of their own: the worker renders the mailing's text for
// each recipient (their name, their unsubscribe link) as it sends, so a million letters do not
// hold a million copies of one text.
const statements = [
  `create table mailings (
    id bigint generated always as identity primary key,
    subject text not null,
    body text not null,
    audience jsonb not null,
    org_id bigint not null references orgs (id),
    org_path text collate "C" not null,
    status text not null default 'draft' check (status in ('draft', 'sending', 'sent')),
    total integer not null default 0,
    without_email integer not null default 0,
    without_consent integer not null default 0,
    prepared integer not null default 0,
    resume_after jsonb,
    created_by bigint references users (id),
    created_at timestamptz not null default now(),
    sent_at timestamptz
  )`,
  'create index mailings_org_idx on mailings (org_path, id)',
  `create table mailing_recipients (
    id bigint generated always as identity primary key,
    mailing_id bigint not null references mailings (id) on delete cascade,
    kind text not null check (kind in ('chairman', 'member')),
    person_id bigint not null,
    org_id bigint not null,
    org_path text collate "C" not null,
    name text not null,
    email text,
    skip_reason text check (skip_reason in ('no_email', 'no_consent')),
    unique (mailing_id, kind, person_id)
  )`,
  'alter table mail_messages alter column text_body drop not null',
  'alter table mail_messages alter column html_body drop not null',
  'alter table mail_messages add column mailing_id bigint',
  'alter table mail_messages add column recipient_id bigint',
  `create index mail_messages_mailing_idx on mail_messages (mailing_id, status)
    where mailing_id is not null`,
  `create unique index mail_messages_recipient_idx on mail_messages (recipient_id)
    where recipient_id is not null`,
  'create index mailing_recipients_page_idx on mailing_recipients (mailing_id, id)',
  `create index mailing_recipients_skipped_idx on mailing_recipients (mailing_id)
    where skip_reason is not null`,
  'create index mailing_recipients_path_idx on mailing_recipients (org_path)',
  // Letters, mailings and recipients are placed by their org's path (admins see those of
  // their subtree): when an org moves, they move with it, as members do (migration 0003).
  `create function mail_follow_org_path() returns trigger language plpgsql as $$
  begin
    update mail_messages set org_path = new.path where org_path = old.path;
    update mailings set org_path = new.path where org_path = old.path;
    update mailing_recipients set org_path = new.path where org_path = old.path;
    return new;
  end $$`,
  `create trigger mail_follow_org_path after update of path on orgs
    for each row when (old.path is distinct from new.path)
    execute function mail_follow_org_path()`,
  // Secrets the server keeps across restarts (the unsubscribe links' HMAC key).
  `create table app_secrets (
    name text primary key,
    value text not null
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible');
}
