import { loadConfig } from '../config.js';
import { BackupError, backupDatabase, restoreDatabase } from '../db/backup.js';

// npm run backup -- FILE       the register into FILE (pg_dump custom format, or PGlite's dump)
// npm run restore -- FILE [--force]   FILE into the register (refused over a non-empty one)

const [command, ...rest] = process.argv.slice(2);
const force = rest.includes('--force');
const file = rest.find((a) => !a.startsWith('--'));

try {
  if (!file || (command !== 'backup' && command !== 'restore')) {
    throw new BackupError(
      'Укажите файл: npm run backup -- ФАЙЛ или npm run restore -- ФАЙЛ [--force]',
    );
  }
  const config = loadConfig(process.env);
  const target = { databaseUrl: config.databaseUrl, dataDir: config.dataDir };
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite (${config.dataDir})`;
  const started = Date.now();
  if (command === 'backup') await backupDatabase(target, file);
  else await restoreDatabase(target, file, { force });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    command === 'backup'
      ? `Резервная копия ${where} записана в ${file} за ${seconds} с\n`
      : `Реестр ${where} восстановлен из ${file} за ${seconds} с\n`,
  );
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
