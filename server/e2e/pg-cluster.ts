import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const { Client } = pg;

// A throw-away PostgreSQL cluster of the machine's own binaries, for tests that stop, crash and
// replicate the database itself (the shared test server must not be touched). As root (CI), the
// server runs as the `postgres` user, which PostgreSQL insists on.

const run = promisify(execFile);

/** The newest installed PostgreSQL's bin folder (PG_BIN wins), or null: the tests then skip. */
export function pgBinDir(): string | null {
  const candidates = process.env.PG_BIN
    ? [process.env.PG_BIN]
    : fs.existsSync('/usr/lib/postgresql')
      ? fs
          .readdirSync('/usr/lib/postgresql')
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : [];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb'))) ?? null;
}

const asRoot = process.getuid?.() === 0;

async function runTool(tool: string, args: string[]) {
  const bin = path.join(pgBinDir() as string, tool);
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return run(file, argv, { maxBuffer: 16 * 1024 * 1024 });
}

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function ownedFolder(prefix: string) {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  return dir;
}

export interface PgCluster {
  port: number;
  url(database?: string): string;
  start(): Promise<void>;
  /** `fast`: a clean stop; `immediate`: as a crash (recovery from the WAL at the next start). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** A streaming replica of this cluster (`pg_basebackup -R`), started on a port of its own. */
  replica(): Promise<PgCluster>;
  destroy(): Promise<void>;
}

function cluster(root: string, port: number): PgCluster {
  const data = path.join(root, 'data');
  const options = [
    '-c listen_addresses=127.0.0.1',
    `-p ${port}`,
    `-k ${root}`,
    // Durable against a crash of the server process (the OS keeps the written WAL), not of the
    // machine: enough for these tests, and fast.
    '-c fsync=off',
    '-c shared_buffers=32MB',
    '-c max_connections=60',
    '-c wal_level=replica',
    '-c max_wal_senders=4',
  ].join(' ');
  const self: PgCluster = {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: async () => {
      await runTool('pg_ctl', [
        '-D',
        data,
        '-l',
        path.join(root, 'log'),
        '-w',
        '-o',
        options,
        'start',
      ]);
    },
    stop: async (mode = 'fast') => {
      await runTool('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
    },
    replica: async () => {
      const replicaRoot = await ownedFolder('prf-pg-replica-');
      await runTool('pg_basebackup', [
        '-D',
        path.join(replicaRoot, 'data'),
        '-R',
        '-X',
        'stream',
        '-c',
        'fast',
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
      ]);
      const replica = cluster(replicaRoot, await freePort());
      await replica.start();
      return replica;
    },
    destroy: async () => {
      await self.stop('immediate').catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
  return self;
}

/** Whether a test of its own cluster can run here; if not, says why (the test then skips). */
export function clusterTestsRun(test: string) {
  if (pgBinDir()) return true;
  console.warn(`${test}: no PostgreSQL binaries (initdb), skipped`);
  return false;
}

/** A new cluster, started (trust authentication, on 127.0.0.1 and a free port), with an empty
 * database `database` made in it. */
export async function startCluster(database?: string): Promise<PgCluster> {
  const root = await ownedFolder('prf-pg-');
  const data = path.join(root, 'data');
  await runTool('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8']);
  const created = cluster(root, await freePort());
  await created.start();
  if (database) {
    const client = new Client({ connectionString: created.url() });
    await client.connect();
    await client.query(`create database ${database}`);
    await client.end();
  }
  return created;
}
