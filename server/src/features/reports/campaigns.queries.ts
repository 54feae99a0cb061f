import { type Kysely, sql } from 'kysely';
import { chairmanContactSql } from '../../db/chairman-contact.js';
import type { Database } from '../../db/schema.js';
import { subtreeUpperBound } from '../../lib/tree-path.js';

// Statistical reports: forms added by the centre, campaigns, their progress and reminders.

type Db = Kysely<Database>;

// --- forms -----------------------------------------------------------------------------------

export const findFormRows = (db: Db) =>
  db
    .selectFrom('report_forms')
    .select(['code', 'version', 'title', 'org_level', 'definition'])
    .orderBy('code')
    .orderBy('version')
    .execute();

/** Two admins adding a version of one form at once: the second waits and numbers after it. */
export async function lockForms(db: Db) {
  await sql`lock table report_forms in share row exclusive mode`.execute(db);
}

export async function insertFormRow(
  db: Db,
  row: { code: string; version: number; title: string; orgLevel: string; definition: unknown },
  userId: string,
) {
  await db
    .insertInto('report_forms')
    .values({
      code: row.code,
      version: row.version,
      title: row.title,
      org_level: row.orgLevel as Database['report_forms']['org_level'],
      definition: JSON.stringify(row.definition),
      created_by: userId,
    })
    .execute();
}

// --- campaigns -------------------------------------------------------------------------------

const campaignColumns = [
  'c.id',
  'c.form_code',
  'c.form_version',
  'c.as_of',
  'c.deadline',
  'c.org_id',
  'c.org_path',
  'c.status',
  'c.total',
  'c.created',
  'c.created_at',
  'o.name as org_name',
] as const;

