import { CompiledQuery, type Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { DatabaseHandle } from '../db/database.js';
import type { Database } from '../db/schema.js';

// Background jobs on pg-boss, in the application's own database on both engines. Each job is
// one typed definition (name, payload schema, retries); a job is sent through the caller's
// transaction, so it exists exactly when the change that asked for it commits. Workers are
// registered in one place (workers.ts).

export interface JobDefinition<P> {
  name: string;
  payload: z.ZodType<P>;
  /** Attempts after the first failure; a job that throws is retried this many times. */
  retryLimit: number;
  /** Seconds before the first retry; doubled at each next one when `retryBackoff`. */
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /**
   * The key pg-boss records with the job (`singletonKey`). The queues use pg-boss's standard
   * policy, which does not enforce it: the jobs here make a second run harmless themselves (an
   * import's runner claims its import under a lock; a mailing's job continues from its row).
   */
  singletonKey?: (payload: P) => string;
}

export const defineJob = <P>(definition: JobDefinition<P>): JobDefinition<P> => definition;

/** Sending jobs: bound to a database or a transaction (`within`). */
export interface Jobs {
  send<P>(job: JobDefinition<P>, payload: P): Promise<void>;
  /** The same queue, sending through `db` (a transaction: the job commits with it). */
  within(db: Kysely<Database>): Jobs;
}

export interface JobRunner {
  jobs: Jobs;
  work<P>(job: JobDefinition<P>, handler: (payload: P) => Promise<void>): Promise<void>;
  /** Jobs not yet done, by job and state (waiting: created or retry; active). */
  depths(): Promise<{ name: string; state: 'waiting' | 'active'; count: number }[]>;
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

// The longest a job may run (pg-boss fails it in its own process past this). What hands a
// killed server's job to another is the much shorter stall window below, which a running job
// keeps pushing ahead.
const MAX_RUN_SECONDS = 6 * 60 * 60;

/**
 * A running job's heartbeat: every `stallSeconds / 6` its row's expiry is moved to
 * `stallSeconds` from now. A server killed mid-job stops beating, so pg-boss's supervisor on any
 * live server (its maintenance, every third to two thirds of `stallSeconds`) fails the job
 * within about 1.7 × `stallSeconds`, and it is retried elsewhere — instead of after pg-boss's
 * default 15 minutes.
 */
export const defaultJobStallSeconds = 60;

const queueOptions = (job: JobDefinition<unknown>): PgBoss.Queue => ({
  name: job.name,
  retryLimit: job.retryLimit,
  retryDelay: job.retryDelaySeconds,
  retryBackoff: job.retryBackoff,
  expireInSeconds: MAX_RUN_SECONDS,
});

const HEARTBEAT_SQL = `update pgboss.job
  set expire_in = (now() - started_on) + make_interval(secs => $3)
  where name = $1 and id = $2 and state = 'active'`;

export async function startJobs(
  handle: DatabaseHandle,
  // biome-ignore lint/suspicious/noExplicitAny: definitions of any payload
  definitions: readonly JobDefinition<any>[],
  onError: (error: Error) => void,
  stallSeconds = defaultJobStallSeconds,
): Promise<JobRunner> {
  const executor = executorOf(handle.db);
  const boss = new PgBoss({
    db: executorOf(handle.db, handle.script) as PgBoss.Db,
    schema: 'pgboss',
    // The supervisor fails stalled jobs (see the heartbeat). It runs when more than this has
    // passed since its last run anywhere, so in effect every one to two intervals.
    maintenanceIntervalSeconds: Math.max(1, Math.floor(stallSeconds / 3)),
    monitorStateIntervalSeconds: 300,
    schedule: false,
  });
  boss.on('error', onError);
  await boss.start();
  for (const job of definitions) {
    // A queue made by an older version gets the definition's retries too.
    if (await boss.getQueue(job.name)) await boss.updateQueue(job.name, queueOptions(job));
    else await boss.createQueue(job.name, queueOptions(job));
  }
  const jobsIn = (db: Kysely<Database> | null): Jobs => ({
    send: async (job, payload) => {
      const data = job.payload.parse(payload) as object;
      const key = job.singletonKey?.(payload);
      await boss.send(job.name, data, {
        ...(db ? { db: executorOf(db) as PgBoss.Db } : {}),
        ...(key ? { singletonKey: key } : {}),
      });
    },
    within: (trx) => jobsIn(trx),
  });
  return {
    jobs: jobsIn(null),
    work: async (job, handler) => {
      await boss.work<object>(
        job.name,
        { pollingIntervalSeconds: 0.5, batchSize: 1 },
        async ([received]) => {
          if (!received) return;
          const beat = () =>
            executor
              .executeSql(HEARTBEAT_SQL, [job.name, received.id, stallSeconds])
              .catch((error: Error) => onError(error));
          await beat();
          const timer = setInterval(beat, (stallSeconds * 1000) / 6);
          try {
            await handler(job.payload.parse(received.data));
          } finally {
            clearInterval(timer);
          }
        },
      );
    },
    depths: async () => {
      const { rows } = await executor.executeSql(
        `select name, case when state = 'active' then 'active' else 'waiting' end as state,
           count(*)::int as count
         from pgboss.job where state in ('created', 'retry', 'active') group by 1, 2`,
        [],
      );
      return rows as { name: string; state: 'waiting' | 'active'; count: number }[];
    },
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  };
}
