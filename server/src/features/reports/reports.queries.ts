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
  'c.created_at as campaign_created_at',
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
  /** The last row of the page before: its org's path and its id (tree order). */
  after?: readonly [string, string] | undefined;
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
    .$if(f.after !== undefined, (q) => {
      const [path, id] = f.after as [string, string];
      return q.where((eb) =>
        eb.or([
          eb('r.org_path', '>', path),
          eb.and([eb('r.org_path', '=', path), eb('r.id', '>', id)]),
        ]),
      );
    })
    // Tree order, one range of the path indexes: a page never sorts the whole subtree.
    .orderBy('r.org_path')
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

/** Numbers added to (or, with sign −1, taken from) the sums of some orgs of a campaign. */
export interface TotalsDelta {
  campaignId: string;
  included: number;
  values: Record<string, number>;
  register: Record<string, number>;
}

/**
 * Adds `delta` to the sums of each org, in id order (the rows are locked as they are updated:
 * two acceptances under one region never deadlock). Accepting a report adds it to its org and
 * every ancestor; moving an org takes its sums from the old ancestors to the new ones.
 */
export async function addToTotals(
  db: Db,
  orgIds: readonly string[],
  delta: TotalsDelta,
  sign: 1 | -1 = 1,
) {
  const sorted = [...orgIds].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  const merged = (column: 'values' | 'register') => sql`(
    select coalesce(jsonb_object_agg(k, coalesce((t.${sql.ref(column)}->>k)::numeric, 0)
      + ${sign} * coalesce((excluded.${sql.ref(column)}->>k)::numeric, 0)), '{}'::jsonb)
      from (select jsonb_object_keys(t.${sql.ref(column)}) union
            select jsonb_object_keys(excluded.${sql.ref(column)})) ks(k))`;
  for (const orgId of sorted) {
    await sql`
      insert into report_totals as t (campaign_id, org_id, included, "values", register)
      values (${delta.campaignId}, ${orgId}, ${delta.included}, ${JSON.stringify(delta.values)}::jsonb,
              ${JSON.stringify(delta.register)}::jsonb)
      on conflict (campaign_id, org_id) do update
        set included = t.included + ${sign * delta.included},
        "values" = ${merged('values')}, register = ${merged('register')}`.execute(db);
  }
}

/** An org's own sums in every campaign (what moves with it when it moves). */
export async function findTotalsOfOrg(db: Db, orgId: string): Promise<TotalsDelta[]> {
  const rows = await db
    .selectFrom('report_totals')
    .select(['campaign_id', 'included', 'values', 'register'])
    .where('org_id', '=', orgId)
    .orderBy('campaign_id')
    .execute();
  return rows.map((row) => ({
    campaignId: row.campaign_id,
    included: row.included,
    values: row.values,
    register: row.register,
  }));
}

export const findTotals = (db: Db, campaignId: string, orgId: string) =>
  db
    .selectFrom('report_totals')
    .select(['included', 'values', 'register'])
    .where('campaign_id', '=', campaignId)
    .where('org_id', '=', orgId)
    .executeTakeFirst();

/**
 * Sums of another form's accepted reports for the same date, per org: several campaigns of
 * that form and date (each over its own subtree) may reach one org, so they are added up.
 */
export async function findTotalsOfForm(db: Db, formCode: string, asOf: string, orgIds: string[]) {
  if (orgIds.length === 0) return [];
  const rows = await db
    .selectFrom('report_totals as t')
    .innerJoin('report_campaigns as c', 'c.id', 't.campaign_id')
    .select(['t.org_id', 't.values'])
    .where('c.form_code', '=', formCode)
    .where('c.as_of', '=', asOf)
    .where('t.org_id', 'in', orgIds)
    .execute();
  const byOrg = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const sums = byOrg.get(row.org_id) ?? {};
    for (const [k, v] of Object.entries(row.values)) sums[k] = (sums[k] ?? 0) + Number(v);
    byOrg.set(row.org_id, sums);
  }
  return [...byOrg].map(([org_id, values]) => ({ org_id, values }));
}
