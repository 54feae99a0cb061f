import {
  ANSWERED_KEY,
  maxScore,
  type OrgLevel,
  SCORE_KEY,
  type SurveyQuestion,
  type SurveyResultChild,
  type SurveyResults,
} from '@profreestr/contracts';
import { invalid } from '../../lib/app-error.js';
import type { StaffCtx } from '../../lib/context.js';
import { badCursor, decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { isInSubtree, subtreeUpperBound } from '../../lib/tree-path.js';
import { authorize, roleAllows } from '../access/access.js';
import { ORG_NOT_FOUND } from '../access/placement.js';
import { recordAudit } from '../audit/audit.service.js';
import { idsDownFrom, reachSurvey } from './survey-access.js';
import { isShown, shownChildren } from './survey-disclosure.js';
import { countHeld } from './survey-responses.queries.js';
import {
  findChildStats,
  findOrgRef,
  findOrgStats,
  findRespondentNames,
  findTallies,
  findTextAnswers,
} from './survey-results.queries.js';
import { findSurvey, type SurveyRow } from './surveys.queries.js';

// Results by subtree from the maintained counts: invited, respondents, each answer's count, a
// scale's mean, a test's scores. A breakdown is shown only where survey-disclosure allows (or
// to a caller who may see individual responses of a named survey); respondent and invited
// counts are always shown (the response rate). Text answers come in the order of the
// responses' random ids: for an anonymous survey, an order that says nothing of who or when.

export interface ResultsScope {
  survey: SurveyRow;
  questions: SurveyQuestion[];
  org: { id: string; code: string; name: string; level: OrgLevel; path: string };
  /** The caller may see individual responses: a named survey, a role that manages surveys. */
  individual: boolean;
  /** The subtree's breakdown may be shown. */
  shown: boolean;
  invited: number;
  respondents: number;
}

const rate = (respondents: number, invited: number) =>
  invited > 0 ? Math.round((respondents / invited) * 1000) / 10 : null;

/**
 * The survey (reaching the caller) and the org whose subtree is asked for: `under`, else the
 * survey's org when the caller is above it, else the caller's own. An org above the survey's
 * stands for the survey's (all its respondents are there); one beside it is refused.
 */
export async function resultsScope(
  ctx: StaffCtx,
  id: string,
  under: string | undefined,
): Promise<ResultsScope> {
  const survey = reachSurvey(ctx, await findSurvey(ctx.db, id), 'survey:read');
  const wanted =
    under ?? (isInSubtree(survey.org_path, ctx.actor.orgPath) ? survey.org_id : ctx.actor.orgId);
  const asked = await findOrgRef(ctx.db, wanted);
  authorize(ctx.actor, 'survey:read', asked, ORG_NOT_FOUND);
  const aboveSurvey = isInSubtree(survey.org_path, asked.path);
  if (!aboveSurvey && !isInSubtree(asked.path, survey.org_path)) {
    throw invalid('under', 'Организация не входит в аудиторию опроса');
  }
  const org = aboveSurvey ? ((await findOrgRef(ctx.db, survey.org_id)) ?? asked) : asked;
  const individual = !survey.anonymous && roleAllows(ctx.actor.role, 'survey:manage');
  // From the survey's org down to the org asked: each org's respondents and its siblings'.
  const chainIds = idsDownFrom(survey.org_path, org.path);
  const [stats, siblings] = await Promise.all([
    findOrgStats(ctx.db, id, [survey.org_id, org.id]),
    findChildStats(ctx.db, id, chainIds.slice(0, -1)),
  ]);
  const root = stats.find((s) => s.org_id === survey.org_id);
  const own = stats.find((s) => s.org_id === org.id);
  const chain = chainIds.slice(1).map((childId, i) => ({
    id: childId,
    siblings: siblings
      .filter((s) => s.parent_id === chainIds[i])
      .map((s) => ({ id: s.id, respondents: s.respondents })),
  }));
  return {
    survey,
    questions: survey.questions as SurveyQuestion[],
    org,
    individual,
    shown: individual || isShown(root?.respondents ?? 0, chain),
    invited: own?.invited ?? 0,
    respondents: own?.respondents ?? 0,
  };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** `GET /surveys/:id/results`. */
export async function surveyResults(
  ctx: StaffCtx,
  id: string,
  under: string | undefined,
): Promise<SurveyResults> {
  const scope = await resultsScope(ctx, id, under);
  const { survey, questions, org, shown } = scope;
  const [tallies, heldBack] = await Promise.all([
    shown ? findTallies(ctx.db, id, org.id) : [],
    survey.anonymous ? countHeld(ctx.db, id, org.path, subtreeUpperBound(org.path)) : 0,
  ]);
  const byQuestion = new Map<string, Map<string, number>>();
  for (const t of tallies) {
    const answers = byQuestion.get(t.question) ?? new Map<string, number>();
    answers.set(t.answer, t.n);
    byQuestion.set(t.question, answers);
  }
  const questionResults = questions.map((q) => {
    const counted = byQuestion.get(q.code) ?? new Map<string, number>();
    const answered = counted.get(ANSWERED_KEY) ?? 0;
    const keys =
      q.type === 'scale'
        ? Array.from({ length: (q.max ?? 0) - (q.min ?? 0) + 1 }, (_, i) =>
            String((q.min ?? 0) + i),
          )
        : (q.options ?? []);
    const counts = Object.fromEntries(keys.map((k) => [k, counted.get(k) ?? 0]));
    const sum = keys.reduce((total, k) => total + Number(k) * (counted.get(k) ?? 0), 0);
    return {
      code: q.code,
      text: q.text,
      type: q.type,
      answered: shown ? answered : null,
      counts: shown && q.type !== 'text' ? counts : null,
      mean: shown && q.type === 'scale' && answered > 0 ? round2(sum / answered) : null,
    };
  });
  return {
    surveyId: survey.id,
    org: { id: org.id, code: org.code, name: org.name, level: org.level },
    invited: scope.invited,
    respondents: scope.respondents,
    responseRate: rate(scope.respondents, scope.invited),
    suppressed: !shown,
    individual: scope.individual,
    heldBack,
    questions: questionResults,
    scores: survey.kind === 'test' && shown ? scoresOf(byQuestion.get(SCORE_KEY), questions) : null,
  };
}

function scoresOf(counted: Map<string, number> | undefined, questions: SurveyQuestion[]) {
  const entries = [...(counted ?? new Map<string, number>())]
    .map(([score, n]) => [Number(score), n] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const top = maxScore(questions);
  return {
    min: entries[0]?.[0] ?? 0,
    mean: round2(entries.reduce((sum, [score, n]) => sum + score * n, 0) / total),
    max: entries.at(-1)?.[0] ?? 0,
    maxPossible: top,
    distribution: Object.fromEntries(
      Array.from({ length: top + 1 }, (_, score) => [
        String(score),
        entries.find(([s]) => s === score)?.[1] ?? 0,
      ]),
    ),
  };
}

/** `GET /surveys/:id/results/children`: the drill-down, a row per child org invited. */
export async function surveyResultChildren(
  ctx: StaffCtx,
  id: string,
  query: { under?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const scope = await resultsScope(ctx, id, query.under);
  // Every child is read (a few hundred at most): which may be shown depends on all of them.
  const children = await findChildStats(ctx.db, id, [scope.org.id]);
  const shown =
    scope.individual || !scope.shown
      ? new Set(scope.shown ? children.map((c) => c.id) : [])
      : shownChildren(scope.respondents, children);
  const after = decodeCursor(query.cursor, ['text', 'id']);
  const rest = after
    ? children.filter(
        (c) =>
          c.name_key > after[0] || (c.name_key === after[0] && BigInt(c.id) > BigInt(after[1])),
      )
    : children;
  const page = rest.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(
      (c): SurveyResultChild => ({
        org: { id: c.id, code: c.code, name: c.name, level: c.level },
        invited: c.invited,
        respondents: c.respondents,
        responseRate: rate(c.respondents, c.invited),
        suppressed: !shown.has(c.id),
      }),
    ),
    nextCursor: rest.length > query.limit && last ? encodeCursor([last.name_key, last.id]) : null,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `GET /surveys/:id/results/texts`: one question's text answers, a page at a time. */
export async function surveyTextAnswers(
  ctx: StaffCtx,
  id: string,
  query: {
    under?: string | undefined;
    question: string;
    cursor?: string | undefined;
    limit: number;
  },
) {
  const scope = await resultsScope(ctx, id, query.under);
  const question = scope.questions.find((q) => q.code === query.question);
  if (question?.type !== 'text') {
    throw invalid('question', 'В опросе нет вопроса с ответом текстом с таким кодом');
  }
  const after = decodeCursor(query.cursor, ['text'])?.[0];
  if (after !== undefined && !UUID.test(after)) throw badCursor();
  if (!scope.shown) return { items: [], nextCursor: null, suppressed: true };
  const rows = await findTextAnswers(ctx.db, {
    surveyId: id,
    path: scope.org.path,
    question: query.question,
    afterId: after ?? null,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const names = scope.individual
    ? await findRespondentNames(
        ctx.db,
        page.flatMap((r) =>
          r.respondent_kind && r.respondent_id
            ? [{ kind: r.respondent_kind, id: r.respondent_id }]
            : [],
        ),
      )
    : null;
  // Answers are what people wrote: reading them is on record (who, which question, how many).
  await recordAudit(ctx, {
    action: 'survey.answers',
    target: { type: 'survey', id, orgPath: scope.org.path },
    details: { question: query.question, returned: page.length },
  });
  return {
    items: page.map((r) => {
      const person =
        names && r.respondent_kind && r.respondent_id
          ? names[r.respondent_kind].get(r.respondent_id)
          : undefined;
      return {
        text: r.text,
        respondent:
          person && r.respondent_kind
            ? { kind: r.respondent_kind, id: r.respondent_id as string, name: person.name }
            : null,
      };
    }),
    nextCursor:
      rows.length > query.limit && page.at(-1) ? encodeCursor([page.at(-1)?.id as string]) : null,
    suppressed: false,
  };
}
