import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

// Answering: the one mark per person, the response kept apart from it, and the counts it adds.

type Db = Kysely<Database>;

/**
 * Marks the person as having answered, once: of two submissions at once, the second waits for
 * the first's row lock, then finds the mark set and changes nothing (no check-then-insert).
 * Returns the org they were invited under, or nothing when already answered.
 */
export const markAnswered = (db: Db, surveyId: string, personId: string) =>
  db
    .updateTable('survey_invitees')
    .set({ answered: true })
    .where('survey_id', '=', surveyId)
    .where('person_id', '=', personId)
    .where('answered', '=', false)
    .returning('org_id')
    .executeTakeFirst();

export const orgPathOf = (db: Db, orgId: string) =>
  db.selectFrom('orgs').select('path').where('id', '=', orgId).executeTakeFirst();

export const insertResponse = (
  db: Db,
  row: {
    surveyId: string;
    orgPath: string;
    answers: unknown;
    score: number | null;
    /** A named survey's respondent and day; an anonymous one's: none. */
    respondent: { kind: 'member' | 'chairman'; id: string; on: string } | null;
  },
) =>
  db
    .insertInto('survey_responses')
    .values({
      survey_id: row.surveyId,
      org_path: row.orgPath,
      answers: JSON.stringify(row.answers),
      score: row.score,
      respondent_kind: row.respondent?.kind ?? null,
      respondent_id: row.respondent?.id ?? null,
      answered_on: row.respondent?.on ?? null,
    })
    .execute();

const inIdOrder = (orgIds: readonly string[]) =>
  [...orgIds].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));

/**
 * A respondent more in their org and every org above it down to the survey's (`orgIds`). Rows
 * are written in id order, as publishing writes them, so concurrent writers never lock them in
 * opposite orders; the survey's own row makes answers to one survey take turns.
 */
export async function countRespondent(db: Db, surveyId: string, orgIds: readonly string[]) {
  await sql`
    insert into survey_org_stats as t (survey_id, org_id, respondents)
    select ${surveyId}, o.id, 1 from unnest(${inIdOrder(orgIds)}::bigint[]) as o(id) order by o.id
    on conflict (survey_id, org_id) do update set respondents = t.respondents + 1`.execute(db);
}

/** Adds `n` to each (question, answer) in those orgs: the answers of one or more responses. */
export async function countAnswers(
  db: Db,
  surveyId: string,
  orgIds: readonly string[],
  keys: readonly (readonly [string, string, number])[],
) {
  if (keys.length === 0) return;
  await sql`
    insert into survey_tallies as t (survey_id, org_id, question, answer, n)
    select ${surveyId}, o.id, k.question, k.answer, k.n
      from unnest(${inIdOrder(orgIds)}::bigint[]) as o(id)
      cross join unnest(${keys.map((k) => k[0])}::text[], ${keys.map((k) => k[1])}::text[],
        ${keys.map((k) => k[2])}::integer[]) as k(question, answer, n)
     order by o.id, k.question, k.answer
    on conflict (survey_id, org_id, question, answer) do update set n = t.n + excluded.n`.execute(
    db,
  );
}

/** An anonymous answer set aside, with its org's path and nothing else. */
export const holdAnswer = (
  db: Db,
  row: { surveyId: string; orgPath: string; answers: unknown; score: number | null },
) =>
  db
    .insertInto('survey_held_answers')
    .values({
      survey_id: row.surveyId,
      org_path: row.orgPath,
      answers: JSON.stringify(row.answers),
      score: row.score,
    })
    .execute();

/**
 * Moves the answers held for an org (`path`) into responses, in random order, when there are
 * at least `minimum`; returns them (none when fewer). The caller holds the survey's counts row
 * (`countRespondent`), so no one else releases the same org's answers meanwhile.
 */
export async function releaseHeld(db: Db, surveyId: string, path: string, minimum: number) {
  const { rows } = await sql<{ answers: Record<string, unknown>; score: number | null }>`
    with held as (
      delete from survey_held_answers
       where survey_id = ${surveyId} and org_path = ${path}
         and (select count(*) from survey_held_answers
               where survey_id = ${surveyId} and org_path = ${path}) >= ${minimum}
      returning answers, score)
    insert into survey_responses (survey_id, org_path, answers, score)
    select ${surveyId}, ${path}, answers, score from held order by random()
    returning answers, score`.execute(db);
  return rows;
}

/** The orgs of closed surveys whose answers still wait: (survey, path). */
export const findHeldOfClosed = (db: Db, now: Date) =>
  db
    .selectFrom('survey_held_answers as h')
    .innerJoin('surveys as s', 's.id', 'h.survey_id')
    .select(['h.survey_id', 'h.org_path'])
    .where('s.closes_at', '<=', now)
    .groupBy(['h.survey_id', 'h.org_path'])
    .orderBy('h.survey_id')
    .execute();

/** Answers still held in a subtree of the survey. */
export async function countHeld(db: Db, surveyId: string, path: string, upperBound: string) {
  const row = await db
    .selectFrom('survey_held_answers')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('survey_id', '=', surveyId)
    .where('org_path', '>=', path)
    .where('org_path', '<', upperBound)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