export const findCampaign = (db: Db, id: string) =>
  db
    .selectFrom('report_campaigns as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .select(campaignColumns)
    .where('c.id', '=', id)
    .executeTakeFirst();
export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

/** Campaigns that reach the caller's subtree: opened above or inside it. */
export const findCampaigns = (db: Db, path: string, beforeId: string | undefined, limit: number) =>
  db
    .selectFrom('report_campaigns as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .select(campaignColumns)
    .where((eb) =>
      eb.or([
        eb(sql.val(path), 'like', sql<string>`c.org_path || '%'`),
        eb.and([eb('c.org_path', '>=', path), eb('c.org_path', '<', subtreeUpperBound(path))]),
      ]),
    )
    .$if(beforeId !== undefined, (q) => q.where('c.id', '<', beforeId as string))
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();

/** Another campaign of the form for the date whose subtree overlaps `path`'s. */
export const findOverlappingCampaign = (db: Db, formCode: string, asOf: string, path: string) =>
  db
    .selectFrom('report_campaigns as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .select(['c.id', 'o.name as org_name'])
    .where('c.form_code', '=', formCode)
    .where('c.as_of', '=', asOf)
    .where((eb) =>
      eb.or([
        eb(sql.val(path), 'like', sql<string>`c.org_path || '%'`),
        eb.and([eb('c.org_path', '>=', path), eb('c.org_path', '<', subtreeUpperBound(path))]),
      ]),
    )
    .executeTakeFirst();

export async function lockCampaigns(db: Db) {
  // Two admins opening overlapping campaigns at once: the second waits and then sees the first.
  await sql`lock table report_campaigns in share row exclusive mode`.execute(db);
}

export const insertCampaign = (
  db: Db,
  row: {
    formCode: string;
    version: number;
    asOf: string;
    deadline: string;
    orgId: string;
    orgPath: string;
    total: number;
    userId: string;
  },
) =>
  db
    .insertInto('report_campaigns')
    .values({
      form_code: row.formCode,
      form_version: row.version,
      as_of: row.asOf,
      deadline: row.deadline,
      org_id: row.orgId,
      org_path: row.orgPath,
      total: row.total,
      created_by: row.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

/** Active orgs of a level in a subtree: those a campaign makes reports for. */
export const findReportingOrgs = (db: Db, path: string, level: string) =>
  db
    .selectFrom('orgs')
    .select(['id', 'path'])
    .where('path', '>=', path)
    .where('path', '<', subtreeUpperBound(path))
    .where('level', '=', level as Database['orgs']['level'])
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();

export const countReportingOrgs = async (db: Db, path: string, level: string) =>
  (
    await db
      .selectFrom('orgs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('path', '>=', path)
      .where('path', '<', subtreeUpperBound(path))
      .where('level', '=', level as Database['orgs']['level'])
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow()
  ).n;

export async function insertReports(
  db: Db,
  campaignId: string,
  rows: { orgId: string; orgPath: string; values: unknown; register: unknown }[],
) {
  if (rows.length === 0) return;
  await db
    .insertInto('reports')
    .values(
      rows.map((r) => ({
        campaign_id: campaignId,
        org_id: r.orgId,
        org_path: r.orgPath,
        values: JSON.stringify(r.values),
        register: JSON.stringify(r.register),
      })),
    )
    .onConflict((oc) => oc.columns(['campaign_id', 'org_id']).doNothing())
    .execute();
}

export async function setCampaignProgress(
  db: Db,
  id: string,
  change: { created: number; status?: 'open' },
) {
  await db.updateTable('report_campaigns').set(change).where('id', '=', id).execute();
}

export const countCampaignReports = async (db: Db, campaignId: string) =>
  (
    await db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('campaign_id', '=', campaignId)
      .executeTakeFirstOrThrow()
  ).n;

/** Reports of a campaign in a subtree by status: one index-only range. */
export const countByStatus = (db: Db, campaignId: string, path: string) =>
  db
    .selectFrom('reports')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', campaignId)
    .where('org_path', '>=', path)
    .where('org_path', '<', subtreeUpperBound(path))
    .groupBy('status')
    .execute();

/** Each child of `parentId` with its subtree's reports of the campaign by status. */
export async function countByStatusOfChildren(db: Db, campaignId: string, parentId: string) {
  const { rows } = await sql<{
    id: string;
    name: string;
    level: Database['orgs']['level'];
    draft: number;
    submitted: number;
    accepted: number;
    returned: number;
  }>`
    select o.id, o.name, o.level, s.draft, s.submitted, s.accepted, s.returned
      from orgs o cross join lateral (
        select count(*) filter (where r.status = 'draft')::int as draft,
               count(*) filter (where r.status = 'submitted')::int as submitted,
               count(*) filter (where r.status = 'accepted')::int as accepted,
               count(*) filter (where r.status = 'returned')::int as returned
          from reports r
         where r.campaign_id = ${campaignId} and r.org_path >= o.path
           and r.org_path < left(o.path, -1) || '/') s
     where o.parent_id = ${parentId}
       and s.draft + s.submitted + s.accepted + s.returned > 0
     order by o.name_key, o.id`.execute(db);
  return rows;
}

// --- reminders ---------------------------------------------------------------------------

/** A chairman reminded within 12 hours is not reminded again (a second click, a retried job). */
const notRemindedLately = sql`(r.reminded_at is null or r.reminded_at < now() - interval '12 hours')`;

/** Chairmen of orgs whose reports of the campaign are not in yet, a batch after `afterId`. */
export async function findUnreportedChairmen(
  db: Db,
  campaignId: string,
  path: string,
  afterId: string,
  limit: number,
) {
  const { rows } = await sql<{
    report_id: string;
    id: string;
    name: string;
    path: string;
    email: string | null;
    last_name: string | null;
    first_name: string | null;
    middle_name: string | null;
    notify_email: boolean | null;
  }>`
    select r.id as report_id, o.id, o.name, o.path, ${chairmanContactSql}
      from reports r join orgs o on o.id = r.org_id
     where r.campaign_id = ${campaignId} and r.org_path >= ${path}
       and r.org_path < ${subtreeUpperBound(path)} and r.status in ('draft', 'returned')
       and ${notRemindedLately} and r.id > ${afterId}
     order by r.id limit ${limit}`.execute(db);
  return rows;
}

/** The batch's reports are reminded now (in the batch's transaction: a retry skips them). */
export async function markReminded(db: Db, reportIds: readonly string[]) {
  if (reportIds.length === 0) return;
  await db
    .updateTable('reports')
    .set({ reminded_at: sql`now()` })
    .where('id', 'in', [...reportIds])
    .execute();
}

export async function countReachableUnreported(db: Db, campaignId: string, path: string) {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from reports r join orgs o on o.id = r.org_id
     where r.campaign_id = ${campaignId} and r.org_path >= ${path}
       and r.org_path < ${subtreeUpperBound(path)} and r.status in ('draft', 'returned')
       and nullif(o.chairman->>'email', '') is not null
       and (o.chairman->'notify'->>'email')::boolean and ${notRemindedLately}`.execute(db);
  return rows[0]?.n ?? 0;
}
