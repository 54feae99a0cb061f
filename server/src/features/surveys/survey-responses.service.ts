import {
  type AnswerValue,
  type AssignedSurvey,
  checkAnswers,
  publicQuestion,
  type SurveyQuestion,
  scoreOf,
  tallyKeys,
  todayIso,
} from '@profreestr/contracts';
import { AppError, conflict, notFound } from '../../lib/app-error.js';
import { type Ctx, inTransaction, type MemberCtx, type StaffCtx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { isInSubtree } from '../../lib/tree-path.js';
import { recordAudit } from '../audit/audit.service.js';
import { idsDownFrom, SURVEY_NOT_FOUND, surveyState } from './survey-access.js';
import { RELEASE_AT, releaseAnswers } from './survey-held.service.js';
import {
  countAnswers,
  countRespondent,
  holdAnswer,
  insertResponse,
  markAnswered,
  orgPathOf,
} from './survey-responses.queries.js';
import { findAssigned, findAssignedOne, findInvitee, findSurvey } from './surveys.queries.js';

// Answering: a member in the cabinet, a chairman (any staff user of an invited org) in
// «Опросы». One response per person, while the survey is open, the answers checked against
// the questions; a test's score comes back at once. An anonymous survey's response is written
// with no trace of the person: no id, no session, no address, no day; only the respondent's
// org (for results by subtree) and the answers, and not in the transaction that marks them as
// having answered (survey-held.service). The audit log says who answered, never what.

type Person = { kind: 'member' | 'chairman'; id: string };

const ALREADY = 'Вы уже ответили на этот опрос: ответ принимается один раз';

async function respond(
  ctx: Ctx,
  person: Person,
  surveyId: string,
  answers: Record<string, AnswerValue>,
) {
  const survey = await findSurvey(ctx.db, surveyId);
  // Not invited is not found: a survey is no one else's business.
  if (!survey || survey.status === 'draft' || survey.respondent_kind !== person.kind) {
    throw notFound(SURVEY_NOT_FOUND);
  }
  const invitee = await findInvitee(ctx.db, surveyId, person.id);
  if (!invitee) throw notFound(SURVEY_NOT_FOUND);
  const state = surveyState(survey);
  if (state === 'upcoming') throw conflict('Опрос ещё не начался');
  if (state === 'closed') throw conflict('Опрос закрыт: ответы больше не принимаются');
  const questions = survey.questions as SurveyQuestion[];
  const { problems, normalized } = checkAnswers(questions, answers);
  if (problems.length > 0) {
    const message = problems.length === 1 ? (problems[0]?.message ?? '') : 'Проверьте ответы';
    throw new AppError('invalid', message, problems);
  }
  if (invitee.answered) throw conflict(ALREADY);
  const result = survey.kind === 'test' ? scoreOf(questions, normalized) : null;
  await inTransaction(ctx, async (tx) => {
    // The one guard against a second answer (two at once included): a mark set once.
    const marked = await markAnswered(tx.db, surveyId, person.id);
    if (!marked) throw conflict(ALREADY);
    const own = (await orgPathOf(tx.db, marked.org_id))?.path;
    // Counted under the org invited (where it sits now); moved out of the survey's subtree
    // since, under the survey's own org.
    const path = own && isInSubtree(own, survey.org_path) ? own : survey.org_path;
    const orgIds = idsDownFrom(survey.org_path, path);
    // First: the survey's counts row, which makes answers to this survey take turns.
    await countRespondent(tx.db, surveyId, orgIds);
    const score = result?.score ?? null;
    if (survey.anonymous) {
      await holdAnswer(tx.db, { surveyId, orgPath: path, answers: normalized, score });
      await releaseAnswers(tx.db, survey, path, RELEASE_AT);
    } else {
      await insertResponse(tx.db, {
        surveyId,
        orgPath: path,
        answers: normalized,
        score,
        respondent: { ...person, on: todayIso() },
      });
      const keys = tallyKeys(questions, normalized, score).map(([q, a]) => [q, a, 1] as const);
      await countAnswers(tx.db, surveyId, orgIds, keys);
    }
    await recordAudit(tx, {
      action: 'survey.respond',
      target: { type: 'survey', id: surveyId, orgPath: survey.org_path },
    });
  });
  return { score: result?.score ?? null, max: result?.max ?? null };
}

/** `POST /cabinet/surveys/:id/responses`: the member from the session, never from the body. */
export const respondAsMember = (
  ctx: MemberCtx,
  surveyId: string,
  answers: Record<string, AnswerValue>,
) => respond(ctx, { kind: 'member', id: ctx.actor.memberId }, surveyId, answers);

/** `POST /surveys/:id/responses`: the chairman answers for their org (one answer per org). */
export const respondAsChairman = (
  ctx: StaffCtx,
  surveyId: string,
  answers: Record<string, AnswerValue>,
) => respond(ctx, { kind: 'chairman', id: ctx.actor.orgId }, surveyId, answers);

type AssignedRow = NonNullable<Awaited<ReturnType<typeof findAssignedOne>>>;

/** What the respondent is asked: the questions without right answers or internals. */
const toAssigned = (row: AssignedRow): AssignedSurvey => ({
  id: row.id,
  title: row.title,
  kind: row.kind,
  anonymous: row.anonymous,
  opensAt: new Date(row.opens_at).toISOString(),
  closesAt: new Date(row.closes_at).toISOString(),
  state: surveyState(row),
  answered: row.answered,
  questions: (row.questions as SurveyQuestion[]).map(publicQuestion),
});

async function assigned(ctx: Ctx, person: Person, page: { limit: number; cursor?: string }) {
  const before = decodeCursor(page.cursor, ['id'])?.[0];
  const rows = await findAssigned(ctx.db, person, before, page.limit + 1);
  return toPage(rows, page.limit, toAssigned, (row) => [row.id]);
}

/** One survey the person is invited to; not invited (or a draft, or none) is not found. */
async function assignedOne(ctx: Ctx, person: Person, surveyId: string) {
  const row = await findAssignedOne(ctx.db, person, surveyId);
  if (!row) throw notFound(SURVEY_NOT_FOUND);
  return toAssigned(row);
}

/** `GET /cabinet/surveys`: the surveys the member is invited to, newest first. */
export const memberSurveys = (ctx: MemberCtx, page: { limit: number; cursor?: string }) =>
  assigned(ctx, { kind: 'member', id: ctx.actor.memberId }, page);

/** `GET /surveys/assigned`: the surveys the caller's org (its chairman) is invited to. */
export const chairmanSurveys = (ctx: StaffCtx, page: { limit: number; cursor?: string }) =>
  assigned(ctx, { kind: 'chairman', id: ctx.actor.orgId }, page);

/** `GET /cabinet/surveys/:id`: one survey the member is invited to. */
export const memberSurvey = (ctx: MemberCtx, surveyId: string) =>
  assignedOne(ctx, { kind: 'member', id: ctx.actor.memberId }, surveyId);

/** `GET /surveys/assigned/:id`: one survey the caller's org (its chairman) is invited to. */
export const chairmanSurvey = (ctx: StaffCtx, surveyId: string) =>
  assignedOne(ctx, { kind: 'chairman', id: ctx.actor.orgId }, surveyId);
