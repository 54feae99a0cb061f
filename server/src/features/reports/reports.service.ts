import type { Report, ReportStatus, ReportValues } from '@profreestr/contracts';
import type { Actor } from '../../lib/actor.js';
import { AppError, conflict } from '../../lib/app-error.js';
import { inTransaction, type StaffCtx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { pathIds } from '../../lib/tree-path.js';
import { authorize, can } from '../access/access.js';
import { listScope } from '../access/placement.js';
import { recordAudit } from '../audit/audit.service.js';
import { reportReturnedLetter } from '../mail/letters.js';
import { chairmenOf, notifyOrgChairmen, reportUrl } from '../mail/mail.service.js';
import { visibleCampaign } from './campaigns.service.js';
import { checkRules, checkValues, computeValues, numbersOf } from './form-engine.js';
import { registerValues } from './register.service.js';
import { loadForm } from './report-forms.service.js';
import {
  addToTotals,
  findReport,
  findReportEvents,
  findReportForUpdate,
  findReports,
  findTotalsOfOrg,
  insertReportEvent,
  type ReportRow,
  updateReport,
} from './reports.queries.js';

// A report's life: draft → submitted → accepted, or returned with a comment → resubmitted. Its
// org's own editors fill and submit it; editors of any org above accept or return it; accepted
// is final. Every transition is in the report's history and the audit log.

export const REPORT_NOT_FOUND = 'Отчёт не найден';

const placeOf = (row: ReportRow | undefined) => (row ? { path: row.org_path } : undefined);

/** The policy of a report: the one-liner plus whose report it is. */
const mayFill = (actor: Actor, row: ReportRow) =>
  can(actor, 'report:fill', placeOf(row) as { path: string }) &&
  actor.kind === 'staff' &&
  actor.orgId === row.org_id;
const mayReview = (actor: Actor, row: ReportRow) =>
  can(actor, 'report:review', placeOf(row) as { path: string }) &&
  actor.kind === 'staff' &&
  actor.orgId !== row.org_id;

const editable: readonly ReportStatus[] = ['draft', 'returned'];

const lockedMessage: Record<ReportStatus, string> = {
  draft: '',
  returned: '',
  submitted: 'Отчёт сдан: изменить его можно, только если его вернут на доработку',
  accepted: 'Отчёт принят и закрыт для изменений',
};

const targetOf = (row: ReportRow) => ({ type: 'report', id: row.id, orgPath: row.org_path });
const byName = (actor: Actor) => (actor.kind === 'staff' ? actor.login : null);

async function toReport(ctx: StaffCtx, row: ReportRow): Promise<Report> {
  const form = await loadForm(ctx.db, row.form_code, row.form_version);
  const values = computeValues(form, row.values);
  const { errors, warnings } = checkRules(form, values);
  const register = numbersOf(row.register);
  const discrepancies = form.prefilled
    .filter((code) => code in register)
    .map((code) => ({
      code,
      reported: typeof values[code] === 'number' ? (values[code] as number) : null,
      register: register[code] as number,
    }))
    .filter((d) => d.reported !== d.register);
  const fill = mayFill(ctx.actor, row) && editable.includes(row.status);
  const review = mayReview(ctx.actor, row) && row.status === 'submitted';
  return {
    id: row.id,
    campaignId: row.campaign_id,
    orgId: row.org_id,
    orgName: row.org_name,
    formCode: row.form_code,
    version: row.form_version,
    asOf: row.as_of,
    deadline: row.deadline,
    status: row.status,
    values,
    register,
    discrepancies,
    errors,
    warnings,
    returnComment: row.return_comment,
    updatedAt: new Date(row.updated_at).toISOString(),
    allowed: { edit: fill, submit: fill, accept: review, return: review },
  };
}

export async function listReports(
  ctx: StaffCtx,
  query: {
    campaignId?: string | undefined;
    under?: string | undefined;
    status?: ReportStatus | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  const path = await listScope(ctx, 'report:read', query.under);
  if (query.campaignId) await visibleCampaign(ctx, query.campaignId);
  const after = decodeCursor(query.cursor, ['text', 'id']);
  const rows = await findReports(ctx.db, {
    path,
    campaignId: query.campaignId,
    statuses: query.status ? [query.status] : undefined,
    after,
    limit: query.limit + 1,
  });
  return toPage(
    rows,
    query.limit,
    (row) => ({
      id: row.id,
      campaignId: row.campaign_id,
      orgId: row.org_id,
      orgName: row.org_name,
      formCode: row.form_code,
      asOf: row.as_of,
      deadline: row.deadline,
      status: row.status,
      updatedAt: new Date(row.updated_at).toISOString(),
    }),
    (row) => [row.org_path, row.id],
  );
}

export async function getReport(ctx: StaffCtx, id: string): Promise<Report> {
  const row = await findReport(ctx.db, id);
  authorize(ctx.actor, 'report:read', placeOf(row), REPORT_NOT_FOUND);
  return toReport(ctx, row as ReportRow);
}

/** The report locked for a change the caller's role and place allow, in a status allowing it. */
async function reportFor(
  ctx: StaffCtx,
  id: string,
  action: 'report:fill' | 'report:review',
  statuses: readonly ReportStatus[],
) {
  const row = await findReportForUpdate(ctx.db, id);
  authorize(ctx.actor, 'report:read', placeOf(row), REPORT_NOT_FOUND);
  const report = row as ReportRow;
  authorize(ctx.actor, action, placeOf(report));
  if (action === 'report:fill' && !mayFill(ctx.actor, report)) {
    throw new AppError('forbidden', 'Заполняет и сдаёт отчёт сама организация');
  }
  if (action === 'report:review' && !mayReview(ctx.actor, report)) {
    throw new AppError('forbidden', 'Принимает или возвращает отчёт вышестоящая организация');
  }
  if (!statuses.includes(report.status)) {
    throw conflict(lockedMessage[report.status] || 'Действие недоступно в этом статусе отчёта');
  }
  return report;
}

const auditActions = {
  saved: 'report.update',
  submitted: 'report.submit',
  accepted: 'report.accept',
  returned: 'report.return',
} as const;

async function transition(
  ctx: StaffCtx,
  row: ReportRow,
  action: 'saved' | 'submitted' | 'accepted' | 'returned',
  comment: string | null = null,
) {
  if (action !== 'saved') {
    await insertReportEvent(ctx.db, {
      reportId: row.id,
      action,
      actorKind: ctx.actor.kind,
      actorId: ctx.actor.userId,
      byName: byName(ctx.actor),
      comment,
    });
  }
  await recordAudit(ctx, {
    action: auditActions[action],
    target: targetOf(row),
    details: { status: row.status },
  });
}

export async function patchReport(ctx: StaffCtx, id: string, input: { values: ReportValues }) {
  return inTransaction(ctx, async (tx) => {
    const row = await reportFor(tx, id, 'report:fill', editable);
    const form = await loadForm(tx.db, row.form_code, row.form_version);
    const problems = checkValues(form, input.values);
    if (problems.length > 0) {
      throw new AppError(
        'invalid',
        `${problems[0]?.place}: ${problems[0]?.message}`,
        problems.map((p) => ({ field: `values.${p.place}`, message: p.message })),
      );
    }
    const values = computeValues(form, { ...row.values, ...input.values });
    await updateReport(tx.db, id, { values });
    await transition(tx, row, 'saved');
    return toReport(tx, (await findReport(tx.db, id)) as ReportRow);
  });
}

export async function submitReport(ctx: StaffCtx, id: string) {
  return inTransaction(ctx, async (tx) => {
    const row = await reportFor(tx, id, 'report:fill', editable);
    const form = await loadForm(tx.db, row.form_code, row.form_version);
    const { errors } = checkRules(form, computeValues(form, row.values));
    if (errors.length > 0) {
      throw new AppError(
        'invalid',
        `Отчёт не сдан: ${errors.length === 1 ? 'не выполнено условие' : `не выполнено условий: ${errors.length}`}`,
        errors.map((e) => ({ field: e.rule, message: e.message })),
      );
    }
    await updateReport(tx.db, id, { status: 'submitted', submitted: true });
    await transition(tx, row, 'submitted');
    return toReport(tx, (await findReport(tx.db, id)) as ReportRow);
  });
}

export async function acceptReport(ctx: StaffCtx, id: string) {
  return inTransaction(ctx, async (tx) => {
    const row = await reportFor(tx, id, 'report:review', ['submitted']);
    const form = await loadForm(tx.db, row.form_code, row.form_version);
    await updateReport(tx.db, id, { status: 'accepted', decided: true, returnComment: null });
    // The sums of every subtree it lies in: consolidation reads one row per org.
    await addToTotals(tx.db, pathIds(row.org_path), {
      campaignId: row.campaign_id,
      included: 1,
      values: numbersOf(computeValues(form, row.values)),
      register: numbersOf(row.register),
    });
    await transition(tx, row, 'accepted');
    return toReport(tx, (await findReport(tx.db, id)) as ReportRow);
  });
}

export async function returnReport(ctx: StaffCtx, id: string, input: { comment: string }) {
  return inTransaction(ctx, async (tx) => {
    const row = await reportFor(tx, id, 'report:review', ['submitted']);
    const form = await loadForm(tx.db, row.form_code, row.form_version);
    await updateReport(tx.db, id, {
      status: 'returned',
      decided: true,
      returnComment: input.comment,
    });
    await transition(tx, row, 'returned', input.comment);
    await notifyOrgChairmen(tx, 'report_returned', await chairmenOf(tx, [row.org_id]), (c, p) =>
      reportReturnedLetter(
        p,
        {
          formTitle: form.form.title,
          asOf: row.as_of,
          deadline: row.deadline,
          orgName: c.name,
          comment: input.comment,
        },
        reportUrl(row.id),
      ),
    );
    return toReport(tx, (await findReport(tx.db, id)) as ReportRow);
  });
}

/**
 * The register's figures read again (a territorial's 2 СП takes its primaries' 5 СП accepted
 * since the campaign opened): prefilled cells take the new figures, the rest stay as typed.
 */
export async function refreshPrefill(ctx: StaffCtx, id: string) {
  return inTransaction(ctx, async (tx) => {
    const row = await reportFor(tx, id, 'report:fill', editable);
    const form = await loadForm(tx.db, row.form_code, row.form_version);
    const register =
      (
        await registerValues(tx.db, form, row.org_path, row.as_of, [
          { id: row.org_id, path: row.org_path },
        ])
      ).get(row.org_id) ?? {};
    const values = computeValues(form, { ...row.values, ...register });
    await updateReport(tx.db, id, { values, register });
    await transition(tx, row, 'saved');
    return toReport(tx, (await findReport(tx.db, id)) as ReportRow);
  });
}

/**
 * An org moves (in the mover's transaction): the sums of its accepted reports leave its old
 * ancestors and join its new ones (the ancestors both share keep them).
 */
export async function moveReportTotals(
  ctx: Pick<StaffCtx, 'db'>,
  orgId: string,
  oldParentPath: string,
  newParentPath: string,
) {
  const before = pathIds(oldParentPath);
  const after = pathIds(newParentPath);
  const left = before.filter((id) => !after.includes(id));
  const joined = after.filter((id) => !before.includes(id));
  for (const sums of await findTotalsOfOrg(ctx.db, orgId)) {
    await addToTotals(ctx.db, left, sums, -1);
    await addToTotals(ctx.db, joined, sums);
  }
}

export async function reportHistory(ctx: StaffCtx, id: string) {
  const row = await findReport(ctx.db, id);
  authorize(ctx.actor, 'report:read', placeOf(row), REPORT_NOT_FOUND);
  const events = await findReportEvents(ctx.db, id);
  // A report is made by its campaign's job (72 K at once): its birth is the campaign's.
  const created = {
    at: new Date((row as ReportRow).campaign_created_at).toISOString(),
    action: 'created' as const,
    by: null,
    comment: null,
  };
  return {
    items: [
      created,
      ...events.map((e) => ({
        at: new Date(e.at).toISOString(),
        action: e.action,
        by: e.by_name,
        comment: e.comment,
      })),
    ],
  };
}
