import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import {
  type DatabaseConnection,
  type Driver,
  Kysely,
  PGliteDialect,
  PostgresDialect,
  type QueryCompiler,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type ReplicaSet, replicaSet } from './replicas.js';
import type { Database } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** The bare driver, bypassing Kysely: the raw-SQL baseline of the benchmarks. */
  query(text: string, params?: unknown[]): Promise<unknown[]>;
  /**
   * Bulk load with COPY … FROM (CSV), chunk by chunk, on one session. `withoutTriggers` runs
   * it as a replica (triggers off; needs a superuser) for loads that fill derived columns.
   */
  copyIn(
    table: string,
    columns: readonly string[],
    chunks: AsyncIterable<string>,
    options?: { withoutTriggers?: boolean },
  ): Promise<void>;
  /**
   * A script of several statements without parameters (a job queue's schema). On PGlite it
   * holds Kysely's connection, so it never runs inside another caller's transaction.
   */
  script(text: string): Promise<{ rows: unknown[] }>;
  /** Read replicas (DATABASE_READ_URL), null without them (and always on PGlite). */
  replicas: ReplicaSet | null;
  /** The pool's connections now (PostgreSQL; PGlite is one connection, so null). */
  poolUse(): { total: number; idle: number; waiting: number } | null;
  close(): Promise<void>;
}

// The same JS values from both drivers: ids (int8) and dates stay strings, numeric is a number.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const identity = (v: string) => v;
const parsers: Record<number, (v: string) => unknown> = {
  [INT8]: identity,
  [DATE]: identity,
  [NUMERIC]: (v) => Number(v),
};

// Errors that say the database cannot be reached now (restarting, unreachable, full), not that
// a statement is wrong: the request is answered 503 with Retry-After, and the pool reconnects.
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  '57P01', // admin_shutdown: a fast or smart stop
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
]);
const UNREACHABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|Cannot use a pool after calling end/;

export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) {
    return true;
  }
  return UNREACHABLE_MESSAGE.test(error.message) || isDatabaseUnreachable(error.cause, depth + 1);
}

/** How long a request waits for a connection before it is told the database is unreachable. */
const CONNECT_TIMEOUT_MS = 5000;

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
  /** Streaming replicas to read from (DATABASE_READ_URL); PostgreSQL only. */
  readUrls?: string[];
  /** A replica further behind than this is skipped until it catches up. */
  maxReplicaLagSeconds?: number;
  /**
   * An idle pooled connection that fails (a server restart, a dropped database) is reported
   * here; without a listener node-postgres would crash the process. The pool reconnects.
   */
  onIdleConnectionError?: (error: Error) => void;
}

function newPool(url: string, max: number, onError: (error: Error) => void) {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', onError);
  // A connection lost while checked out (between two statements of a transaction) emits
  // 'error' on its client, which would crash the process unheard: heard here, its next
  // statement fails (503) and the pool drops it when it is released.
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const onConnectionError =
      options.onIdleConnectionError ??
      ((error: Error) => process.stderr.write(`PostgreSQL connection failed: ${error.message}\n`));
    const max = options.poolSize ?? 10;
    const pool = newPool(options.databaseUrl, max, onConnectionError);
    const replicas = options.readUrls?.length
      ? replicaSet({
          pools: options.readUrls.map((url) => ({
            url,
            pool: newPool(url, max, onConnectionError),
          })),
          primaryPool: pool,
          maxLagSeconds: options.maxReplicaLagSeconds ?? 5,
          unreachable: isDatabaseUnreachable,
        })
      : null;
    await replicas?.ready;
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      query: async (text, params) => (await pool.query(text, params)).rows,
      copyIn: async (table, columns, chunks, copyOptions) => {
        const client = await pool.connect();
        try {
          if (copyOptions?.withoutTriggers)
            await client.query('set session_replication_role = replica');
          const sink = client.query(
            copyFrom(`copy ${table} (${columns.join(', ')}) from stdin with (format csv)`),
          );
          await pipeline(Readable.from(chunks), sink);
        } finally {
          await client.query('reset session_replication_role').catch(() => undefined);
          client.release();
        }
      },
      script: async (text) => {
        const result = (await pool.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
        return { rows: (Array.isArray(result) ? result.at(-1) : result)?.rows ?? [] };
      },
      poolUse: () => ({
        total: pool.totalCount,
        idle: pool.idleCount,
        waiting: pool.waitingCount,
      }),
      replicas,
      close: async () => {
        await replicas?.close();
        await db.destroy();
      },
    };
  }
  if (options.dataDir !== 'memory://') fs.mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    extensions: { pg_trgm },
    parsers,
  });
  const db = new Kysely<Database>({ dialect: new SerializedPGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    query: async (text, params) => (await pglite.query(text, params)).rows,
    copyIn: async (table, columns, chunks, copyOptions) => {
      if (copyOptions?.withoutTriggers) await pglite.exec('set session_replication_role = replica');
      try {
        for await (const chunk of chunks) {
          await pglite.query(
            `copy ${table} (${columns.join(', ')}) from '/dev/blob' with (format csv)`,
            [],
            { blob: new Blob([chunk]) },
          );
        }
      } finally {
        await pglite.exec('reset session_replication_role');
      }
    },
    script: (text) =>
      db.connection().execute(async () => ({ rows: (await pglite.exec(text)).at(-1)?.rows ?? [] })),
    poolUse: () => null,
    replicas: null,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/**
 * PGlite is one connection. Kysely's PGlite driver hands it to every caller at once, so a
 * query of one request would run inside another request's open transaction. Here a caller
 * holds the connection from acquire to release (a whole transaction), and others queue in
 * arrival order, as they would for a pool of one.
 */
class SerializedPGliteDialect extends PGliteDialect {
  override createDriver(): Driver {
    return new SerializedDriver(super.createDriver());
  }
}

class SerializedDriver implements Driver {
  #tail: Promise<void> = Promise.resolve();
  #releases: (() => void)[] = [];

  constructor(private readonly driver: Driver) {}

  init() {
    return this.driver.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.#releases.push(release);
    return this.driver.acquireConnection();
  }

  async releaseConnection(connection: DatabaseConnection) {
    await this.driver.releaseConnection(connection);
    this.#releases.shift()?.();
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.driver.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection) {
    return this.driver.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection) {
    return this.driver.rollbackTransaction(connection);
  }

  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return this.driver.savepoint?.(connection, name, compile) ?? Promise.resolve();
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    return this.driver.rollbackToSavepoint?.(connection, name, compile) ?? Promise.resolve();
  }

  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    return this.driver.releaseSavepoint?.(connection, name, compile) ?? Promise.resolve();
  }

  destroy() {
    return this.driver.destroy();
  }
}
