import type { MailingAudience } from '@profreestr/contracts';
import { type Kysely, sql } from 'kysely';
import { chairmanAudienceSql, memberAudienceSql } from '../../db/audience.js';
import { chairmanContactSql } from '../../db/chairman-contact.js';
import type { Database } from '../../db/schema.js';

// The invited list: written once when a survey is published, a chunk per statement (set-based,
// in keyset order of an index), its counts rolled up to every org from the survey's own down;
// the people of a chunk or of the unanswered who can receive a letter.

type Db = Kysely<Database>;

/** Whom a letter goes to: a member, or a chairman (their org's id), with the letter's org. */
export interface Recipient {
  personId: string;
  email: string;
  lastName: string | null;
  firstName: string | null;
  middleName: string | null;
  orgPath: string;
}

/** How many the audience holds now (the same conditions as the chunks). */
export async function countAudience(db: Db, audience: MailingAudience, path: string) {
  const { rows } =
    audience.kind === 'members'
      ? await sql<{ n: number }>`select count(*)::int as n from members m
          where ${memberAudienceSql(audience, path)}`.execute(db)
      : await sql<{ n: number }>`select count(*)::int as n from orgs o
          where ${chairmanAudienceSql(audience, path)}`.execute(db);
  return rows[0]?.n ?? 0;
}

/** The next chunk of the audience's keys after `after`, in the order of an index. */
async function chunkKeys(
  db: Db,
  audience: MailingAudience,
  path: string,
  after: string[] | null,
  limit: number,
): Promise<{ ids: string[]; last: string[] | null }> {
  if (audience.kind === 'members') {
    const [p, k, i] = after ?? ['', '', '0'];
    // members_path_idx: (org_path, name_key, id).
    const { rows } = await sql<{ id: string; org_path: string; name_key: string }>`
      select m.id::text, m.org_path, m.name_key from members m
       where ${memberAudienceSql(audience, path)}
         and (m.org_path, m.name_key, m.id) > (${p}, ${k}, ${i}::bigint)
       order by m.org_path, m.name_key, m.id limit ${limit}`.execute(db);
    const last = rows.at(-1);
    return {
      ids: rows.map((r) => r.id),
      last: last ? [last.org_path, last.name_key, last.id] : null,
    };
  }
  const { rows } = await sql<{ id: string; path: string }>`
    select o.id::text, o.path from orgs o
     where ${chairmanAudienceSql(audience, path)} and o.path > ${after?.[0] ?? ''}
     order by o.path limit ${limit}`.execute(db);
  const last = rows.at(-1);
  return { ids: rows.map((r) => r.id), last: last ? [last.path] : null };
}

/**
 * One chunk of publishing, in the caller's transaction: the next people of the audience become
 * invitees (one INSERT … SELECT), each counted as invited in their org and every org above it
 * down from the survey's own (`depth`: how many ids the survey org's path holds). Returns how
 * many were written, where the chunk ended (null: the audience is done) and who can receive
 * an invitation among them.
 */
export async function inviteChunk(
  db: Db,
  survey: { id: string; audience: MailingAudience; path: string; depth: number },
  after: string[] | null,
  limit: number,
): Promise<{ written: number; last: string[] | null; recipients: Recipient[] }> {
  const { ids, last } = await chunkKeys(db, survey.audience, survey.path, after, limit);
  if (ids.length === 0) return { written: 0, last: null, recipients: [] };
  const people =
    survey.audience.kind === 'members'
      ? sql`select m.id as person_id, m.org_id from members m where m.id = any(${ids}::bigint[])`
      : sql`select o.id as person_id, o.id as org_id from orgs o where o.id = any(${ids}::bigint[])`;
  const { rows } = await sql<{ written: number }>`
    with added as (
      insert into survey_invitees (survey_id, person_id, org_id)
      select ${survey.id}, p.person_id, p.org_id from (${people}) p
      on conflict do nothing
      returning org_id
    ), per_org as (
      select org_id, count(*)::int as n from added group by org_id
    ), rolled as (
      insert into survey_org_stats as t (survey_id, org_id, invited)
      select ${survey.id}, a.id::bigint, sum(p.n)::int
        from per_org p join orgs o on o.id = p.org_id
        cross join lateral unnest(string_to_array(rtrim(o.path, '.'), '.'))
          with ordinality as a(id, depth)
       where a.depth >= ${survey.depth}
       group by a.id
       -- In id order, as every writer of these rows: no two lock them in opposite orders.
       order by a.id::bigint
      on conflict (survey_id, org_id) do update set invited = t.invited + excluded.invited
      returning 1
    )
    select (select count(*)::int from added) as written`.execute(db);
  return {
    written: rows[0]?.written ?? 0,
    last,
    recipients: await reachable(db, survey.audience.kind, ids),
  };
}

/** Of these people, those with an e-mail who agreed to letters. */
async function reachable(db: Db, kind: MailingAudience['kind'], ids: readonly string[]) {
  if (ids.length === 0) return [];
  if (kind === 'members') {
    const { rows } = await sql<Recipient>`
      select m.id::text as "personId", m.email, m.last_name as "lastName",
        m.first_name as "firstName", m.middle_name as "middleName", m.org_path as "orgPath"
        from members m
       where m.id = any(${ids as string[]}::bigint[]) and m.status = 'active'
         and m.email is not null and m.notify_email`.execute(db);
    return rows;
  }
  const { rows } = await sql<{
    id: string;
    path: string;
    email: string | null;
    last_name: string | null;
    first_name: string | null;
    middle_name: string | null;
    notify_email: boolean | null;
  }>`select o.id::text, o.path, ${chairmanContactSql} from orgs o
      where o.id = any(${ids as string[]}::bigint[])`.execute(db);
  return rows
    .filter((r) => r.email && r.notify_email === true)
    .map((r) => ({
      personId: r.id,
      email: r.email as string,
      lastName: r.last_name,
      firstName: r.first_name,
      middleName: r.middle_name,
      orgPath: r.path,
    }));
}

/** The next unanswered invitees after `afterPersonId` (in id order), and the last one read. */
export async function unansweredChunk(
  db: Db,
  survey: { id: string; kind: MailingAudience['kind'] },
  afterPersonId: string,
  limit: number,
) {
  const { rows } = await sql<{ person_id: string }>`
    select person_id::text from survey_invitees
     where survey_id = ${survey.id} and not answered and person_id > ${afterPersonId}::bigint
     order by person_id limit ${limit}`.execute(db);
  const ids = rows.map((r) => r.person_id);
  return { last: ids.at(-1) ?? null, recipients: await reachable(db, survey.kind, ids) };
}

/** How many of the unanswered can receive a reminder now. */
export async function countReachableUnanswered(
  db: Db,
  survey: { id: string; kind: MailingAudience['kind'] },
) {
  const { rows } =
    survey.kind === 'members'
      ? await sql<{ n: number }>`
          select count(*)::int as n from survey_invitees i join members m on m.id = i.person_id
           where i.survey_id = ${survey.id} and not i.answered and m.status = 'active'
             and m.email is not null and m.notify_email`.execute(db)
      : await sql<{ n: number }>`
          select count(*)::int as n from survey_invitees i join orgs o on o.id = i.person_id
           where i.survey_id = ${survey.id} and not i.answered
             and nullif(o.chairman->>'email', '') is not null
             and coalesce((o.chairman->'notify'->>'email')::boolean, false)`.execute(db);
  return rows[0]?.n ?? 0;
}
