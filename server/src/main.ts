import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { passwordSchema } from '@profreestr/contracts';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { isDatabaseUnreachable, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { ensureFirstStart } from './features/system/first-start.js';
import { serverLogger } from './lib/logger.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const config = loadConfig(process.env, path.resolve(here, '../../web/dist'));

const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: config.pgPoolSize,
  readUrls: config.databaseReadUrls,
  maxReplicaLagSeconds: config.replicaMaxLagSeconds,
});
await migrateToLatest(database.db);
const firstStart = await ensureFirstStart(database, config.adminPassword);

const app = await buildApp({
  database,
  logger: serverLogger(config.logLevel),
  security: config.security,
  trustProxy: config.trustProxy,
  webDistDir: config.webDistDir,
  imports: config.imports,
  mail: config.mail,
  bonus: config.bonus,
  metricsToken: config.metricsToken,
  jobStallSeconds: config.jobStallSeconds,
  audit: config.audit,
});

if (firstStart.generatedPassword) {
  // Shown once, on purpose outside the structured log: it must not end up in log storage.
  process.stdout.write(
    `\nПервый запуск: создан администратор. Логин: admin, пароль: ${firstStart.generatedPassword}\n` +
      'Сохраните пароль: он больше не будет показан.\n\n',
  );
} else if (firstStart.created) {
  app.log.info(
    'first start: central organization and admin created (password from ADMIN_PASSWORD)',
  );
  // The rules apply to passwords set through the API; the first one comes from the
  // environment, so a weak one is only pointed out (never logged).
  if (!passwordSchema.safeParse(config.adminPassword).success) {
    app.log.warn(
      'ADMIN_PASSWORD is shorter than 10 characters or a common password: change it after signing in',
    );
  }
}

// pg-boss does not await its own "job done" and "job failed" writes: while the database is
// down they reject unheard. The job stays active until it expires and then runs again (every
// job here is safe to run twice), so such a rejection is logged, not fatal. Anything else
// unhandled still ends the process.
process.on('unhandledRejection', (reason) => {
  if (isDatabaseUnreachable(reason)) {
    app.log.warn({ err: reason }, 'database unreachable (a job queue write): carried on');
    return;
  }
  app.log.fatal({ err: reason }, 'unhandled rejection');
  process.exit(1);
});

// SIGTERM (a deploy, the balancer draining this server): stop accepting, let the requests in
// flight finish (an export streams to its end), let job workers finish or hand their job back,
// then close the pool. Past 30 s the process gives up waiting.
const SHUTDOWN_GRACE_MS = 30_000;
let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down: finishing the requests in flight');
  const giveUp = setTimeout(() => {
    app.log.error('requests still in flight after 30 s: exiting');
    process.exit(1);
  }, SHUTDOWN_GRACE_MS);
  giveUp.unref();
  try {
    await app.close();
    await database.close();
    app.log.info('stopped');
    process.exit(0);
  } catch (error) {
    app.log.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
app.log.info(`Профреестр: http://${config.host}:${config.port} (база: ${database.kind})`);
