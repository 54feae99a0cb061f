import { type Kysely, sql } from 'kysely';

// The member's cabinet (sign-in by e-mail code, own sessions, the consents ledger) and online
// join (applications). Codes and session tokens are kept as sha256, never as given.
const statements = [
  // Signing in finds the member by the address: e-mails are stored lower-case (contracts).
  `create index members_email_idx on members (email) where status = 'active' and email is not null`,
  `alter table members add column bonus_programme boolean not null default false`,
  // One live code per address: a new request replaces the old one.
  `create table cabinet_codes (
    email text primary key,
    member_id bigint not null references members (id) on delete cascade,
    code_hash text not null,
    expires_at timestamptz not null,
    -- Tries counted on the code before each compare: parallel guesses share five.
    attempts integer not null default 0,
    created_at timestamptz not null default now()
  )`,
  `create table member_sessions (
    id text primary key,
    member_id bigint not null references members (id) on delete cascade,
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    expires_at timestamptz not null,
    ip text,
    user_agent text
  )`,
  'create index member_sessions_member_idx on member_sessions (member_id)',
  // Every grant and withdrawal, never overwritten (152-ФЗ: what was agreed to, when, which text).
  `create table member_consents (
    id bigserial primary key,
    member_id bigint not null references members (id) on delete cascade,
    kind text not null check (kind in ('pd', 'notify_email', 'notify_sms', 'notify_push', 'bonus_programme')),
    granted boolean not null,
    version text not null,
    at timestamptz not null default now(),
    by text not null check (by in ('member', 'staff', 'application', 'system')),
    actor_id text
  )`,
  // The member's export lists the letters sent to them.
  'create index mail_messages_member_idx on mail_messages (member_id) where member_id is not null',
  'create index member_consents_member_idx on member_consents (member_id, id desc)',
  // The consents already on cards open each member's ledger, dated as the card says, so a
  // later withdrawal follows a grant (the wording of those given before is not known).
  `insert into member_consents (member_id, kind, granted, version, at, by)
    select id, 'pd', true, coalesce(pd_consent_version, 'не указана'),
      coalesce(pd_consent_on::timestamptz, created_at), 'system'
    from members where pd_consent_on is not null`,
  `insert into member_consents (member_id, kind, granted, version, at, by)
    select m.id, k.kind, true, 'не указана', m.created_at, 'system'
    from members m cross join (values ('notify_email'), ('notify_sms'), ('notify_push')) k (kind)
    where (k.kind = 'notify_email' and m.notify_email) or (k.kind = 'notify_sms' and m.notify_sms)
      or (k.kind = 'notify_push' and m.notify_push)`,
  // Requests counted per key and window (public forms, code requests), shared by every server.
  `create table rate_limits (
    key text primary key,
    window_start timestamptz not null,
    hits integer not null
  )`,
  `create table applications (
    id bigserial primary key,
    org_id bigint not null references orgs (id),
    org_path text not null,
    status text not null default 'unconfirmed'
      check (status in ('unconfirmed', 'submitted', 'accepted', 'rejected', 'expired')),
    last_name text not null,
    first_name text not null,
    middle_name text,
    name_key text not null,
    sex text not null,
    birth_date date not null,
    category text not null,
    workplace text not null,
    position text,
    study_course integer,
    phone text,
    email text not null,
    pd_consent_version text not null,
    code_hash text,
    code_expires_at timestamptz,
    ip text,
    created_at timestamptz not null default now(),
    confirmed_at timestamptz,
    decided_at timestamptz,
    decided_by bigint references users (id),
    reject_reason text,
    member_id bigint references members (id) on delete set null
  )`,
  // One application per person waits for a decision; an unconfirmed one holds only its own
  // address (a stranger typing someone's name and birth date blocks nobody for 7 days).
  `create unique index applications_pending_person_key on applications (name_key, birth_date)
    where status = 'submitted'`,
  `create unique index applications_unconfirmed_person_key
    on applications (name_key, birth_date, email) where status = 'unconfirmed'`,
  'create index applications_org_idx on applications (org_id)',
  `create index applications_queue_idx on applications (org_path, id desc)
    where status <> 'unconfirmed' and status <> 'expired'`,
  `create index applications_waiting_idx on applications (org_path) where status = 'submitted'`,
  `create index applications_unconfirmed_idx on applications (created_at) where status = 'unconfirmed'`,
  // Applications follow their org when it moves, as members and letters do.
  `create function applications_follow_org_path() returns trigger language plpgsql as $$
  begin
    update applications set org_path = new.path where org_id = new.id;
    return new;
  end $$`,
  `create trigger applications_follow_org_path after update of path on orgs
    for each row when (old.path is distinct from new.path)
    execute function applications_follow_org_path()`,
  // The public search of primaries: the org's name key and its school's name in one plain text
  // column (a jsonb field read per row costs 2.4× as much when a query scans), trigram-indexed.
  `alter table orgs add column search_key text generated always as
    (name_key || ' ' || lower(coalesce(edu_org ->> 'name', ''))) stored`,
  `create index orgs_public_search_idx on orgs using gin (search_key gin_trgm_ops)
    where level = 'primary' and status = 'active'`,
  // Numbers typed (a school's «№ 76») match whole numbers: exact, selective, and what a person
  // means («7» is not «17»); trigrams cannot index a number of one or two digits at all.
  `alter table orgs add column search_numbers text[] generated always as
    (string_to_array(trim(regexp_replace(name_key || ' ' || coalesce(edu_org ->> 'name', ''),
      '[^0-9]+', ' ', 'g')), ' ')) stored`,
  `create index orgs_public_numbers_idx on orgs using gin (search_numbers)
    where level = 'primary' and status = 'active'`,
  `create index orgs_public_primary_idx on orgs (id) where level = 'primary' and status = 'active'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible');
}
