// `npm run bench [-- --explain]`: times the main operations on the loaded dataset (see
// `npm run seed`) against hand-written SQL through the bare driver, in the same run.
import { parseArgs } from 'node:util';
import type { Role } from '@profreestr/contracts';
import { nameKey } from '@profreestr/contracts';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { searchOrgs } from '../features/orgs/org-search.service.js';
import { moveOrg } from '../features/orgs/org-tree.service.js';
import { listChildren } from '../features/orgs/orgs.service.js';
import type { StaffActor } from '../lib/actor.js';
import type { StaffCtx } from '../lib/context.js';
import { startJobs } from '../lib/jobs.js';
import { subtreeUpperBound } from '../lib/tree-path.js';
import { jobDefinitions } from '../workers.js';
import { benchCabinet } from './bench-cabinet.js';
import { benchCards } from './bench-cards.js';
import { benchCluster, NEEDS_POSTGRES } from './bench-cluster.js';
import { benchCompleteness } from './bench-completeness.js';
import { benchHttp } from './bench-http.js';
import { type Measured, measure, printTable } from './bench-kit.js';
import { benchMail } from './bench-mail.js';
import { benchCounts, benchMembers } from './bench-members.js';
import { benchReports } from './bench-reports.js';
import { benchSurveys } from './bench-surveys.js';

const { values } = parseArgs({
  options: {
    explain: { type: 'boolean', default: false },
    // Length of the HTTP load run on the card read (autocannon, 10 connections).
    seconds: { type: 'string', default: '20' },
    // `--only completeness`: just the completeness and short passport rows; `--only mail`: a
    // mailing to every member (draft, recipients, delivery for --seconds); `--only members`:
    // the member rows (card, search, list, creation, transfer); `--only cabinet`: sign-in
    // codes, the member's own card, the public search of primaries; `--only reports`: a
    // union-wide 5 СП campaign, its progress and consolidation, the register as of a date;
    // `--only cards`: a union-wide batch of cards and its file, partners' card checks and
    // purchases under load for --seconds, the programme's monthly statistics; `--only surveys`:
    // a survey to every member published, the root's results over 500 K responses two ways;
    // `--only cluster` (PostgreSQL only): card checks and member creations through one app
    // server and through two on the same database, CPU per request of the app and of the
    // database, the card check as bare SQL, and the cores the union's peaks would need.
    only: { type: 'string' },
  },
});

const config = loadConfig(process.env);
// Two servers on one PGlite cannot be: said before any database is opened.
if (values.only === 'cluster' && !config.databaseUrl) {
  console.log(NEEDS_POSTGRES);
  process.exit(0);
}
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: 4,
});
const { db, query } = database;
// A dataset seeded by an older version gets the newer tables (the outbox) first.
await migrateToLatest(db);
// Services send jobs through the context; nothing here runs them (no workers are started).
const runner = await startJobs(database, jobDefinitions, (error) => console.error(error));
const { jobs } = runner;

type Row = Record<string, unknown>;
const one = async (text: string, params: unknown[] = []) => (await query(text, params))[0] as Row;

const admin = await one(
  `select u.id, u.login, u.role, u.org_id, o.path from users u join orgs o on o.id = u.org_id where u.login = 'admin'`,
);
const actor: StaffActor = {
  kind: 'staff',
  userId: String(admin.id),
  login: String(admin.login),
  role: admin.role as Role,
  orgId: String(admin.org_id),
  orgPath: String(admin.path),
  sessionId: 'bench',
};
const ctx: StaffCtx = { db, actor, ip: '127.0.0.1', jobs };
if (values.only === 'mail') {
  await benchMail({ database, ctx, seconds: Number(values.seconds) });
  await runner.stop();
  await database.close();
  process.exit(0);
}
if (values.only === 'cards') {
  const cards = await benchCards({ database, ctx, seconds: Number(values.seconds) });
  printTable(cards.rows);
  await runner.stop();
  await database.close();
  // benchCards sets the exit code when the load met refusals.
  process.exit();
}
if (values.only === 'cluster') {
  await benchCluster({
    database,
    ctx,
    seconds: Number(values.seconds),
    databaseUrl: config.databaseUrl,
  });
  await runner.stop();
  await database.close();
  // benchCluster sets the exit code when the load met refusals.
  process.exit();
}
const only: Record<string, () => Promise<Measured[]>> = {
  members: () => benchMembers({ database, ctx, explains: [] }),
  cabinet: () => benchCabinet({ database, ctx }),
  completeness: () => benchCompleteness({ database, ctx }),
  reports: () => benchReports({ database, ctx }),
  surveys: () => benchSurveys({ database, ctx }),
};
const chosen = values.only ? only[values.only] : undefined;
if (chosen) {
  printTable(await chosen());
  await runner.stop();
  await database.close();
  process.exit(0);
}
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
  ['whole union', actor.orgPath, undefined],
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
explains.push(['search', searchSql, searchParams(actor.orgPath, queries[0] ?? '')]);

// --- move a territorial org with ~100 primaries between two regions, back and forth
const movable = await one(`
  select p.id, p.parent_id, count(*)::int as n from orgs c join orgs p on p.id = c.parent_id
  where p.level = 'territorial' and p.parent_id in (select id from orgs where level = 'regional')
  group by p.id order by abs(count(*) - 100), p.id limit 1`);
const otherRegion = (await query(
  `select id from orgs where level = 'regional' and id <> $1 order by id limit 1`,
  [movable?.parent_id],
)) as Row[];
// A one-region dataset has nowhere to move to: the row is left out.
if (movable && otherRegion.length) {
  const homes = [String(otherRegion[0]?.id), String(movable.parent_id)];
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
  rows.push(
    await measure(`subtree move, territorial with ${movable.n} primaries`, 20, moveService),
  );
  const rawRow = await measure('raw', 20, rawMove);
  (rows.at(-1) as Measured).rawMedianMs = rawRow.medianMs;
}

rows.push(...(await benchMembers({ database, ctx, explains })));
rows.push(...(await benchCounts({ database, ctx })));
rows.push(...(await benchCompleteness({ database, ctx })));
const http = await benchHttp({ database, ctx, seconds: Number(values.seconds) });
rows.push(...http.rows);

printTable(rows);
if (http.load) console.log(`\n${http.load}`);

if (values.explain) {
  for (const [name, sqlText, params] of explains) {
    const plan = (await query(`explain (analyze, buffers) ${sqlText}`, params)) as Row[];
    console.log(`\n-- ${name}\n${plan.map((r) => Object.values(r)[0]).join('\n')}`);
  }
  const org = await one('select path from orgs where id = $1', [movable?.id ?? largest.id]);
  const from = String(org.path);
  const plan = (await query(
    `explain (analyze, buffers) select count(*) from orgs where path >= $1 and path < $2`,
    [from, subtreeUpperBound(from)],
  )) as Row[];
  console.log(
    `\n-- subtree rows of the moved org\n${plan.map((r) => Object.values(r)[0]).join('\n')}`,
  );
}
await runner.stop();
await database.close();
