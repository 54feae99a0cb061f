// `npm run openapi`: builds the app on an in-memory database (nothing listens), writes the
// OpenAPI document's TypeScript types for the tests (server/test/generated/, git-ignored) and
// lints the document with Redocly (redocly.yaml). `npm run check` runs it before `tsc`.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../app.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { openApiTypes, openApiTypesFile } from './openapi-types.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

const database = await openDatabase({ dataDir: 'memory://' });
let document: unknown;
try {
  await migrateToLatest(database.db);
  const app = await buildApp({ database, imports: { worker: false } });
  document = app.swagger();
  await app.close();
} finally {
  await database.close();
}

await mkdir(path.dirname(openApiTypesFile), { recursive: true });
await writeFile(openApiTypesFile, await openApiTypes(document));

const dir = await mkdtemp(path.join(tmpdir(), 'profreestr-openapi-'));
try {
  const file = path.join(dir, 'openapi.json');
  await writeFile(file, JSON.stringify(document, null, 2));
  const redocly = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
  const lint = spawnSync(
    process.execPath,
    [redocly, 'lint', file, '--config', path.join(root, 'redocly.yaml'), ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' } },
  );
  process.exitCode = lint.status ?? 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
