import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { conflict } from '../../lib/app-error.js';
import { inTransaction, type StaffCtx } from '../../lib/context.js';
import { recordAudit } from '../audit/audit.service.js';
import { type OutgoingLetter, publicUrl, queueLetters } from '../mail/mail.service.js';
import { manageSurvey, surveyState } from './survey-access.js';
import {
  countReachableUnanswered,
  type Recipient,
  unansweredChunk,
} from './survey-invitees.queries.js';
import { moscowTime, surveyInvitationLetter, surveyReminderLetter } from './survey-letters.js';
import { surveyRemindJob } from './surveys.jobs.js';
import { lockSurvey, type SurveyRow, updateSurvey } from './surveys.queries.js';

// Letters of a survey through the outbox: invitations as publishing writes the invited list,
// and a reminder to the invited who have not answered, at most once in 12 hours.

const REMIND_INTERVAL_MS = 12 * 60 * 60 * 1000;
/** Invitees per reminder chunk: one transaction with its letters and its position each. */
const REMIND_CHUNK = 20_000;
/** Letters per insert: well under the driver's 65,535 parameters (10 a letter). */
const LETTERS_PER_INSERT = 1000;

/** Where a respondent answers: the member's cabinet, or the chairman's «Опросы». */
const answerLink = (row: Pick<SurveyRow, 'id' | 'respondent_kind'>) =>
  row.respondent_kind === 'member'
    ? `${publicUrl()}/cabinet/surveys/${row.id}`
    : `${publicUrl()}/surveys/${row.id}/answer`;

/** Letters to these recipients, in the caller's transaction (they exist when it commits). */
export async function queueSurveyLetters(
  db: Kysely<Database>,
  row: SurveyRow,
  recipients: readonly Recipient[],
  kind: 'invitation' | 'reminder',
) {
  const survey = {
    kind: row.kind,
    title: row.title,
    anonymous: row.anonymous,
    closesAt: new Date(row.closes_at),
  };
  const compose = kind === 'invitation' ? surveyInvitationLetter : surveyReminderLetter;
  const link = answerLink(row);
  for (let i = 0; i < recipients.length; i += LETTERS_PER_INSERT) {
    const letters = recipients.slice(i, i + LETTERS_PER_INSERT).map(
      (r): OutgoingLetter => ({
        ...compose({ firstName: r.firstName, middleName: r.middleName }, survey, link),
        kind: 'survey_invitation',
        to: {
          address: r.email,
          name: [r.lastName, r.firstName].filter(Boolean).join(' ') || null,
        },
        orgPath: r.orgPath,
        memberId: row.respondent_kind === 'member' ? r.personId : null,
        bulk: true,
      }),
    );
    await queueLetters({ db }, letters);
  }
}

/** `POST /surveys/:id/remind`: a letter to each who has not answered and can receive one. */
export async function remindSurvey(ctx: StaffCtx, id: string): Promise<{ queued: number }> {
  return inTransaction(ctx, async (tx) => {
    const row = manageSurvey(tx, await lockSurvey(tx.db, id));
    if (row.status === 'draft') throw conflict('Опрос ещё не опубликован');
    if (row.status === 'publishing') {
      throw conflict('Приглашения ещё рассылаются: напомнить можно, когда они разосланы');
    }
    if (surveyState(row) === 'closed') throw conflict('Опрос закрыт: напоминать поздно');
    const last = row.reminded_at ? new Date(row.reminded_at) : null;
    if (last && Date.now() - last.getTime() < REMIND_INTERVAL_MS) {
      const next = new Date(last.getTime() + REMIND_INTERVAL_MS);
      throw conflict(
        `Напоминание уже отправлено ${moscowTime(last)}; следующее — не раньше ${moscowTime(next)}`,
      );
    }
    const queued = await countReachableUnanswered(tx.db, {
      id,
      kind: row.respondent_kind === 'member' ? 'members' : 'chairmen',
    });
    await updateSurvey(tx.db, id, { reminded_at: new Date(), remind_after: '0' });
    await tx.jobs.send(surveyRemindJob, { surveyId: id });
    await recordAudit(tx, {
      action: 'survey.remind',
      target: { type: 'survey', id, orgPath: row.org_path },
      details: { queued },
    });
    return { queued };
  });
}

/** The reminder job: the unanswered a chunk at a time, each with its letters and position. */
export async function sendSurveyReminders(db: Kysely<Database>, surveyId: string) {
  for (let done = false; !done; ) {
    done = await db.transaction().execute(async (trx) => {
      const row = await lockSurvey(trx, surveyId);
      if (!row || row.remind_after === null) return true;
      const chunk = await unansweredChunk(
        trx,
        { id: surveyId, kind: row.respondent_kind === 'member' ? 'members' : 'chairmen' },
        row.remind_after,
        REMIND_CHUNK,
      );
      await queueSurveyLetters(trx, row, chunk.recipients, 'reminder');
      await updateSurvey(trx, surveyId, { remind_after: chunk.last });
      return chunk.last === null;
    });
  }
}
