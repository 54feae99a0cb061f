import { todayIso } from '@profreestr/contracts';
import type { DatabaseHandle } from '../db/database.js';
import {
  getCompleteness,
  getShortPassport,
  listOrgsLacking,
} from '../features/completeness/completeness.service.js';
import { listMembers } from '../features/members/member-list.service.js';
import type { StaffCtx } from '../lib/context.js';
import { subtreeUpperBound } from '../lib/tree-path.js';
import { type Measured, measure } from './bench-kit.js';

type Row = Record<string, unknown>;

// Completeness and short passports of the root, the largest regional org and the largest
// primary, against the same figures read by hand; the drill-downs' first pages against their
// SQL; and, once, the naive recount of the root's figures from the members table.
export async function benchCompleteness(env: {
  database: DatabaseHandle;
  ctx: StaffCtx;
}): Promise<Measured[]> {
  const { query } = env.database;
  const rows: Measured[] = [];
  const statsRow = `
    select o.id, o.code, o.name, o.level, o.path, p.name as parent_name, s.*
    from orgs o join org_stats s on s.org_id = o.id left join orgs p on p.id = o.parent_id
    where o.id = $1`;
  const orgs: Row[] = [];
  for (const level of ['central', 'regional', 'primary'] as const) {
    const [org] = (await query(
      `select o.id, o.path from orgs o join org_stats s on s.org_id = o.id
       where o.level = $1 order by s.active desc limit 1`,
      [level],
    )) as Row[];
    if (!org) continue;
    orgs.push({ ...org, level });
    const label = level === 'central' ? 'the root' : `largest ${level}`;
    const id = String(org.id);
    rows.push(
      await measure(
        `completeness, ${label}`,
        200,
        () => getCompleteness(env.ctx, id),
        () => query(statsRow, [id]),
      ),
      await measure(
        `short passport, ${label}`,
        200,
        () => getShortPassport(env.ctx, id),
        async () => {
          await query(statsRow, [id]);
          await query('select age_date from stats_clock');
        },
      ),
    );
  }
  const root = orgs[0];
  const region = orgs[1];
  if (!root || !region) return rows;
  for (const scope of [root, region]) {
    const label = scope.level === 'central' ? 'root' : 'regional';
    const path = String(scope.path);
    rows.push(
      await measure(
        `drill-down, primaries without a chairman, ${label}, first page of 50`,
        100,
        () => listOrgsLacking(env.ctx, String(scope.id), { indicator: 'chairman', limit: 50 }),
        () =>
          query(
            `select o.id, o.code, o.name, o.level, o.path, p.name as parent_name
             from (
               select * from orgs where level = 'primary' and status = 'active'
                 and coalesce(chairman ->> 'lastName', '') = ''
                 and path >= $1 and path < $2 order by path limit 51
             ) o left join orgs p on p.id = o.parent_id order by o.path`,
            [path, subtreeUpperBound(path)],
          ),
      ),
      await measure(
        `drill-down, orgs with members without sex, ${label}, first page of 50`,
        100,
        () => listOrgsLacking(env.ctx, String(scope.id), { indicator: 'sex', limit: 50 }),
        () =>
          query(
            `with lacking as (
               select min(org_id) as org_id, count(*)::int as n from members
               where status = 'active' and sex is null and org_path >= $1 and org_path < $2
               group by org_path order by org_path limit 51
             )
             select o.id, o.code, o.name, o.level, o.path, p.name as parent_name, lacking.n
             from lacking join orgs o on o.id = lacking.org_id
             left join orgs p on p.id = o.parent_id order by o.path`,
            [path, subtreeUpperBound(path)],
          ),
      ),
      await measure(
        `drill-down, members without a PD consent, ${label}, first page of 50`,
        100,
        () => listMembers(env.ctx, { under: String(scope.id), missing: 'pdConsent', limit: 50 }),
        () =>
          query(
            `select * from members
             where status = 'active' and pd_consent_on is null and org_path >= $1 and org_path < $2
             order by org_path, name_key, id limit 51`,
            [path, subtreeUpperBound(path)],
          ),
      ),
    );
  }
  const rootPath = String(root.path);
  rows.push(
    await measure(
      'for scale: the root figures recounted from 3.7 M members (no maintained counts)',
      3,
      () =>
        query(
          `select count(*) filter (where status = 'active' and sex is null),
             count(*) filter (where status = 'active' and birth_date > $3::date - interval '35 years')
           from members where org_path >= $1 and org_path < $2`,
          [rootPath, subtreeUpperBound(rootPath), todayIso()],
        ),
    ),
  );
  return rows;
}
