import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { subtreeUpperBound } from '../../lib/tree-path.js';

// Surveys themselves: the definition row, its lists (staff, and each respondent's place).

type Db = Kysely<Database>;

const surveyColumns = [
  's.id',
  's.title',
  's.kind',
  's.anonymous',
  's.audience',
  's.respondent_kind',
  's.org_id',
  's.org_path',
  's.questions',
  's.opens_at',
  's.closes_at',
  's.status',
  's.audience_count',
  's.invited',
  's.resume_after',
  's.reminded_at',
  's.remind_after',
  's.created_at',
  's.published_at',
  'o.name as org_name',
] as const;

/** Surveys with their org's name and the respondents of the whole survey (its org's row). */
const surveys = (db: Db) =>
  db
    .selectFrom('surveys as s')
    .innerJoin('orgs as o', 'o.id', 's.org_id')
    .leftJoin('survey_org_stats as st', (join) =>
      join.onRef('st.survey_id', '=', 's.id').onRef('st.org_id', '=', 's.org_id'),
    )
    .select(surveyColumns)
    .select(sql<number>`coalesce(st.respondents, 0)`.as('respondents'));

export const findSurvey = (db: Db, id: string) =>
  surveys(db).where('s.id', '=', id).executeTakeFirst();
export type SurveyRow = NonNullable<Awaited<ReturnType<typeof findSurvey>>>;

/** The survey row locked: edits, publishing, the publishing job's chunks, reminders. */
export const lockSurvey = (db: Db, id: string) =>
  surveys(db).where('s.id', '=', id).forUpdate('s').executeTakeFirst();

export const insertSurvey = (
  db: Db,
  row: {
    title: string;
    kind: 'survey' | 'test';
    anonymous: boolean;
    audience: unknown;
    respondentKind: 'member' | 'chairman';
    orgId: string;
    orgPath: string;
    questions: unknown;
    opensAt: string;
    closesAt: string;
    userId: string;
    audienceCount: number;
  },
) =>
  db
    .insertInto('surveys')
    .values({
      title: row.title,
      kind: row.kind,
      anonymous: row.anonymous,
      audience: JSON.stringify(row.audience),
      respondent_kind: row.respondentKind,
      org_id: row.orgId,
      org_path: row.orgPath,
      questions: JSON.stringify(row.questions),
      opens_at: row.opensAt,
      closes_at: row.closesAt,
      created_by: row.userId,
      audience_count: row.audienceCount,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

export async function updateSurvey(
  db: Db,
  id: string,
  values: Partial<{
    title: string;
    kind: 'survey' | 'test';
    anonymous: boolean;
    audience: string;
    respondent_kind: 'member' | 'chairman';
    org_id: string;
    org_path: string;
    questions: string;
    opens_at: string;
    closes_at: string;
    status: 'draft' | 'publishing' | 'published';
    audience_count: number;
    invited: number;
    resume_after: string | null;
    reminded_at: Date;
    remind_after: string | null;
    published_at: Date;
  }>,
) {
  await db.updateTable('surveys').set(values).where('id', '=', id).execute();
}

/**
 * Surveys that reach a caller, newest first: those of their subtree, and those published by an
 * org above them (their subtree is in the audience and they read its results).
 */
export const findSurveys = (
  db: Db,
  scope: { path: string; ancestorPaths: readonly string[] },
  beforeId: string | undefined,
  limit: number,
) =>
  surveys(db)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('s.org_path', '>=', scope.path),
          eb('s.org_path', '<', subtreeUpperBound(scope.path)),
        ]),
        ...(scope.ancestorPaths.length
          ? [
              eb.and([
                eb('s.org_path', 'in', [...scope.ancestorPaths]),
                eb('s.status', '<>', 'draft'),
              ]),
            ]
          : []),
      ]),
    )
    .$if(beforeId !== undefined, (q) => q.where('s.id', '<', beforeId as string))
    .orderBy('s.id', 'desc')
    .limit(limit)
    .execute();

type Respondent = { kind: 'member' | 'chairman'; id: string };

/** The invitations of a person (a member, or a chairman by their org's id), with the survey. */
const assignedTo = (db: Db, person: Respondent) =>
  db
    .selectFrom('survey_invitees as i')
    .innerJoin('surveys as s', 's.id', 'i.survey_id')
    .select([
      's.id',
      's.title',
      's.kind',
      's.anonymous',
      's.questions',
      's.opens_at',
      's.closes_at',
      's.status',
      'i.answered',
    ])
    .where('i.person_id', '=', person.id)
    .where('s.respondent_kind', '=', person.kind)
    .where('s.status', '<>', 'draft');

/** Surveys a person is invited to, newest first. */
export const findAssigned = (
  db: Db,
  person: Respondent,
  beforeId: string | undefined,
  limit: number,
) =>
  assignedTo(db, person)
    .$if(beforeId !== undefined, (q) => q.where('i.survey_id', '<', beforeId as string))
    .orderBy('i.survey_id', 'desc')
    .limit(limit)
    .execute();

/** One survey a person is invited to, if they are. */
export const findAssignedOne = (db: Db, person: Respondent, surveyId: string) =>
  assignedTo(db, person).where('i.survey_id', '=', surveyId).executeTakeFirst();

/** The invitation of one person to one survey (whether they answered), if any. */
export const findInvitee = (db: Db, surveyId: string, personId: string) =>
  db
    .selectFrom('survey_invitees')
    .select(['org_id', 'answered'])
    .where('survey_id', '=', surveyId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
