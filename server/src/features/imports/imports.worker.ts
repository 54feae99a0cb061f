import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { JobRunner } from '../../lib/jobs.js';
import { startPeriodic } from '../../lib/periodic.js';
import { importJob } from './import.job.js';
import { type ImportSettings, runImport } from './import-runner.js';
import { findStalledImports } from './imports.queries.js';

/**
 * Runs import jobs in this process, and every `staleSeconds` re-queues imports whose runner
 * went quiet (a crashed or restarted server): the job resumes them from their last batch.
 * Returns a function that stops the sweep.
 */
export async function startImportWorker(
  db: Kysely<Database>,
  runner: JobRunner,
  settings: ImportSettings,
  log: { error(object: unknown, message: string): void },
): Promise<() => void> {
  await runner.work(importJob, async ({ importId }) => {
    await runImport({ db, jobs: runner.jobs }, settings, importId).catch((error: unknown) => {
      log.error({ err: error, importId }, 'import failed');
    });
  });
  const sweep = async () => {
    for (const importId of await findStalledImports(db, settings.staleSeconds)) {
      await runner.jobs.send(importJob, { importId });
    }
  };
  return startPeriodic(sweep, settings.staleSeconds * 1000, (error) =>
    log.error({ err: error }, 'import sweep failed'),
  );
}
