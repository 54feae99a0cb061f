import type {
  Campaign,
  CampaignInput,
  Consolidated,
  Discrepancy,
  Progress,
  ReportStatus,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import { conflict, invalid, notFound } from '../../lib/app-error.js';
import { inTransaction, type StaffCtx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { isInSubtree } from '../../lib/tree-path.js';
import { authorize, authorizeList, canSee } from '../access/access.js';
import { getOrgPlacement, listScope, ORG_NOT_FOUND } from '../access/placement.js';
import { recordAudit } from '../audit/audit.service.js';
import { reportReminderLetter } from '../mail/letters.js';
import { notifyOrgChairmen, reportUrl } from '../mail/mail.service.js';
import {
  type CampaignRow,
  countByStatus,
  countByStatusOfChildren,
  countCampaignReports,
  countReachableUnreported,
  countReportingOrgs,
  findCampaign,
  findCampaigns,
  findOverlappingCampaign,
  findReportingOrgs,
  findUnreportedChairmen,
  insertCampaign,
  insertReports,
  lockCampaigns,
  markReminded,
  setCampaignProgress,
} from './campaigns.queries.js';
import { computeValues, numbersOf } from './form-engine.js';
import { registerValues } from './register.service.js';
import { loadForm } from './report-forms.service.js';
import { campaignFillJob, campaignRemindJob } from './reports.jobs.js';
import { findReports, findTotals } from './reports.queries.js';

// Reporting campaigns: an admin opens one for a form, a date and a deadline over their subtree;
// a job makes a report for every active org of the form's level there, prefilled from the
// register as it stood on that date. Progress, «кто не отчитался», reminders and consolidation
// are read per subtree.

export const CAMPAIGN_NOT_FOUND = 'Отчётная кампания не найдена';
const BATCH = 2000;

const iso = (value: Date | string) => new Date(value).toISOString();

export async function toCampaign(db: Kysely<Database>, row: CampaignRow): Promise<Campaign> {
  const form = await loadForm(db, row.form_code, row.form_version);
  return {
    id: row.id,
    formCode: row.form_code,
    formTitle: form.form.title,
    version: row.form_version,
    asOf: row.as_of,
    deadline: row.deadline,
    orgId: row.org_id,
    orgName: row.org_name,
    status: row.status,
    total: row.total,
    created: row.created,
    createdAt: iso(row.created_at),
  };
}

/** A campaign reaches a caller opened above them or inside their subtree. */
const reaches = (actor: Actor, campaign: CampaignRow) =>
  actor.kind === 'staff' &&
  (canSee(actor, campaign.org_path) || isInSubtree(actor.orgPath, campaign.org_path));

/** The campaign, when it reaches the caller (else 404, like a missing one). */
export async function visibleCampaign(ctx: StaffCtx, id: string) {
  authorizeList(ctx.actor, 'report:read');
  const row = await findCampaign(ctx.db, id);
  if (!row || !reaches(ctx.actor, row)) throw notFound(CAMPAIGN_NOT_FOUND);
  return row;
}

export async function openCampaign(ctx: StaffCtx, input: CampaignInput): Promise<{ id: string }> {
  const org = await getOrgPlacement(ctx.db, input.under);
  authorize(ctx.actor, 'campaign:create', org, ORG_NOT_FOUND);
  if (org.status !== 'active') throw invalid('under', 'Организация ликвидирована');
  const form = await loadForm(ctx.db, input.formCode).catch(() => {
    throw invalid('formCode', 'Нет такой формы отчёта');
  });
  const level = form.form.orgLevel;
  return inTransaction(ctx, async (tx) => {
    await lockCampaigns(tx.db);
    const other = await findOverlappingCampaign(tx.db, form.form.code, input.asOf, org.path);
    if (other) {
      throw conflict(
        `Кампания по этой форме на эту дату уже открыта (организация «${other.org_name}»)`,
      );
    }
    const total = await countReportingOrgs(tx.db, org.path, level);
    const { id } = await insertCampaign(tx.db, {
      formCode: form.form.code,
      version: form.form.version,
      asOf: input.asOf,
      deadline: input.deadline,
      orgId: org.id,
      orgPath: org.path,
      total,
      userId: tx.actor.userId,
    });
    await tx.jobs.send(campaignFillJob, { campaignId: id });
    await recordAudit(tx, {
      action: 'report.campaign.create',
      target: { type: 'report_campaign', id, orgPath: org.path },
      details: { formCode: form.form.code, asOf: input.asOf, total },
    });
    return { id };
  });
}

/**
 * The job: every report of the campaign, prefilled, in batches that commit with the progress.
 * Counting the register is one pass over the subtree's periods; a retried job skips the reports
 * already made.
 */
export async function fillCampaign(db: Kysely<Database>, campaignId: string) {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign || campaign.status === 'open') return;
  const form = await loadForm(db, campaign.form_code, campaign.form_version);
  const orgs = await findReportingOrgs(db, campaign.org_path, form.form.orgLevel);
  const register = await registerValues(db, form, campaign.org_path, campaign.as_of, orgs);
  for (let start = 0; start < orgs.length; start += BATCH) {
    const batch = orgs.slice(start, start + BATCH);
    await db.transaction().execute(async (trx) => {
      await insertReports(
        trx,
        campaignId,
        batch.map((org) => {
          const values = register.get(org.id) ?? {};
          return { orgId: org.id, orgPath: org.path, values, register: values };
        }),
      );
      await setCampaignProgress(trx, campaignId, { created: start + batch.length });
    });
  }
  const made = await countCampaignReports(db, campaignId);
  await setCampaignProgress(db, campaignId, { created: made, status: 'open' });
}

export async function listCampaigns(
  ctx: StaffCtx,
  query: { under?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const path = await listScope(ctx, 'report:read', query.under);
  const beforeId = decodeCursor(query.cursor, ['id'])?.[0];
  const rows = await findCampaigns(ctx.db, path, beforeId, query.limit + 1);
  const page = toPage(
    rows,
    query.limit,
    (row) => row,
    (row) => [row.id],
  );
  return {
    items: await Promise.all(page.items.map((row) => toCampaign(ctx.db, row))),
    nextCursor: page.nextCursor,
  };
}

export async function getCampaign(ctx: StaffCtx, id: string) {
  return toCampaign(ctx.db, await visibleCampaign(ctx, id));
}

/** The subtree a campaign's figures are read for: `under` (in the caller's scope), else theirs. */
async function campaignScope(ctx: StaffCtx, id: string, under: string | undefined) {
  const campaign = await visibleCampaign(ctx, id);
  const path = await listScope(ctx, 'report:read', under);
  return { campaign, path };
}

const progressOf = (rows: { status: ReportStatus; n: number | string }[]): Progress => {
  const progress: Progress = { total: 0, draft: 0, submitted: 0, accepted: 0, returned: 0 };
  for (const row of rows) {
    progress[row.status] = Number(row.n);
    progress.total += Number(row.n);
  }
  return progress;
};

export async function campaignProgress(ctx: StaffCtx, id: string, under: string | undefined) {
  const { path } = await campaignScope(ctx, id, under);
  return progressOf(await countByStatus(ctx.db, id, path));
}

export async function campaignProgressChildren(
  ctx: StaffCtx,
  id: string,
  under: string | undefined,
) {
  await campaignScope(ctx, id, under);
  const rows = await countByStatusOfChildren(ctx.db, id, under ?? ctx.actor.orgId);
  return {
    items: rows.map((row) => ({
      orgId: row.id,
      name: row.name,
      level: row.level,
      total: row.draft + row.submitted + row.accepted + row.returned,
      draft: row.draft,
      submitted: row.submitted,
      accepted: row.accepted,
      returned: row.returned,
    })),
  };
}

/** «Кто не отчитался»: the subtree's reports still in draft or returned. */
export async function missingReports(
  ctx: StaffCtx,
  id: string,
  query: { under?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const { path } = await campaignScope(ctx, id, query.under);
  const after = decodeCursor(query.cursor, ['text', 'id']);
  const rows = await findReports(ctx.db, {
    path,
    campaignId: id,
    statuses: ['draft', 'returned'],
    after,
    limit: query.limit + 1,
  });
  // The chairmen's names of the subtree: reading the list is on record.
  await recordAudit(ctx, {
    action: 'report.missing.list',
    target: { type: 'report_campaign', id, orgPath: path },
    details: { returned: Math.min(rows.length, query.limit) },
  });
  return toPage(
    rows,
    query.limit,
    (row) => ({
      reportId: row.id,
      orgId: row.org_id,
      orgName: row.org_name,
      status: row.status,
      chairman: [row.chairman_last, row.chairman_first].filter(Boolean).join(' ') || null,
      reachable: row.reachable,
    }),
    (row) => [row.org_path, row.id],
  );
}

/** One action: a reminder to every reachable chairman of the subtree not yet reported. */
export async function remindUnreported(ctx: StaffCtx, id: string, under: string | undefined) {
  const { path } = await campaignScope(ctx, id, under);
  authorize(ctx.actor, 'report:review', { path });
  return inTransaction(ctx, async (tx) => {
    const queued = await countReachableUnreported(tx.db, id, path);
    if (queued > 0) await tx.jobs.send(campaignRemindJob, { campaignId: id, path });
    await recordAudit(tx, {
      action: 'report.campaign.remind',
      // In the reminded subtree: its admins see who reminded their chairmen.
      target: { type: 'report_campaign', id, orgPath: path },
      details: { queued },
    });
    return { queued };
  });
}

/** The reminder job: letters in batches of the unreported, each batch one transaction. */
export async function sendReminders(db: Kysely<Database>, campaignId: string, path: string) {
  const campaign = await findCampaign(db, campaignId);
  if (!campaign) return;
  const form = await loadForm(db, campaign.form_code, campaign.form_version);
  for (let afterId = '0'; ; ) {
    const rows = await findUnreportedChairmen(db, campaignId, path, afterId, 1000);
    if (rows.length === 0) return;
    afterId = (rows.at(-1) as (typeof rows)[number]).report_id;
    const reportOf = new Map(rows.map((row) => [row.id, row.report_id]));
    await db.transaction().execute(async (trx) => {
      await markReminded(
        trx,
        rows.map((row) => row.report_id),
      );
      await notifyOrgChairmen({ db: trx }, 'report_reminder', rows, (chairman, person) =>
        reportReminderLetter(
          person,
          {
            formTitle: form.form.title,
            asOf: campaign.as_of,
            deadline: campaign.deadline,
            orgName: chairman.name,
          },
          reportUrl(reportOf.get(chairman.id) as string),
        ),
      );
    });
  }
}

/**
 * Sums of the accepted reports of an org's subtree, with how many are in and missing, and what
 * they were read for (the campaign, its form, the org): the JSON, the files and the
 * discrepancies all start here.
 */
export async function consolidation(ctx: StaffCtx, id: string, orgId: string | undefined) {
  const campaign = await visibleCampaign(ctx, id);
  const target =
    orgId ?? (canSee(ctx.actor, campaign.org_path) ? campaign.org_id : ctx.actor.orgId);
  const org = await getOrgPlacement(ctx.db, target);
  authorize(ctx.actor, 'report:read', org, ORG_NOT_FOUND);
  const [totals, progress, form] = await Promise.all([
    findTotals(ctx.db, id, org.id),
    countByStatus(ctx.db, id, org.path),
    loadForm(ctx.db, campaign.form_code, campaign.form_version),
  ]);
  const included = totals?.included ?? 0;
  // Percentages are computed again from the sums: a sum of percentages means nothing.
  const sums: Consolidated = {
    values: numbersOf(computeValues(form, totals?.values ?? {})),
    register: numbersOf(totals?.register ?? {}),
    included,
    missing: progressOf(progress).total - included,
  };
  return { campaign, form, org, sums };
}

/** `GET …/consolidated`: the sums alone. */
export async function consolidated(ctx: StaffCtx, id: string, orgId: string | undefined) {
  return (await consolidation(ctx, id, orgId)).sums;
}

/** Per subtree: each prefilled cell's reported sum beside the register's, accepted reports. */
export async function subtreeDiscrepancies(
  ctx: StaffCtx,
  id: string,
  orgId: string | undefined,
): Promise<{ items: Discrepancy[]; included: number }> {
  const { form, sums } = await consolidation(ctx, id, orgId);
  const items = form.prefilled
    .map((code) => ({
      code,
      reported: sums.values[code] ?? null,
      register: sums.register[code] ?? 0,
    }))
    .filter((d) => d.reported !== d.register);
  // Nothing accepted yet: nothing reported to compare.
  return { items: sums.included > 0 ? items : [], included: sums.included };
}
