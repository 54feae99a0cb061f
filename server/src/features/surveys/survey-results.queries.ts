import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { subtreeUpperBound } from '../../lib/tree-path.js';

// Results: the maintained counts of an org's subtree (a handful of rows whatever the number of
// responses), the children beside them, and the responses themselves for text answers and the
// file, read in the order of their random ids (nothing there says when they came).

type Db = Kysely<Database>;

/** An org as results name it. */
export const findOrgRef = (db: Db, id: string) =>
  db
    .selectFrom('orgs')
    .select(['id', 'code', 'name', 'level', 'path'])
    .where('id', '=', id)
    .executeTakeFirst();

/** Invited and respondents of the orgs' subtrees in the survey (orgs without a row: none). */
export const findOrgStats = (db: Db, surveyId: string, orgIds: readonly string[]) =>
  orgIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('survey_org_stats')
        .select(['org_id', 'invited', 'respondents'])
        .where('survey_id', '=', surveyId)
        .where('org_id', 'in', [...orgIds])
        .execute();

/** What the subtree of an org answered: (question, answer) → how many. */
export const findTallies = (db: Db, surveyId: string, orgId: string) =>
  db
    .selectFrom('survey_tallies')
    .select(['question', 'answer', 'n'])
    .where('survey_id', '=', surveyId)
    .where('org_id', '=', orgId)
    .execute();

/** The children of these orgs that were invited to the survey, with their counts, by name. */
export const findChildStats = (db: Db, surveyId: string, parentIds: readonly string[]) =>
  parentIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('orgs as o')
        .innerJoin('survey_org_stats as s', 's.org_id', 'o.id')
        .select(['o.id', 'o.parent_id', 'o.code', 'o.name', 'o.level', 'o.name_key'])
        .select(['s.invited', 's.respondents'])
        .where('s.survey_id', '=', surveyId)
        .where('o.parent_id', 'in', [...parentIds])
        .orderBy('o.name_key')
        .orderBy('o.id')
        .execute();

/** A page of one question's text answers in a subtree, in the order of the responses' ids. */
export async function findTextAnswers(
  db: Db,
  q: { surveyId: string; path: string; question: string; afterId: string | null; limit: number },
) {
  const { rows } = await sql<{
    id: string;
    text: string;
    respondent_kind: 'member' | 'chairman' | null;
    respondent_id: string | null;
  }>`
    select id::text, answers->>${q.question} as text, respondent_kind, respondent_id::text
      from survey_responses
     where survey_id = ${q.surveyId} and org_path >= ${q.path}
       and org_path < ${subtreeUpperBound(q.path)}
       and jsonb_exists(answers, ${q.question})
       ${q.afterId ? sql`and id > ${q.afterId}::uuid` : sql``}
     order by id limit ${q.limit}`.execute(db);
  return rows;
}

/** A page of a subtree's responses for the file, in the order of their ids. */
export async function findResponses(
  db: Db,
  q: { surveyId: string; path: string; afterId: string | null; limit: number },
) {
  const { rows } = await sql<{
    id: string;
    org_path: string;
    answers: Record<string, string | string[] | number>;
    score: number | null;
    respondent_kind: 'member' | 'chairman' | null;
    respondent_id: string | null;
    answered_on: string | null;
  }>`
    select id::text, org_path, answers, score, respondent_kind, respondent_id::text,
      answered_on::text
      from survey_responses
     where survey_id = ${q.surveyId} and org_path >= ${q.path}
       and org_path < ${subtreeUpperBound(q.path)}
       ${q.afterId ? sql`and id > ${q.afterId}::uuid` : sql``}
     order by id limit ${q.limit}`.execute(db);
  return rows;
}

/** Names of respondents of a named survey: members by id, chairmen by their org's id. */
export async function findRespondentNames(
  db: Db,
  people: readonly { kind: 'member' | 'chairman'; id: string }[],
) {
  const ids = (kind: 'member' | 'chairman') =>
    [...new Set(people.filter((p) => p.kind === kind).map((p) => p.id))] as string[];
  const [members, chairmen] = await Promise.all([
    ids('member').length
      ? sql<{ id: string; name: string; org_id: string }>`
          select id::text, concat_ws(' ', last_name, first_name, middle_name) as name,
            org_id::text from members where id = any(${ids('member')}::bigint[])`.execute(db)
      : { rows: [] },
    ids('chairman').length
      ? sql<{ id: string; name: string; org_id: string }>`
          select id::text, concat_ws(' ', chairman->>'lastName', chairman->>'firstName',
            nullif(chairman->>'middleName', '')) as name, id::text as org_id
            from orgs where id = any(${ids('chairman')}::bigint[])`.execute(db)
      : { rows: [] },
  ]);
  return {
    member: new Map(members.rows.map((r) => [r.id, r])),
    chairman: new Map(chairmen.rows.map((r) => [r.id, r])),
  };
}
