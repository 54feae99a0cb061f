import type { Kysely } from 'kysely';
import type { ImportConfig } from './config.js';
import type { Database } from './db/schema.js';
import { startStatsDaily } from './features/completeness/completeness.worker.js';
import { importJob } from './features/imports/import.job.js';
import { startImportWorker } from './features/imports/imports.worker.js';
import type { JobDefinition, JobRunner } from './lib/jobs.js';

// The one place that knows every job and starts the workers: a new job is listed here.

// biome-ignore lint/suspicious/noExplicitAny: definitions of any payload
export const jobDefinitions: readonly JobDefinition<any>[] = [importJob];

type Log = { error(object: unknown, message: string): void };

/** Starts every worker of this process; returns what stops their timers. */
export async function startWorkers(
  db: Kysely<Database>,
  runner: JobRunner,
  imports: ImportConfig,
  log: Log,
): Promise<() => void> {
  const stopSweep = await startImportWorker(db, runner, imports, log);
  // The counts' daily step (under-35 ageing, trend snapshots) runs with the workers.
  const stopDaily = await startStatsDaily(db, log);
  return () => {
    stopSweep();
    stopDaily();
  };
}
