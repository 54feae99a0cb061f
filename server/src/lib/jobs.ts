import { CompiledQuery, type Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type { DatabaseHandle } from '../db/database.js';
import type { Database } from '../db/schema.js';

// Background jobs on pg-boss, in the application's own database on both engines. A job is
// sent through the caller's transaction, so it exists exactly when the change that asked for
// it commits.

export interface Jobs {
  /** Queues a job in `trx`: it becomes visible to workers when `trx` commits. */
  send(trx: Kysely<Database>, queue: string, data: object): Promise<void>;
  /** Queues a job outside any transaction (a recovery sweep). */
  sendNow(queue: string, data: object): Promise<void>;
  work<T extends object>(queue: string, handler: (data: T) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

type Executor = { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };

const executorOf = (db: Kysely<Database>, script?: DatabaseHandle['script']): Executor => ({
  executeSql: async (text, values) => {
    // pg-boss installs its schema with parameterless multi-statement scripts.
    if (script && (!values || values.length === 0)) return script(text);
    const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
    return { rows: result.rows as unknown[] };
  },
});

export async function startJobs(
  handle: DatabaseHandle,
  queues: readonly string[],
  onError: (error: Error) => void,
): Promise<Jobs> {
  const boss = new PgBoss({
    db: executorOf(handle.db, handle.script) as PgBoss.Db,
    schema: 'pgboss',
    // Jobs here are few and long; the queue's own clocks need not wake the database often.
    maintenanceIntervalSeconds: 300,
    monitorStateIntervalSeconds: 300,
    schedule: false,
  });
  boss.on('error', onError);
  await boss.start();
  for (const name of queues) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, retryLimit: 0 });
  }
  return {
    send: async (trx, queue, data) => {
      await boss.send(queue, data, { db: executorOf(trx) as PgBoss.Db });
    },
    sendNow: async (queue, data) => {
      await boss.send(queue, data);
    },
    work: async (queue, handler) => {
      await boss.work<object>(
        queue,
        { pollingIntervalSeconds: 0.5, batchSize: 1 },
        async ([job]) => {
          if (job) await handler(job.data as never);
        },
      );
    },
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  };
}
