// `npm run bench [-- --explain]`: times the main operations on the loaded dataset (see
// `npm run seed`) against hand-written SQL through the bare driver, in the same run.
import { parseArgs } from 'node:util';
import { personNameKey, type Role } from '@profreestr/contracts';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import type { Actor } from '../features/access/access.js';
import { getMember, listMembers } from '../features/members/members.service.js';
import { moveOrg } from '../features/orgs/org-tree.service.js';
import { listChildren, searchOrgs } from '../features/orgs/orgs.service.js';
import type { Ctx } from '../lib/context.js';
import { nameKey } from '../lib/name-key.js';
import { subtreeUpperBound } from '../lib/tree-path.js';
import { type Measured, measure, printTable } from './bench-kit.js';

const { values } = parseArgs({ options: { explain: { type: 'boolean', default: false } } });

const config = loadConfig(process.env);
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: 4,
});
const { db, query } = database;

type Row = Record<string, unknown>;
const one = async (text: string, params: unknown[] = []) => (await query(text, params))[0] as Row;

const admin = await one(
  `select u.id, u.login, u.role, u.org_id, o.path from users u join orgs o on o.id = u.org_id where u.login = 'admin'`,
);
const actor: Actor = {
  userId: String(admin.id),
  login: String(admin.login),
  role: admin.role as Role,
  orgId: String(admin.org_id),
  scopePath: String(admin.path),
  sessionId: 'bench',
};
const ctx: Ctx = { db, actor, ip: '127.0.0.1' };
const orgCount = Number((await one('select count(*)::int as n from orgs')).n);
console.log(`База: ${database.kind}, организаций: ${orgCount}\n`);

const rows: Measured[] = [];
const explains: [string, string, unknown[]][] = [];

// --- children of the largest territorial org
const largest = await one(`
  select p.id, count(*)::int as n from orgs c join orgs p on p.id = c.parent_id
  where p.level = 'territorial' group by p.id order by n desc, p.id limit 1`);
const childrenSql = `
  select o.*, (select count(*)::int from orgs c where c.parent_id = o.id) as child_count
  from orgs o where o.parent_id = $1 order by o.name_key, o.id limit 51`;
rows.push(
  await measure(
    `org children, largest territorial (${largest.n})`,
    200,
    () => listChildren(ctx, String(largest.id), { limit: 50 }),
    () => query(childrenSql, [largest.id]),
  ),
);
explains.push(['children', childrenSql, [largest.id]]);

// --- search by name words, whole union and one region
const region = await one(`select id, path from orgs where level = 'regional' order by id limit 1`);
// What users type: a town's adjective ("берёзогорская") or a kind and number ("сад 15").
const samples = (await query(
  `select level, name from orgs where level in ('territorial', 'primary') order by md5(id::text) limit 200`,
)) as Row[];
const queries = samples.map((r) => {
  const words = nameKey(String(r.name)).replace(/[«»"]/g, '').split(' ');
  if (r.level === 'territorial') return words[0] ?? '';
  const number = words.at(-1) ?? '';
  return `${words.at(-3)} ${number}`;
});
const searchSql = `
  select o.*, (select count(*)::int from orgs c where c.parent_id = o.id) as child_count
  from orgs o where o.path >= $1 and o.path < $2 and (o.name_key like $3 and o.name_key like $4)
  order by o.name_key, o.id limit 51`;
const searchParams = (scope: string, q: string) => {
  const [a = '', b = ''] = nameKey(q).split(' ');
  return [scope, subtreeUpperBound(scope), `%${a}%`, `%${b}%`];
};
for (const [label, scope, under] of [
  ['whole union', actor.scopePath, undefined],
  ['one region', String(region.path), String(region.id)],
] as const) {
  rows.push(
    await measure(
      `org search by name, ${label}`,
      200,
      (i) => searchOrgs(ctx, { q: queries[i % queries.length], under, limit: 50 }),
      (i) => query(searchSql, searchParams(scope, queries[i % queries.length] ?? '')),
    ),
  );
}
explains.push(['search', searchSql, searchParams(actor.scopePath, queries[0] ?? '')]);

// --- move a territorial org with ~100 primaries between two regions, back and forth
const movable = await one(`
  select p.id, p.parent_id, count(*)::int as n from orgs c join orgs p on p.id = c.parent_id
  where p.level = 'territorial' and p.parent_id in (select id from orgs where level = 'regional')
  group by p.id order by abs(count(*) - 100), p.id limit 1`);
const otherRegion = await one(
  `select id from orgs where level = 'regional' and id <> $1 order by id limit 1`,
  [movable.parent_id],
);
const homes = [String(otherRegion.id), String(movable.parent_id)];
const moveSql = `
  update orgs set path = $2 || substr(path, length($1) + 1),
    parent_id = case when id = $3 then $4::bigint else parent_id end
  where path >= $1 and path < $5`;
// Each closure alternates on its own count, so warm-up runs keep the alternation.
let rawMoves = 0;
const rawMove = async () => {
  const home = homes[rawMoves++ % 2];
  const org = await one('select path from orgs where id = $1', [movable.id]);
  const parent = await one('select path from orgs where id = $1', [home]);
  const from = String(org.path);
  const to = `${parent.path}${movable.id}.`;
  await query(moveSql, [from, to, movable.id, home, subtreeUpperBound(from)]);
};
let serviceMoves = 0;
const moveService = () =>
  moveOrg(ctx, String(movable.id), { parentId: homes[serviceMoves++ % 2] as string });
// An even count of moves leaves the tree as it was.
rows.push(await measure(`subtree move, territorial with ${movable.n} primaries`, 20, moveService));
const rawRow = await measure('raw', 20, rawMove);
(rows.at(-1) as Measured).rawMedianMs = rawRow.medianMs;

// --- members: card read, search by name prefix, list pages
const memberCount = Number((await one('select count(*)::int as n from members')).n);
if (memberCount > 0) {
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
    ['whole union', actor.scopePath, undefined],
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
}

printTable(rows);

if (values.explain) {
  for (const [name, sqlText, params] of explains) {
    const plan = (await query(`explain (analyze, buffers) ${sqlText}`, params)) as Row[];
    console.log(`\n-- ${name}\n${plan.map((r) => Object.values(r)[0]).join('\n')}`);
  }
  const org = await one('select path from orgs where id = $1', [movable.id]);
  const from = String(org.path);
  const plan = (await query(
    `explain (analyze, buffers) select count(*) from orgs where path >= $1 and path < $2`,
    [from, subtreeUpperBound(from)],
  )) as Row[];
  console.log(
    `\n-- subtree rows of the moved org\n${plan.map((r) => Object.values(r)[0]).join('\n')}`,
  );
}
await database.close();
