import type { DatabaseHandle } from '../db/database.js';
import {
  campaignProgress,
  consolidated,
  fillCampaign,
  openCampaign,
} from '../features/reports/campaigns.service.js';
import {
  registerAsOf,
  registerMovement,
  yearBefore,
} from '../features/reports/register.service.js';
import { acceptReport } from '../features/reports/reports.service.js';
import type { StaffCtx } from '../lib/context.js';
import { subtreeUpperBound } from '../lib/tree-path.js';
import { type Measured, measure } from './bench-kit.js';

type Row = Record<string, unknown>;

const AS_OF = '2026-01-01';

/**
 * Statistical reports at the union's size: a union-wide 5 СП campaign opened and filled (one
 * report per active primary, prefilled from the register as of the date), then the reads the
 * issue sets goals for: the root's progress, the root's consolidation, a region's membership as
 * of the date. Each beside the same question put to the database by hand.
 */
export async function benchReports(env: { database: DatabaseHandle; ctx: StaffCtx }) {
  const { query } = env.database;
  const { ctx } = env;
  const rows: Measured[] = [];
  // A campaign of an earlier run for the same form and date would refuse this one (409).
  const old = `select id from report_campaigns where form_code = '5sp' and as_of = '${AS_OF}'`;
  await query(
    `delete from report_events where report_id in (select id from reports where campaign_id in (${old}))`,
  );
  await query(`delete from report_totals where campaign_id in (${old})`);
  await query(`delete from reports where campaign_id in (${old})`);
  await query(`delete from report_campaigns where id in (${old})`);

  // A year of category changes after the date, as the union has them (students start work,
  // workers retire: ~100 K a year); the seed has none. Added once, to this bench database.
  const changes = Number(
    ((await query('select count(*)::int as n from member_category_changes')) as Row[])[0]?.n,
  );
  if (changes < 100_000) {
    await query(
      `insert into member_category_changes (member_id, changed_on, old_category, org_path)
       select id, $1::date + (id % 300)::int,
              case when category = 'working' then 'student' else 'working' end, org_path
         from members where status = 'active' and id % 37 = 0`,
      [AS_OF],
    );
    await query('analyze member_category_changes');
  }

  // --- opening: the request, then the job that makes and prefills every report
  const started = performance.now();
  const { id } = await openCampaign(ctx, {
    formCode: '5sp',
    asOf: AS_OF,
    deadline: '2026-03-01',
    under: ctx.actor.orgId,
  });
  const opened = performance.now();
  await fillCampaign(ctx.db, id);
  const filled = performance.now();
  const made = Number(
    ((await query('select count(*)::int as n from reports where campaign_id = $1', [id]))[0] as Row)
      .n,
  );
  // The same counting by hand: one pass over the periods, grouped by primary.
  const rawStarted = performance.now();
  await query(
    `select org_id, count(*) filter (where registered_on <= $1 and (deregistered_on is null or deregistered_on > $1))
       from member_periods where org_path >= $2 and org_path < $3 group by org_id`,
    [AS_OF, ctx.actor.orgPath, subtreeUpperBound(ctx.actor.orgPath)],
  );
  const rawMs = performance.now() - rawStarted;
  rows.push({
    operation: `open a union-wide 5 СП campaign: request`,
    n: 1,
    medianMs: opened - started,
    p95Ms: opened - started,
    rawMedianMs: null,
  });
  rows.push({
    operation: `… the job: ${made} reports made and prefilled (raw: the register count alone)`,
    n: 1,
    medianMs: filled - opened,
    p95Ms: filled - opened,
    rawMedianMs: rawMs,
  });

  // --- a share of the reports accepted, as in March: each acceptance adds to its ancestors
  const sample = (await query(
    `select id from reports where campaign_id = $1 order by md5(id::text) limit 300`,
    [id],
  )) as Row[];
  await query(`update reports set status = 'submitted' where id = any($1::bigint[])`, [
    sample.map((r) => String(r.id)),
  ]);
  rows.push(
    await measure('accept a report (sums added up the tree)', sample.length - 3, (i) =>
      acceptReport(ctx, String(sample[i + 3]?.id ?? sample[0]?.id)).catch(() => undefined),
    ),
  );

  // --- progress of the root
  const root = ctx.actor.orgPath;
  rows.push(
    await measure(
      'campaign progress, the root (72 K reports)',
      100,
      () => campaignProgress(ctx, id, undefined),
      () =>
        query(
          `select status, count(*) from reports where campaign_id = $1 and org_path >= $2 and org_path < $3 group by status`,
          [id, root, subtreeUpperBound(root)],
        ),
    ),
  );
  // --- consolidation of the root: one maintained row; by hand, summing the accepted reports
  rows.push(
    await measure(
      'consolidation, the root (raw: summing accepted reports)',
      50,
      () => consolidated(ctx, id, undefined),
      () =>
        query(
          `select key, sum(value::numeric) from reports r, jsonb_each_text(r.values)
            where r.campaign_id = $1 and r.status = 'accepted' and value ~ '^[0-9.]+$' group by key`,
          [id],
        ),
    ),
  );

  // --- the register as of the date, the largest region
  const region = (
    await query(
      `select o.id, o.path, s.active as members_active from orgs o join org_stats s on s.org_id = o.id
        where o.level = 'regional' order by s.active desc limit 1`,
    )
  )[0] as Row;
  const asOfSql = `
    select count(*) from member_periods p
     where p.org_path >= $1 and p.org_path < $2 and p.registered_on <= $3
       and (p.deregistered_on is null or p.deregistered_on > $3)`;
  rows.push(
    await measure(
      `membership as of ${AS_OF}, largest region (${region.members_active} members now)`,
      50,
      () => registerAsOf(ctx, { under: String(region.id), on: AS_OF }),
      () => query(asOfSql, [region.path, subtreeUpperBound(String(region.path)), AS_OF]),
    ),
  );
  rows.push(
    await measure(`movement over the year to ${AS_OF}, largest region`, 20, () =>
      registerMovement(ctx, { under: String(region.id), from: yearBefore(AS_OF), to: AS_OF }),
    ),
  );
  return rows;
}
