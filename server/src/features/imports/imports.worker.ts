import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Jobs } from '../../lib/jobs.js';
import { type ImportSettings, runImport } from './import-runner.js';
import { findStalledImports } from './imports.queries.js';
import { IMPORT_QUEUE } from './imports.service.js';

/**
 * Runs import jobs in this process, and every `staleSeconds` re-queues imports whose runner
 * went quiet (a crashed or restarted server): the job resumes them from their last batch.
 * Returns a function that stops the sweep.
 */
export async function startImportWorker(
  db: Kysely<Database>,
  jobs: Jobs,
  settings: ImportSettings,
  log: { error(object: unknown, message: string): void },
): Promise<() => void> {
  await jobs.work<{ importId: string }>(IMPORT_QUEUE, async ({ importId }) => {
    await runImport(db, settings, importId).catch((error: unknown) => {
      log.error({ err: error, importId }, 'import failed');
    });
  });
  const sweep = async () => {
    for (const importId of await findStalledImports(db, settings.staleSeconds)) {
      await jobs.sendNow(IMPORT_QUEUE, { importId });
    }
  };
  const sweepSafely = () =>
    sweep().catch((error: unknown) => log.error({ err: error }, 'import sweep failed'));
  await sweepSafely();
  const timer = setInterval(sweepSafely, settings.staleSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
