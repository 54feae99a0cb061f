import { type NormalizedAnswers, type SurveyQuestion, tallyKeys } from '@profreestr/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { startPeriodic } from '../../lib/periodic.js';
import { idsDownFrom } from './survey-access.js';
import { countAnswers, findHeldOfClosed, releaseHeld } from './survey-responses.queries.js';
import { findSurvey } from './surveys.queries.js';

// Anonymous answers wait apart from who gave them. Every row PostgreSQL writes keeps the id of
// its transaction (xmin): a response or a count written with the "answered" mark and the audit
// entry would carry the respondent's transaction id, and a join on it would name them. So the
// answer is held (no person, no time), and an org's answers reach the responses and the
// counts 5 or more at a time, in random order, within the transaction of the answer that makes
// 5: each released row could be any of the 5. What is left under 5 goes when the survey closes.

type Db = Kysely<Database>;

/** Answers of one org released together: at least this many. */
export const RELEASE_AT = 5;

/** Moves an org's held answers into responses and counts when `minimum` are waiting. */
export async function releaseAnswers(
  db: Db,
  survey: { id: string; org_path: string; questions: unknown },
  path: string,
  minimum: number,
) {
  const released = await releaseHeld(db, survey.id, path, minimum);
  if (released.length === 0) return 0;
  const questions = survey.questions as SurveyQuestion[];
  const counts = new Map<string, [string, string, number]>();
  for (const row of released) {
    for (const [question, answer] of tallyKeys(
      questions,
      row.answers as NormalizedAnswers,
      row.score,
    )) {
      const key = `${question}\u0000${answer}`;
      const seen = counts.get(key);
      if (seen) seen[2] += 1;
      else counts.set(key, [question, answer, 1]);
    }
  }
  await countAnswers(db, survey.id, idsDownFrom(survey.org_path, path), [...counts.values()]);
  return released.length;
}

/**
 * Releases whatever is still held for surveys closed by `now`, whatever the number: no more
 * answers can come to hide them among. Idempotent; run by the surveys' periodic step.
 */
export async function releaseClosedSurveys(db: Db, now: Date) {
  let released = 0;
  const survey = new Map<string, Awaited<ReturnType<typeof findSurvey>>>();
  for (const group of await findHeldOfClosed(db, now)) {
    // Groups come by survey: each survey's definition read once.
    if (!survey.has(group.survey_id))
      survey.set(group.survey_id, await findSurvey(db, group.survey_id));
    const closed = survey.get(group.survey_id);
    if (!closed) continue;
    released += await db
      .transaction()
      .execute((trx) => releaseAnswers(trx, closed, group.org_path, 1));
  }
  return released;
}

const FIVE_MINUTES = 5 * 60 * 1000;

/** Runs `releaseClosedSurveys` at start and every 5 minutes; returns what stops it. */
export async function startSurveyRelease(
  db: Db,
  log: { error(object: unknown, message: string): void },
): Promise<() => void> {
  const step = async () => {
    await releaseClosedSurveys(db, new Date());
    // Released answers leave dead row versions behind, still bearing the answering
    // transaction's id: cleared now rather than whenever autovacuum gets to them.
    await sql`vacuum survey_held_answers`.execute(db);
  };
  return startPeriodic(step, FIVE_MINUTES, (error) =>
    log.error({ err: error }, 'survey answers release failed'),
  );
}
