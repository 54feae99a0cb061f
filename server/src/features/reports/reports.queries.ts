import type { ReportStatus } from '@profreestr/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { subtreeUpperBound } from '../../lib/tree-path.js';

// Statistical reports: the reports, their events and the sums of accepted reports per subtree.

type Db = Kysely<Database>;

// --- reports ---------------------------------------------------------------------------------

const reportColumns = [
  'r.id',
  'r.campaign_id',
  'r.org_id',
  'r.org_path',
  'r.status',
  'r.values',
  'r.register',
  'r.return_comment',
  'r.updated_at',
  'o.name as org_name',
  'c.form_code',
  'c.form_version',
  'c.as_of',
  'c.deadline',
] as const;

const reportsJoined = (db: Db) =>
  db
    .selectFrom('reports as r')
    .innerJoin('report_campaigns as c', 'c.id', 'r.campaign_id')
    .innerJoin('orgs as o', 'o.id', 'r.org_id');

export const findReport = (db: Db, id: string) =>
  reportsJoined(db).select(reportColumns).where('r.id', '=', id).executeTakeFirst();
export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

export const findReportForUpdate = (db: Db, id: string) =>
  reportsJoined(db).select(reportColumns).where('r.id', '=', id).forUpdate('r').executeTakeFirst();

export interface ReportFilter {
  path: string;
  campaignId?: string | undefined;
  statuses?: readonly ReportStatus[] | undefined;
  afterId?: string | undefined;
  limit: number;
}

export const findReports = (db: Db, f: ReportFilter) =>
  reportsJoined(db)
    .select(reportColumns)
    .select(sql<string | null>`o.chairman->>'lastName'`.as('chairman_last'))
    .select(sql<string | null>`o.chairman->>'firstName'`.as('chairman_first'))
    .select(
      sql<boolean>`coalesce(nullif(o.chairman->>'email', '') is not null
        and (o.chairman->'notify'->>'email')::boolean, false)`.as('reachable'),
    )
    .where('r.org_path', '>=', f.path)
    .where('r.org_path', '<', subtreeUpperBound(f.path))
    .$if(f.campaignId !== undefined, (q) => q.where('r.campaign_id', '=', f.campaignId as string))
    .$if(f.statuses !== undefined, (q) => q.where('r.status', 'in', f.statuses as ReportStatus[]))
    .$if(f.afterId !== undefined, (q) => q.where('r.id', '>', f.afterId as string))
    .orderBy('r.id')
    .limit(f.limit)
    .execute();
export type ReportListRow = Awaited<ReturnType<typeof findReports>>[number];

export async function updateReport(
  db: Db,
  id: string,
  change: {
    status?: ReportStatus;
    values?: unknown;
    register?: unknown;
    returnComment?: string | null;
    submitted?: boolean;
    decided?: boolean;
  },
) {
  await db
    .updateTable('reports')
    .set({
      ...(change.status ? { status: change.status } : {}),
      ...(change.values !== undefined ? { values: JSON.stringify(change.values) } : {}),
      ...(change.register !== undefined ? { register: JSON.stringify(change.register) } : {}),
      ...(change.returnComment !== undefined ? { return_comment: change.returnComment } : {}),
      ...(change.submitted ? { submitted_at: sql`now()` } : {}),
      ...(change.decided ? { decided_at: sql`now()` } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export async function insertReportEvent(
  db: Db,
  event: {
    reportId: string;
    action: Database['report_events']['action'];
    actorKind: Database['report_events']['actor_kind'];
    actorId: string | null;
    byName: string | null;
    comment?: string | null;
  },
) {
  await db
    .insertInto('report_events')
    .values({
      report_id: event.reportId,
      action: event.action,
      actor_kind: event.actorKind,
      actor_id: event.actorId,
      by_name: event.byName,
      comment: event.comment ?? null,
    })
    .execute();
}

export const findReportEvents = (db: Db, reportId: string) =>
  db
    .selectFrom('report_events')
    .select(['at', 'action', 'by_name', 'comment'])
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();

// --- consolidation -----------------------------------------------------------------------------

/**
 * Adds an accepted report's numbers to the sums of its org and every ancestor, in id order
 * (the rows are locked as they are updated: two acceptances under one region never deadlock).
 */
export async function addToTotals(
  db: Db,
  campaignId: string,
  orgIds: readonly string[],
  values: Record<string, number>,
  register: Record<string, number>,
) {
  const sorted = [...orgIds].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  const merged = (column: 'values' | 'register') => sql`(
    select coalesce(jsonb_object_agg(k, coalesce((t.${sql.ref(column)}->>k)::numeric, 0)
      + coalesce((excluded.${sql.ref(column)}->>k)::numeric, 0)), '{}'::jsonb)
      from (select jsonb_object_keys(t.${sql.ref(column)}) union
            select jsonb_object_keys(excluded.${sql.ref(column)})) ks(k))`;
  for (const orgId of sorted) {
    await sql`
      insert into report_totals as t (campaign_id, org_id, included, "values", register)
      values (${campaignId}, ${orgId}, 1, ${JSON.stringify(values)}::jsonb,
              ${JSON.stringify(register)}::jsonb)
      on conflict (campaign_id, org_id) do update set included = t.included + 1,
        "values" = ${merged('values')}, register = ${merged('register')}`.execute(db);
  }
}

export const findTotals = (db: Db, campaignId: string, orgId: string) =>
  db
    .selectFrom('report_totals')
    .select(['included', 'values', 'register'])
    .where('campaign_id', '=', campaignId)
    .where('org_id', '=', orgId)
    .executeTakeFirst();

/** Sums of a cell of another form's accepted reports for the same date, per org. */
export const findTotalsOfForm = (db: Db, formCode: string, asOf: string, orgIds: string[]) =>
  orgIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('report_totals as t')
        .innerJoin('report_campaigns as c', 'c.id', 't.campaign_id')
        .select(['t.org_id', 't.values'])
        .where('c.form_code', '=', formCode)
        .where('c.as_of', '=', asOf)
        .where('t.org_id', 'in', orgIds)
        .execute();
