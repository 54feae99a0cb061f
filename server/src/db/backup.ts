import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';

// Backup and restore of the whole register. PostgreSQL: pg_dump / pg_restore in custom format
// (the server's own tools, from PATH or PG_BIN), restored in one transaction into emptied
// schemas. PGlite: its own
// dump of the data folder (a gzipped tarball), with no server running on that folder. A
// restore over a register that holds anything (a member, or an org beyond the central one) is
// refused unless forced.

export class BackupError extends Error {}

export interface Target {
  databaseUrl?: string | undefined;
  dataDir: string;
}

const REFUSED =
  'Реестр не пуст: восстановление заменит все его данные. Запустите с --force, если это и нужно';

function tool(name: 'pg_dump' | 'pg_restore') {
  return process.env.PG_BIN ? path.join(process.env.PG_BIN, name) : name;
}

function run(name: 'pg_dump' | 'pg_restore', args: string[]) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(tool(name), args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk) => {
      errors += chunk;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new BackupError(
              `Не найден ${name}: установите клиентские программы PostgreSQL той же или более новой версии, чем сервер (Debian: postgresql-client), или укажите их папку в PG_BIN`,
            )
          : error,
      );
    });
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${name} завершился с кодом ${code}:\n${errors.trim()}`));
    });
  });
}

/** No register yet, or one with the central org alone and no member. */
async function registerIsEmpty(query: (text: string) => Promise<{ rows: unknown[] }>) {
  const [made] = (await query(`select to_regclass('public.members') is not null as made`)).rows as {
    made: boolean;
  }[];
  if (!made?.made) return true;
  const [counts] = (
    await query(
      'select (select count(*) from orgs) <= 1 and not exists (select 1 from members) as empty',
    )
  ).rows as { empty: boolean }[];
  return counts?.empty ?? true;
}

/**
 * Makes room for a restore: refused over a register that holds anything unless forced; the
 * schemas of an existing one are dropped first (pg_restore --clean cannot drop the job
 * queue's partitions), so a restore that then fails leaves an empty database, never a mix.
 */
async function clearPostgres(url: string, force: boolean) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (!force && !(await registerIsEmpty((text) => client.query(text)))) {
      throw new BackupError(REFUSED);
    }
    await client.query(
      'begin; drop schema if exists pgboss cascade; drop schema public cascade; create schema public; commit',
    );
  } finally {
    await client.end();
  }
}

const hasPglite = (dataDir: string) => fs.existsSync(path.join(dataDir, 'PG_VERSION'));
const openPglite = (options: { dataDir: string; loadDataDir?: Blob }) =>
  PGlite.create({ ...options, extensions: { pg_trgm } });

export async function backupDatabase(target: Target, file: string) {
  if (target.databaseUrl) {
    // Unlogged tables hold request budgets alone: worth nothing in a backup.
    await run('pg_dump', [
      '--format=custom',
      '--no-unlogged-table-data',
      '--file',
      file,
      '--dbname',
      target.databaseUrl,
    ]);
    return;
  }
  if (!hasPglite(target.dataDir)) throw new BackupError(`В ${target.dataDir} нет базы данных`);
  const db = await openPglite({ dataDir: target.dataDir });
  try {
    const dump = await db.dumpDataDir('gzip');
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await db.close();
  }
}

export async function restoreDatabase(target: Target, file: string, options: { force: boolean }) {
  if (!fs.existsSync(file)) throw new BackupError(`Нет файла ${file}`);
  if (target.databaseUrl) {
    await clearPostgres(target.databaseUrl, options.force);
    await run('pg_restore', [
      '--no-owner',
      '--single-transaction',
      '--exit-on-error',
      '--dbname',
      target.databaseUrl,
      file,
    ]);
    return;
  }
  if (hasPglite(target.dataDir)) {
    if (!options.force) {
      const db = await openPglite({ dataDir: target.dataDir });
      try {
        if (!(await registerIsEmpty((text) => db.query(text)))) throw new BackupError(REFUSED);
      } finally {
        await db.close();
      }
    }
    await rm(target.dataDir, { recursive: true, force: true });
  }
  fs.mkdirSync(target.dataDir, { recursive: true });
  const db = await openPglite({
    dataDir: target.dataDir,
    loadDataDir: new Blob([await readFile(file)]),
  });
  await db.close();
}
