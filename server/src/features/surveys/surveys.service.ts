import {
  definitionProblems,
  type MailingAudience,
  maxScore,
  type Survey,
  type SurveyCreate,
  type SurveyListItem,
  type SurveyPatch,
  type SurveyQuestion,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError, conflict, invalid } from '../../lib/app-error.js';
import { inTransaction, type StaffCtx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { pathIds } from '../../lib/tree-path.js';
import { authorizeList } from '../access/access.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  audienceOrg,
  manageSurvey,
  mayManageSurvey,
  reachSurvey,
  SURVEY_NOT_FOUND,
  surveyState,
} from './survey-access.js';
import { countAudience, inviteChunk } from './survey-invitees.queries.js';
import { queueSurveyLetters } from './survey-reminders.service.js';
import { surveyPublishJob } from './surveys.jobs.js';
import {
  findSurvey,
  findSurveys,
  insertSurvey,
  lockSurvey,
  type SurveyRow,
  updateSurvey,
} from './surveys.queries.js';

// Surveys and tests: a draft is built and changed freely; publishing resolves its audience
// once into the invited list (a job, in chunks, each with its invitations), after which only
// the closing time changes.

/**
 * People per chunk of publishing: one INSERT … SELECT and one commit with the position each, so
 * a million invitees take ~50 commits and a killed job loses at most one chunk.
 */
export const INVITE_CHUNK = 20_000;

const iso = (value: Date | string) => new Date(value).toISOString();

export function toSurvey(ctx: StaffCtx, row: SurveyRow): Survey {
  const questions = row.questions as SurveyQuestion[];
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    anonymous: row.anonymous,
    audience: row.audience as MailingAudience,
    orgId: row.org_id,
    orgName: row.org_name,
    questions,
    opensAt: iso(row.opens_at),
    closesAt: iso(row.closes_at),
    status: row.status,
    state: surveyState(row),
    audienceCount: row.audience_count,
    invited: row.invited,
    respondents: Number(row.respondents),
    maxScore: row.kind === 'test' ? maxScore(questions) : null,
    createdAt: iso(row.created_at),
    publishedAt: row.published_at ? iso(row.published_at) : null,
    remindedAt: row.reminded_at ? iso(row.reminded_at) : null,
    allowed: { manage: mayManageSurvey(ctx.actor, row) },
  };
}

const target = (row: { id: string; org_path: string }) => ({
  type: 'survey',
  id: row.id,
  orgPath: row.org_path,
});

async function reread(db: Kysely<Database>, id: string) {
  const row = await findSurvey(db, id);
  if (!row) throw new AppError('not_found', SURVEY_NOT_FOUND);
  return row;
}

export async function createSurvey(ctx: StaffCtx, input: SurveyCreate): Promise<Survey> {
  const org = await audienceOrg(ctx, input.audience);
  const audienceCount = await countAudience(ctx.db, input.audience, org.path);
  return inTransaction(ctx, async (tx) => {
    const { id } = await insertSurvey(tx.db, {
      ...input,
      respondentKind: input.audience.kind === 'members' ? 'member' : 'chairman',
      orgId: org.id,
      orgPath: org.path,
      userId: tx.actor.userId,
      audienceCount,
    });
    await recordAudit(tx, {
      action: 'survey.create',
      target: { type: 'survey', id, orgPath: org.path },
      details: { invited: audienceCount },
    });
    return toSurvey(ctx, await reread(tx.db, id));
  });
}

/** A draft counts its audience again (it changes); a published survey shows its invited. */
export async function getSurvey(ctx: StaffCtx, id: string): Promise<Survey> {
  const row = reachSurvey(ctx, await findSurvey(ctx.db, id), 'survey:read');
  if (row.status !== 'draft') return toSurvey(ctx, row);
  const audienceCount = await countAudience(ctx.db, row.audience as MailingAudience, row.org_path);
  return toSurvey(ctx, { ...row, audience_count: audienceCount });
}

export async function listSurveys(ctx: StaffCtx, page: { limit: number; cursor?: string }) {
  authorizeList(ctx.actor, 'survey:read');
  const before = decodeCursor(page.cursor, ['id'])?.[0];
  // The caller's ancestors, whose published surveys reach them.
  const ids = pathIds(ctx.actor.orgPath);
  const ancestorPaths = ids.slice(0, -1).map((_, i) => `${ids.slice(0, i + 1).join('.')}.`);
  const rows = await findSurveys(
    ctx.db,
    { path: ctx.actor.orgPath, ancestorPaths },
    before,
    page.limit + 1,
  );
  return toPage(
    rows,
    page.limit,
    (row): SurveyListItem => {
      const { questions: _q, ...item } = toSurvey(ctx, row);
      return item;
    },
    (row) => [row.id],
  );
}

const columnOf = {
  title: 'title',
  kind: 'kind',
  anonymous: 'anonymous',
  audience: 'audience',
  questions: 'questions',
  opensAt: 'opens_at',
  closesAt: 'closes_at',
} as const;

