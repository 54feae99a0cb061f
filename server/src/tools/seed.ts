// `npm run seed -- --members N [--seed S]`: a deterministic dataset of the union's shape in the
// configured database (DATA_DIR or DATABASE_URL). The default, 50,000 members, is one region.
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { rebuildAllStats } from '../features/stats/stats.queries.js';
import { ensureFirstStart } from '../features/system/first-start.js';
import { csvChunks, flatIter, mapIter } from './seed/csv.js';
import {
  generateMembers,
  MEMBER_COLUMNS,
  membersPerPrimary,
  PERIOD_COLUMNS,
  seedPrimaryOf,
} from './seed/members.js';
import { generateOrgTree, ORG_COLUMNS, orgCounts } from './seed/org-tree.js';
import { Random } from './seed/random.js';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '50000' },
    seed: { type: 'string', default: '1' },
  },
});
const members = Number(values.members);
const seed = Number(values.seed);
if (!Number.isInteger(members) || members < 1 || !Number.isInteger(seed)) {
  console.error('Использование: npm run seed -- --members N [--seed S]');
  process.exit(2);
}

const config = loadConfig(process.env);
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: 2,
});
const started = performance.now();
const step = (what: string) =>
  console.log(`  ${what}: ${((performance.now() - started) / 1000).toFixed(1)} с`);
try {
  await migrateToLatest(database.db);
  const first = await ensureFirstStart(database, config.adminPassword);
  if (first.generatedPassword) console.log(`Администратор: admin / ${first.generatedPassword}`);
  const { db } = database;
  const existing = await db
    .selectFrom('orgs')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  if (existing.n > 1) {
    console.error(
      `В базе уже ${existing.n} организаций: генератор заполняет только пустой реестр.`,
    );
    process.exit(1);
  }
  const central = await db
    .selectFrom('orgs')
    .select(['id', 'path'])
    .where('level', '=', 'central')
    .executeTakeFirstOrThrow();
  const { rows: maxRows } = await sql<{ max: string }>`select max(id) as max from orgs`.execute(db);
  const orgs = generateOrgTree(new Random(seed), central, members, Number(maxRows[0]?.max) + 1);
  console.log(`Организаций: ${orgs.length + 1}`, orgCounts(members));
  await database.copyIn('orgs', ORG_COLUMNS, csvChunks(orgs, ORG_COLUMNS));
  await sql`select setval('orgs_id_seq', (select max(id) from orgs))`.execute(db);
  await sql`analyze orgs`.execute(db);
  step('организации');

  const primaries = orgs.filter((o) => o.level === 'primary').map(seedPrimaryOf);
  const memberRandom = () => new Random(seed * 7919 + 1);
  const counts = membersPerPrimary(memberRandom(), primaries, members);
  const { rows: lastMember } = await sql<{
    max: string | null;
  }>`select max(id) as max from members`.execute(db);
  const firstMemberId = Number(lastMember[0]?.max ?? 0) + 1;
  // Two passes over the same deterministic stream: members first, then their periods, so
  // neither needs to sit in memory whole.
  const stream = () => generateMembers(memberRandom(), primaries, counts, firstMemberId);
  // org_path comes from the generator, so the trigger that copies it from orgs can rest.
  const copy = (table: string, columns: readonly string[], chunks: AsyncIterable<string>) =>
    database.copyIn(table, columns, chunks, { withoutTriggers: true });
  // Indexes are built once after the load instead of row by row during it.
  const indexes = (await database.query(
    `select indexname, indexdef from pg_indexes
     where schemaname = current_schema() and tablename in ('members', 'member_periods')
       and indexname not like '%_pkey'`,
  )) as { indexname: string; indexdef: string }[];
  for (const index of indexes) await sql.raw(`drop index ${index.indexname}`).execute(db);
  await copy(
    'members',
    MEMBER_COLUMNS,
    csvChunks(
      mapIter(stream(), (g) => g.member),
      MEMBER_COLUMNS,
    ),
  );
  step(`члены Профсоюза: ${members}`);
  await copy(
    'member_periods',
    PERIOD_COLUMNS,
    csvChunks(
      flatIter(stream(), (g) => g.periods),
      PERIOD_COLUMNS,
    ),
  );
  step('периоды учёта');
  await sql`set maintenance_work_mem = '512MB'`.execute(db);
  for (const index of indexes) await sql.raw(index.indexdef).execute(db);
  step(`индексы: ${indexes.length}`);
  await rebuildAllStats(db);
  await sql`select setval(pg_get_serial_sequence('members', 'id'), (select max(id) from members))`.execute(
    db,
  );
  await sql`select setval('card_number_seq', (select max(id) from members))`.execute(db);
  await sql`analyze members`.execute(db);
  await sql`analyze member_periods`.execute(db);
  step('счётчики и статистика');
  console.log(`Готово за ${((performance.now() - started) / 1000).toFixed(1)} с`);
} finally {
  await database.close();
}
