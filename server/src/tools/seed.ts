// `npm run seed -- --members N [--seed S]`: a deterministic dataset of the union's shape in the
// configured database (DATA_DIR or DATABASE_URL). The default, 50,000 members, is one region.
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { ensureFirstStart } from '../features/system/first-start.js';
import { generateOrgTree, orgCounts } from './seed/org-tree.js';
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
  const rows = generateOrgTree(new Random(seed), central, members, Number(maxRows[0]?.max) + 1);
  console.log(`Организаций: ${rows.length + 1}`, orgCounts(members));
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 1000) {
      await trx
        .insertInto('orgs')
        .values(rows.slice(i, i + 1000))
        .execute();
    }
    await sql`select setval('orgs_id_seq', (select max(id) from orgs))`.execute(trx);
  });
  await sql`analyze orgs`.execute(db);
  console.log(`Готово за ${((performance.now() - started) / 1000).toFixed(1)} с`);
} finally {
  await database.close();
}
