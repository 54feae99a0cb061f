import type { Kysely } from 'kysely';
import type { AuditConfig, BonusConfig, ImportConfig, MailConfig } from './config.js';
import type { Database } from './db/schema.js';
import { startAuditRetention } from './features/audit/audit-retention.js';
import { bonusConfirmJob } from './features/bonus/bonus.jobs.js';
import { startBonusDaily } from './features/bonus/bonus.worker.js';
import { startCabinetHousekeeping } from './features/cabinet/cabinet.worker.js';
import { sendCabinetCode } from './features/cabinet/cabinet-auth.service.js';
import { cabinetCodeJob } from './features/cabinet/cabinet-code.job.js';
import { fillCardBatch, moveBatchCards } from './features/cards/card-batches.service.js';
import { cardBatchFillJob, cardBatchMoveJob } from './features/cards/cards.jobs.js';
import { startStatsDaily } from './features/completeness/completeness.worker.js';
import { importJob } from './features/imports/import.job.js';
import { startImportWorker } from './features/imports/imports.worker.js';
import { startApplicationExpiry } from './features/join/join.worker.js';
import { startMailDelivery } from './features/mail/mail-delivery.js';
import { startMailRetention } from './features/mail/mail-retention.js';
import { mailingPrepareJob } from './features/mail/mailing.job.js';
import { prepareMailing } from './features/mail/mailings.service.js';
import { fillCampaign, sendReminders } from './features/reports/campaigns.service.js';
import { campaignFillJob, campaignRemindJob } from './features/reports/reports.jobs.js';
import { startSurveyRelease } from './features/surveys/survey-held.service.js';
import { sendSurveyReminders } from './features/surveys/survey-reminders.service.js';
import { surveyPublishJob, surveyRemindJob } from './features/surveys/surveys.jobs.js';
import { publishInvitees } from './features/surveys/surveys.service.js';
import type { JobDefinition, JobRunner } from './lib/jobs.js';

// The one place that knows every job and starts the workers: a new job is listed here.

// biome-ignore lint/suspicious/noExplicitAny: definitions of any payload
export const jobDefinitions: readonly JobDefinition<any>[] = [
  importJob,
  mailingPrepareJob,
  cabinetCodeJob,
  campaignFillJob,
  campaignRemindJob,
  cardBatchFillJob,
  cardBatchMoveJob,
  bonusConfirmJob,
  surveyPublishJob,
  surveyRemindJob,
];

type Log = {
  error(object: unknown, message: string): void;
  warn(object: unknown, message: string): void;
  info(object: unknown, message: string): void;
};

/** Starts every worker of this process; returns what stops them. */
export async function startWorkers(
  db: Kysely<Database>,
  runner: JobRunner,
  config: { imports: ImportConfig; mail: MailConfig; bonus: BonusConfig; audit: AuditConfig },
  log: Log,
): Promise<() => Promise<void>> {
  const stopSweep = await startImportWorker(db, runner, config.imports, log);
  await runner.work(mailingPrepareJob, ({ mailingId }) => prepareMailing(db, mailingId));
  await runner.work(cabinetCodeJob, ({ email }) => sendCabinetCode(db, email));
  await runner.work(campaignFillJob, ({ campaignId }) => fillCampaign(db, campaignId));
  await runner.work(campaignRemindJob, ({ campaignId, path }) =>
    sendReminders(db, campaignId, path),
  );
  await runner.work(cardBatchFillJob, ({ batchId }) => fillCardBatch(db, batchId));
  await runner.work(cardBatchMoveJob, ({ batchId, status }) => moveBatchCards(db, batchId, status));
  await runner.work(surveyPublishJob, ({ surveyId }) => publishInvitees(db, surveyId));
  await runner.work(surveyRemindJob, ({ surveyId }) => sendSurveyReminders(db, surveyId));
  const stopHousekeeping = await startCabinetHousekeeping(db, log);
  // The counts' daily step (under-35 ageing, trend snapshots) runs with the workers.
  const stopDaily = await startStatsDaily(db, log);
  // PROFCARDS: purchases whose hold is over are confirmed (sent at start and hourly).
  const stopBonus = await startBonusDaily(db, runner, config.bonus.holdDays, log);
  // Online applications nobody confirmed within 7 days expire (at start and hourly).
  const stopExpiry = await startApplicationExpiry(db, log);
  // Anonymous answers still held when their survey closes join the results (every 5 minutes).
  const stopSurveyRelease = await startSurveyRelease(db, log);
  // The audit log's months: made ahead, archived to files past their retention (6-hourly).
  const stopAuditRetention = await startAuditRetention(db, config.audit, log);
  // Delivered letters' texts are deleted after MAIL_RETENTION_DAYS (at start and hourly).
  const stopMailRetention = await startMailRetention(db, config.mail.retentionDays, log);
  // Letters leave the outbox only with SMTP configured; without it they wait, visibly queued.
  const delivery = config.mail.worker ? startMailDelivery(db, config.mail, log) : null;
  return async () => {
    stopSweep();
    stopDaily();
    stopHousekeeping();
    stopExpiry();
    stopBonus();
    stopSurveyRelease();
    stopMailRetention();
    stopAuditRetention();
    await delivery?.stop();
  };
}
