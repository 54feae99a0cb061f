import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresDriver,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type pg from 'pg';
import type { Database } from './schema.js';

// Read replicas (DATABASE_READ_URL): PostgreSQL's own streaming replicas, each checked every
// second for being up and how far behind it is. A request that may read from one gets a
// Kysely whose connection sends each plain SELECT to a healthy replica and everything else
// (writes, a SELECT that locks or writes through a CTE, anything inside a transaction) to the
// primary; a replica that fails mid-request is marked down and the statement goes to the
// primary instead. Which requests may read from a replica is the HTTP layer's choice.

export interface Replica {
  url: string;
  pool: pg.Pool;
  driver: Driver;
  healthy: boolean;
  /** Seconds behind the primary at the last check (null: not answering). */
  lagSeconds: number | null;
}

// A raw statement may go to a replica only when it reads and nothing more.
const WRITES_OR_LOCKS =
  /\b(insert|update|delete|merge|nextval|setval|pg_advisory|set_config|for\s+(update|share|no\s+key|key\s+share))\b/i;

export function readsOnly(query: CompiledQuery): boolean {
  const node = query.query as { kind: string; with?: unknown; endModifiers?: unknown[] };
  if (node.kind === 'SelectQueryNode') return !node.with && !node.endModifiers?.length;
  if (node.kind === 'RawNode')
    return /^\s*select\b/i.test(query.sql) && !WRITES_OR_LOCKS.test(query.sql);
  return false;
}

class RoutedConnection implements DatabaseConnection {
  #primary: DatabaseConnection | undefined;
  #replica: { replica: Replica; connection: DatabaseConnection } | undefined;
  inTransaction = false;

  constructor(
    private readonly primaryDriver: Driver,
    private readonly pick: () => Replica | undefined,
    private readonly unreachable: (error: unknown) => boolean,
  ) {}

  async primary() {
    this.#primary ??= await this.primaryDriver.acquireConnection();
    return this.#primary;
  }

  async #replicaConnection() {
    if (this.#replica) return this.#replica;
    const replica = this.pick();
    if (!replica) return undefined;
    try {
      this.#replica = { replica, connection: await replica.driver.acquireConnection() };
    } catch (error) {
      if (!this.unreachable(error)) throw error;
      replica.healthy = false;
      return undefined;
    }
    return this.#replica;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.inTransaction && readsOnly(query)) {
      const read = await this.#replicaConnection();
      if (read) {
        try {
          return await read.connection.executeQuery<R>(query);
        } catch (error) {
          if (!this.unreachable(error)) throw error;
          // Down since its last check: this statement, and the request's next ones, go to
          // the primary.
          read.replica.healthy = false;
          await read.replica.driver.releaseConnection(read.connection).catch(() => undefined);
          this.#replica = undefined;
        }
      }
    }
    return (await this.primary()).executeQuery<R>(query);
  }

  async *streamQuery<R>(
    query: CompiledQuery,
    chunkSize: number,
  ): AsyncIterableIterator<QueryResult<R>> {
    const read =
      !this.inTransaction && readsOnly(query) ? await this.#replicaConnection() : undefined;
    yield* (read?.connection ?? (await this.primary())).streamQuery<R>(query, chunkSize);
  }

  async release() {
    if (this.#replica)
      await this.#replica.replica.driver.releaseConnection(this.#replica.connection);
    if (this.#primary) await this.primaryDriver.releaseConnection(this.#primary);
    this.#replica = undefined;
    this.#primary = undefined;
  }
}

class RoutedDriver implements Driver {
  constructor(
    private readonly primaryDriver: Driver,
    private readonly pick: () => Replica | undefined,
    private readonly unreachable: (error: unknown) => boolean,
  ) {}

  async init() {}

  async acquireConnection() {
    return new RoutedConnection(this.primaryDriver, this.pick, this.unreachable);
  }

  async beginTransaction(connection: RoutedConnection, settings: TransactionSettings) {
    connection.inTransaction = true;
    await this.primaryDriver.beginTransaction(await connection.primary(), settings);
  }

  async commitTransaction(connection: RoutedConnection) {
    await this.primaryDriver.commitTransaction(await connection.primary());
    connection.inTransaction = false;
  }

  async rollbackTransaction(connection: RoutedConnection) {
    await this.primaryDriver.rollbackTransaction(await connection.primary());
    connection.inTransaction = false;
  }

  async releaseConnection(connection: RoutedConnection) {
    await connection.release();
  }

  async destroy() {}
}

export interface ReplicaSet {
  replicas: readonly Replica[];
  /** The first check is done: which replicas are up is known. */
  ready: Promise<void>;
  /** A Kysely reading from healthy replicas (null: none healthy now). */
  reader(): Kysely<Database> | null;
  close(): Promise<void>;
}

const LAG_SQL = `select case when pg_last_wal_receive_lsn() is null
    or pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
  else extract(epoch from now() - pg_last_xact_replay_timestamp()) end::float8 as lag`;

export function replicaSet(options: {
  pools: { url: string; pool: pg.Pool }[];
  primaryPool: pg.Pool;
  maxLagSeconds: number;
  unreachable: (error: unknown) => boolean;
  checkEveryMs?: number;
}): ReplicaSet {
  const replicas: Replica[] = options.pools.map(({ url, pool }) => ({
    url,
    pool,
    driver: new PostgresDriver({ pool }),
    healthy: false,
    lagSeconds: null,
  }));
  let turn = 0;
  const pick = () => {
    const healthy = replicas.filter((r) => r.healthy);
    return healthy.length ? healthy[turn++ % healthy.length] : undefined;
  };
  const primaryDriver = new PostgresDriver({ pool: options.primaryPool });
  const routed = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new RoutedDriver(primaryDriver, pick, options.unreachable),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const check = async () => {
    await Promise.all(
      replicas.map(async (replica) => {
        try {
          const { rows } = await replica.pool.query<{ lag: number }>(LAG_SQL);
          replica.lagSeconds = Number(rows[0]?.lag ?? 0);
          replica.healthy = replica.lagSeconds <= options.maxLagSeconds;
        } catch {
          replica.lagSeconds = null;
          replica.healthy = false;
        }
      }),
    );
  };
  const ready = Promise.all([primaryDriver.init(), ...replicas.map((r) => r.driver.init())]).then(
    check,
  );
  const timer = setInterval(() => void check(), options.checkEveryMs ?? 1000);
  timer.unref();
  return {
    replicas,
    ready,
    reader: () => (replicas.some((r) => r.healthy) ? routed : null),
    close: async () => {
      clearInterval(timer);
      await ready.catch(() => undefined);
      await Promise.all(replicas.map((r) => r.pool.end()));
    },
  };
}
