import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { passwordSchema } from '@profreestr/contracts';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { ensureFirstStart } from './features/system/first-start.js';
import { serverLogger } from './lib/logger.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const config = loadConfig(process.env, path.resolve(here, '../../web/dist'));

const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: config.pgPoolSize,
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

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await database.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
app.log.info(`Профреестр: http://${config.host}:${config.port} (база: ${database.kind})`);
