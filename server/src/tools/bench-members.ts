import { personNameKey, todayIso } from '@profreestr/contracts';
import type { DatabaseHandle } from '../db/database.js';
import { transferMember } from '../features/members/member-lifecycle.service.js';
import { listMembers } from '../features/members/member-list.service.js';
import { createMember, getMember } from '../features/members/members.service.js';
import { getOrgStats } from '../features/stats/stats.service.js';
import type { StaffCtx } from '../lib/context.js';
import { subtreeUpperBound } from '../lib/tree-path.js';
import { type Measured, measure } from './bench-kit.js';

type Row = Record<string, unknown>;

/** Member operations: card read, searches, list pages, creation and transfer. */
export async function benchMembers(env: {
  database: DatabaseHandle;
  ctx: StaffCtx;
  explains: [string, string, unknown[]][];
}): Promise<Measured[]> {
  const { query } = env.database;
  const { ctx, explains } = env;
  const actor = ctx.actor;
  const one = async (text: string, params: unknown[] = []) => (await query(text, params))[0] as Row;
  if (Number((await one('select count(*)::int as n from members')).n) === 0) return [];
  const rows: Measured[] = [];
  const auditSql = `insert into audit_log (actor_user_id, action, target_type, target_id, result)
    values (${actor.userId}, 'bench.read', 'member', $1, 'ok')`;
  const sampleIds = (
    (await query('select id from members order by md5(id::text) limit 500')) as Row[]
  ).map((r) => String(r.id));
  rows.push(
    await measure(
      'member card read',
      500,
      (i) => getMember(ctx, sampleIds[i % sampleIds.length] as string),
      // The hand-written equivalent reads the card and writes its audit entry, as the law asks.
      async (i) => {
        await query('select * from members where id = $1', [sampleIds[i % sampleIds.length]]);
        await query(auditSql, [sampleIds[i % sampleIds.length]]);
      },
    ),
  );
  // Prefixes as a chairman types them: a surname and the start of a first name.
  const people = (await query(
    `select last_name, first_name from members order by md5(id::text) limit 200`,
  )) as Row[];
  const prefixes = people.map((p) => `${p.last_name} ${String(p.first_name).slice(0, 2)}`);
  const bigRegion = await one(`
    select o.id, o.path from orgs o where o.level = 'regional'
    order by (select count(*) from members m where m.org_path >= o.path and m.org_path < o.path || '~') desc
    limit 1`);
  const memberSearchSql = `
    select * from members where org_path >= $1 and org_path < $2
      and ((name_key >= $3 and name_key < $4) or (alt_key >= $3 and alt_key < $4))
    order by name_key, id limit 51`;
  const prefixParams = (scope: string, text: string) => {
    const key = personNameKey(text, '', '');
    const end = key.slice(0, -1) + String.fromCharCode(key.charCodeAt(key.length - 1) + 1);
    return [scope, subtreeUpperBound(scope), key, end];
  };
  for (const [label, scope, under] of [
    [`largest region`, String(bigRegion.path), String(bigRegion.id)],
    ['whole union', actor.orgPath, undefined],
  ] as const) {
    rows.push(
      await measure(
        `member search by name prefix, ${label}`,
        200,
        (i) => listMembers(ctx, { q: prefixes[i % prefixes.length], under, limit: 50 }),
        async (i) => {
          await query(memberSearchSql, prefixParams(scope, prefixes[i % prefixes.length] ?? ''));
          await query(auditSql, [scope]);
        },
      ),
    );
  }
  explains.push([
    'member search, region',
    memberSearchSql,
    prefixParams(String(bigRegion.path), prefixes[0] ?? ''),
  ]);
  const bigPrimary = await one(`
    select org_id as id, (select path from orgs where id = org_id) as path
    from members group by org_id order by count(*) desc limit 1`);
  const listSql = `
    select * from members where org_path >= $1 and org_path < $2 and status = 'active'
    order by name_key, id limit 51`;
  for (const [label, org] of [
    ['largest primary', bigPrimary],
    ['largest region', bigRegion],
  ] as const) {
    rows.push(
      await measure(
        `member list page, ${label}`,
        200,
        () => listMembers(ctx, { under: String(org.id), status: 'active', limit: 50 }),
        async () => {
          await query(listSql, [org.path, subtreeUpperBound(String(org.path))]);
          await query(auditSql, [org.id]);
        },
      ),
    );
  }
  explains.push([
    'member list, region',
    listSql,
    [bigRegion.path, subtreeUpperBound(String(bigRegion.path))],
  ]);

  // Creation and transfer write: members land in the largest primary and move to another.
  const primaries = (await query(
    `select id, path from orgs where level = 'primary' and status = 'active' order by id limit 2`,
  )) as Row[];
  const [home, away] = primaries.map((p) => String(p.id));
  const today = todayIso();
  let created = 0;
  const createdIds: string[] = [];
  rows.push(
    await measure(
      'member creation (put on record)',
      100,
      async () => {
        const m = await createMember(ctx, {
          orgId: home as string,
          lastName: 'Замерова',
          firstName: 'Проверка',
          middleName: `Номер${'о'.repeat(created++ % 40)}вна`,
        });
        createdIds.push(m.id);
      },
      async () => {
        // By hand: a card number, the member, its period, the counts of five orgs, the audit.
        const [serial] = (await query(`select nextval('card_number_seq') as n`)) as Row[];
        const inserted = (await query(
          `insert into members (org_id, last_name, first_name, name_key, alt_key, registered_on, card_number)
           values ($1, 'Замерова', 'Сырая', 'замерова сырая', 'сырая замерова', $2, lpad($3::text, 16, '9'))
           returning id`,
          [home, today, (serial as Row).n],
        )) as Row[];
        const id = (inserted[0] as Row).id;
        await query(
          `insert into member_periods (member_id, org_id, registered_on) values ($1, $2, $3)`,
          [id, home, today],
        );
        await query(`update org_stats set active = active + 1 where org_id = any($1::bigint[])`, [
          String(primaries[0]?.path).slice(0, -1).split('.'),
        ]);
        await query(
          `insert into audit_log (action, target_type, target_id, result) values ('bench', 'member', $1, 'ok')`,
          [id],
        );
      },
    ),
  );
  // Each transfer sends a member created above to the other of the two primaries.
  const whereIs = new Map(createdIds.map((id) => [id, home as string]));
  let moves = 0;
  rows.push(
    await measure('member transfer', 100, async () => {
      const id = createdIds[moves++ % createdIds.length] as string;
      const to = whereIs.get(id) === home ? away : home;
      await transferMember(ctx, id, { toOrgId: to as string, on: today });
      whereIs.set(id, to as string);
    }),
  );
  return rows;
}

/** Subtree counts: one row of org_stats whatever the subtree, against a live recount. */
export async function benchCounts(env: {
  database: DatabaseHandle;
  ctx: StaffCtx;
}): Promise<Measured[]> {
  const { query } = env.database;
  const rows: Measured[] = [];
  for (const level of ['primary', 'territorial', 'regional', 'central'] as const) {
    const [org] = (await query(
      `select o.id, o.path from orgs o join org_stats s on s.org_id = o.id
       where o.level = $1 order by s.active desc limit 1`,
      [level],
    )) as Row[];
    if (!org) continue;
    const recount = `
      select count(*) filter (where status = 'active') as active,
        count(*) filter (where status <> 'active') as deregistered,
        count(*) filter (where status = 'active' and category = 'working') as working,
        count(*) filter (where status = 'active' and sex = 'female') as female
      from members where org_path >= $1 and org_path < $2`;
    rows.push(
      await measure(
        `subtree counts, ${level === 'central' ? 'the root' : `largest ${level}`}`,
        50,
        () => getOrgStats(env.ctx, String(org.id)),
        () => query(recount, [org.path, subtreeUpperBound(String(org.path))]),
      ),
    );
  }
  return rows;
}
