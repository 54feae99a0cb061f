import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { putOnRecord } from '../../test/member-fixture.js';
import { createTestApp } from '../../test/test-app.js';
import { buildTree } from '../../test/tree-fixture.js';
import { BackupError, backupDatabase, restoreDatabase, type Target } from './backup.js';
import { type DatabaseHandle, openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';
import type { Database } from './schema.js';

// npm run backup / restore on both databases: a restored register has the same counts, card
// numbers and audit rows; a non-empty one is not overwritten unless forced.

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});
const folder = async (prefix: string) => {
  const made = await mkdtemp(path.join(tmpdir(), prefix));
  folders.push(made);
  return made;
};

/** A small register made through the API: a tree, three members, their audit entries. */
async function fill(database: DatabaseHandle) {
  const t = await createTestApp({ database });
  const tree = await buildTree(t);
  const admin = await t.login('admin');
  for (const lastName of ['Копиева', 'Архивова', 'Сохранова']) {
    await putOnRecord(t, admin, {
      orgId: tree.orgs.primaryA1.id,
      lastName,
      firstName: 'Анна',
      middleName: 'Ивановна',
      category: 'working',
    });
  }
  await t.close();
}

async function snapshot(db: Kysely<Database>) {
  const { rows } = await sql<{ members: unknown; audit: unknown; stats: unknown }>`
    select
      (select json_agg(json_build_array(id, card_number, org_path, last_name) order by id) from members) as members,
      (select json_agg(json_build_array(id, action, target_id, actor_login) order by id) from audit_log) as audit,
      (select json_agg(json_build_array(org_id, active) order by org_id) from org_stats) as stats`.execute(
    db,
  );
  const row = rows[0];
  if (!row) throw new Error('no snapshot');
  return { ...row, members: (row.members ?? []) as unknown[] };
}

async function snapshotOf(open: () => Promise<DatabaseHandle>) {
  const database = await open();
  try {
    return await snapshot(database.db);
  } finally {
    await database.close();
  }
}

describe('backup and restore on PGlite', () => {
  it('a restored folder holds the same members, card numbers, audit rows and counts', async () => {
    const source = await folder('prf-backup-src-');
    const database = await openDatabase({ dataDir: source });
    await migrateToLatest(database.db);
    await fill(database);
    const before = await snapshotOf(() => openDatabase({ dataDir: source }));
    expect(before.members.length).toBe(3);

    const file = path.join(await folder('prf-backup-file-'), 'register.tar.gz');
    await backupDatabase({ dataDir: source }, file);
    const restored = path.join(await folder('prf-backup-dst-'), 'data');
    await restoreDatabase({ dataDir: restored }, file, { force: false });
    expect(await snapshotOf(() => openDatabase({ dataDir: restored }))).toEqual(before);
  });

  it('over a register that holds members it is refused, with --force it replaces it', async () => {
    const target = await folder('prf-backup-busy-');
    const busy = await openDatabase({ dataDir: target });
    await migrateToLatest(busy.db);
    await fill(busy);
    const file = path.join(await folder('prf-backup-file-'), 'empty.tar.gz');
    const empty = await folder('prf-backup-empty-');
    const fresh = await openDatabase({ dataDir: empty });
    await migrateToLatest(fresh.db);
    await fresh.close();
    await backupDatabase({ dataDir: empty }, file);

    await expect(restoreDatabase({ dataDir: target }, file, { force: false })).rejects.toThrow(
      /Реестр не пуст/,
    );
    expect((await snapshotOf(() => openDatabase({ dataDir: target }))).members.length).toBe(3);
    await restoreDatabase({ dataDir: target }, file, { force: true });
    expect((await snapshotOf(() => openDatabase({ dataDir: target }))).members).toEqual([]);
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;
const hasTools = (() => {
  try {
    execFileSync('pg_dump', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!serverUrl || !hasTools)('backup and restore on PostgreSQL', () => {
  const names: string[] = [];
  const urlOf = (name: string) => {
    const url = new URL(serverUrl as string);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(text);
    await client.end();
  };
  const database = async (label: string) => {
    const name = `prf_backup_${label}_${process.pid}`;
    await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name}`);
    names.push(name);
    return { name, target: { databaseUrl: urlOf(name), dataDir: '' } as Target };
  };
  const open = (target: Target) =>
    openDatabase({
      databaseUrl: target.databaseUrl,
      dataDir: '',
      poolSize: 2,
      onIdleConnectionError: () => undefined,
    });
  afterAll(async () => {
    for (const name of names) await admin(`drop database if exists ${name} with (force)`);
  });

  it('pg_dump and pg_restore: the same members, card numbers, audit rows and counts; a non-empty one refused', async () => {
    const source = await database('src');
    const handle = await open(source.target);
    await migrateToLatest(handle.db);
    await fill(handle);
    const before = await snapshotOf(() => open(source.target));
    const file = path.join(await folder('prf-backup-file-'), 'register.dump');
    await backupDatabase(source.target, file);

    const target = await database('dst');
    await restoreDatabase(target.target, file, { force: false });
    expect(await snapshotOf(() => open(target.target))).toEqual(before);

    const error = await restoreDatabase(target.target, file, { force: false }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BackupError);
    expect((error as Error).message).toMatch(/Реестр не пуст/);
    await restoreDatabase(target.target, file, { force: true });
    expect(await snapshotOf(() => open(target.target))).toEqual(before);
  });
});
