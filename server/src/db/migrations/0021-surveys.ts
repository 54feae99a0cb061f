import { type Kysely, sql } from 'kysely';

// Surveys and tests (issue 20). A survey is a definition (questions as data) with an audience;
// publishing resolves the audience once into `survey_invitees`, which also carries whether
// each person has answered (one answer per person: the flag is set once, by a conditional
// update). Answers live apart in `survey_responses`, which for an anonymous survey hold no
// person, no session, no address and no time at all, under random ids (nothing orders them as
// they came); only the path of the respondent's org, for results by subtree. Results read
// maintained counts: `survey_org_stats` (invited, respondents) and `survey_tallies` (how many
// chose each answer), each org's row holding its whole subtree as of when people answered.
//
// An anonymous answer is not written beside its "answered" mark: a row carries the id of the
// transaction that wrote it (xmin), so a response or a count changed in the same transaction
// as the mark and the audit entry would name its author to anyone reading the tables. It waits
// in `survey_held_answers` (no person, no time, no key) until its org holds 5, then the 5 or
// more go into responses and counts together, in random order; the rest when the survey closes.
//
// No foreign keys from the big tables to surveys (as cards, migration 0019): a million
// invitees would each take a key-share lock on the one survey row. Surveys are never deleted.
const statements = [
  `create table surveys (
    id bigint generated always as identity primary key,
    title text not null,
    kind text not null check (kind in ('survey', 'test')),
    anonymous boolean not null,
    audience jsonb not null,
    respondent_kind text not null check (respondent_kind in ('member', 'chairman')),
    org_id bigint not null references orgs (id),
    org_path text collate "C" not null,
    questions jsonb not null,
    opens_at timestamptz not null,
    closes_at timestamptz not null check (closes_at > opens_at),
    status text not null default 'draft' check (status in ('draft', 'publishing', 'published')),
    audience_count integer not null default 0,
    invited integer not null default 0,
    resume_after jsonb,
    reminded_at timestamptz,
    -- A reminder's keyset position (the last person reminded) while its job runs.
    remind_after bigint,
    created_by bigint references users (id),
    created_at timestamptz not null default now(),
    published_at timestamptz
  )`,
  'create index surveys_org_idx on surveys (org_path, id)',
  // Room left in each page, so setting `answered` stays in the row's own page (a HOT update):
  // the marks are not written in the order people answered.
  `create table survey_invitees (
    survey_id bigint not null,
    person_id bigint not null,
    org_id bigint not null,
    answered boolean not null default false,
    primary key (survey_id, person_id)
  ) with (fillfactor = 85)`,
  // A respondent's place: the surveys a member (or a chairman's org) is invited to.
  'create index survey_invitees_person_idx on survey_invitees (person_id, survey_id)',
  `create table survey_org_stats (
    survey_id bigint not null,
    org_id bigint not null,
    invited integer not null default 0,
    respondents integer not null default 0,
    primary key (survey_id, org_id)
  )`,
  `create table survey_tallies (
    survey_id bigint not null,
    org_id bigint not null,
    question text not null,
    answer text not null,
    n integer not null,
    primary key (survey_id, org_id, question, answer)
  )`,
  `create table survey_responses (
    id uuid primary key default gen_random_uuid(),
    survey_id bigint not null,
    org_path text collate "C" not null,
    answers jsonb not null,
    score integer,
    respondent_kind text check (respondent_kind in ('member', 'chairman')),
    respondent_id bigint,
    answered_on date,
    check ((respondent_kind is null) = (respondent_id is null))
  )`,
  `create table survey_held_answers (
    survey_id bigint not null,
    org_path text collate "C" not null,
    answers jsonb not null,
    score integer
  )`,
  'create index survey_held_answers_idx on survey_held_answers (survey_id, org_path)',
  'create index survey_responses_survey_idx on survey_responses (survey_id, id)',
  'create index survey_responses_path_idx on survey_responses (org_path, survey_id)',
  // Whatever writes a response (a bug, a script), an anonymous survey's holds no person and
  // no day: refused here, not only by the service.
  `create function survey_responses_anonymous() returns trigger language plpgsql as $$
  begin
    if (select anonymous from surveys where id = new.survey_id)
       and (new.respondent_id is not null or new.answered_on is not null) then
      raise exception 'an anonymous survey''s response names no person and no day';
    end if;
    return new;
  end $$`,
  `create trigger survey_responses_anonymous before insert or update on survey_responses
    for each row execute function survey_responses_anonymous()`,
  // Surveys and responses are placed by their org's path: when an org moves, they move too.
  `create function surveys_follow_org_path() returns trigger language plpgsql as $$
  begin
    update surveys set org_path = new.path where org_path = old.path;
    update survey_responses set org_path = new.path where org_path = old.path;
    update survey_held_answers set org_path = new.path where org_path = old.path;
    return new;
  end $$`,
  `create trigger surveys_follow_org_path after update of path on orgs
    for each row when (old.path is distinct from new.path)
    execute function surveys_follow_org_path()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible');
}