/** `PATCH /surveys/:id`: a draft in full; a published survey its closing time only. */
export async function changeSurvey(ctx: StaffCtx, id: string, patch: SurveyPatch) {
  return inTransaction(ctx, async (tx) => {
    const row = manageSurvey(tx, await lockSurvey(tx.db, id));
    const fields = (Object.keys(patch) as (keyof SurveyPatch)[]).filter(
      (k) => patch[k] !== undefined,
    );
    if (row.status !== 'draft' && fields.some((f) => f !== 'closesAt')) {
      throw conflict('Опрос уже опубликован: изменить можно только время окончания');
    }
    const merged = {
      kind: patch.kind ?? row.kind,
      questions: patch.questions ?? (row.questions as SurveyQuestion[]),
      opensAt: patch.opensAt ?? iso(row.opens_at),
      closesAt: patch.closesAt ?? iso(row.closes_at),
    };
    const problems = definitionProblems(merged);
    if (problems.length > 0) {
      throw new AppError('invalid', problems[0]?.message ?? '', problems);
    }
    const values: Parameters<typeof updateSurvey>[2] = {};
    if (patch.title !== undefined) values.title = patch.title;
    if (patch.kind !== undefined) values.kind = patch.kind;
    if (patch.anonymous !== undefined) values.anonymous = patch.anonymous;
    if (patch.questions !== undefined) values.questions = JSON.stringify(patch.questions);
    if (patch.opensAt !== undefined) values.opens_at = patch.opensAt;
    if (patch.closesAt !== undefined) values.closes_at = patch.closesAt;
    if (patch.audience !== undefined) {
      // Another audience: checked as a new one (the caller may no longer reach the old).
      const org = await audienceOrg(tx, patch.audience);
      values.audience = JSON.stringify(patch.audience);
      values.respondent_kind = patch.audience.kind === 'members' ? 'member' : 'chairman';
      values.org_id = org.id;
      values.org_path = org.path;
      values.audience_count = await countAudience(tx.db, patch.audience, org.path);
    }
    await updateSurvey(tx.db, id, values);
    await recordAudit(tx, {
      action: 'survey.update',
      target: target(row),
      details: { surveyFields: fields.map((f) => columnOf[f]) },
    });
    return toSurvey(ctx, await reread(tx.db, id));
  });
}

/** `POST /surveys/:id/publish`: the audience counted now; the job writes the invited list. */
export async function publishSurvey(ctx: StaffCtx, id: string): Promise<Survey> {
  return inTransaction(ctx, async (tx) => {
    // Locked: of two publishings at once, the second waits and finds it published.
    const row = manageSurvey(tx, await lockSurvey(tx.db, id));
    if (row.status !== 'draft') throw conflict('Опрос уже опубликован');
    if (new Date(row.closes_at) <= new Date()) {
      throw invalid('closesAt', 'Время окончания уже прошло: перенесите его');
    }
    // The audience's org may be out of the caller's reach by now: checked again.
    const audience = row.audience as MailingAudience;
    const org = await audienceOrg(tx, audience);
    const audienceCount = await countAudience(tx.db, audience, org.path);
    if (audienceCount === 0) throw invalid('audience', 'В аудитории опроса никого нет');
    await updateSurvey(tx.db, id, {
      status: 'publishing',
      audience_count: audienceCount,
      invited: 0,
      resume_after: null,
      published_at: new Date(),
    });
    await tx.jobs.send(surveyPublishJob, { surveyId: id });
    await recordAudit(tx, {
      action: 'survey.publish',
      target: target(row),
      details: { invited: audienceCount },
    });
    return toSurvey(ctx, await reread(tx.db, id));
  });
}

/**
 * The job: chunk after chunk of the audience into the invited list, each one transaction
 * holding the survey row (a second run waits, then continues from the saved position) with
 * its invitations queued; at the end the survey is published.
 */
export async function publishInvitees(
  db: Kysely<Database>,
  surveyId: string,
  chunkSize = INVITE_CHUNK,
) {
  for (let done = false; !done; ) {
    done = await db.transaction().execute(async (trx) => {
      const row = await lockSurvey(trx, surveyId);
      if (row?.status !== 'publishing') return true;
      const chunk = await inviteChunk(
        trx,
        {
          id: row.id,
          audience: row.audience as MailingAudience,
          path: row.org_path,
          depth: pathIds(row.org_path).length,
        },
        (row.resume_after as string[] | null) ?? null,
        chunkSize,
      );
      if (!chunk.last) {
        await updateSurvey(trx, surveyId, { status: 'published', resume_after: null });
        return true;
      }
      await queueSurveyLetters(trx, row, chunk.recipients, 'invitation');
      await updateSurvey(trx, surveyId, {
        invited: row.invited + chunk.written,
        resume_after: JSON.stringify(chunk.last),
      });
      return false;
    });
  }
}
