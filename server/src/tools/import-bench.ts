import { once } from 'node:events';
import { createWriteStream, openAsBlob } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { ensureFirstStart } from '../features/system/first-start.js';

// `npm run bench:import -- --mode import|export|idle [--rows 100000]`: a members CSV of that
// many rows through POST /imports, or the subtree's XLSX export, on the configured database;
// `idle` only starts, signs in and stops (the process's own footprint). It runs the built
// server as `npm start` does, so `npm run build` first (tsx compiling in-process added ~70 MB).
// Run it under `/usr/bin/time -v` for the peak RSS of the whole process.

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const mode = arg('mode', 'import');
const rows = Number(arg('rows', '100000'));
const config = loadConfig(process.env);
if (!config.adminPassword) throw new Error('ADMIN_PASSWORD is required');

const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await migrateToLatest(database.db);
await ensureFirstStart(database, config.adminPassword);
// The tool signs in as admin with a password alone.
const app = await buildApp({
  database,
  imports: { ...config.imports },
  security: { ...config.security, mfaRequiredRoles: [] },
});
const base = await app.listen({ port: 0, host: '127.0.0.1' });

const login = await fetch(`${base}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ login: 'admin', password: config.adminPassword }),
});
const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
const me = ((await login.json()) as { user: { orgId: string } }).user;
const call = async (method: string, path: string, body?: unknown) =>
  fetch(`${base}/api/v1${path}`, {
    method,
    headers: { cookie, 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });

// A region with 200 primaries, made once.
const found = (await (await call('GET', '/orgs?q=IB-R')).json()) as { items: { id: string }[] };
let regionId = found.items[0]?.id;
if (!regionId) {
  regionId = (
    (await (
      await call('POST', '/orgs', {
        code: 'IB-R',
        level: 'regional',
        parentId: me.orgId,
        name: 'Регион для замера импорта',
      })
    ).json()) as { id: string }
  ).id;
  for (let i = 0; i < 200; i++) {
    await call('POST', '/orgs', {
      code: `IB-P${i}`,
      level: 'primary',
      parentId: regionId,
      name: `ППО для замера № ${i}`,
    });
  }
}

const syllables = [
  'ба',
  'ве',
  'го',
  'ду',
  'жи',
  'за',
  'ки',
  'ло',
  'ма',
  'не',
  'по',
  'ру',
  'си',
  'ту',
  'фе',
  'ха',
  'це',
  'ча',
  'ша',
  'щу',
];
const word = (n: number) => {
  let s = '';
  for (let k = 0; k < 4; k++, n = Math.floor(n / 20)) s += syllables[n % 20];
  return s[0]?.toUpperCase() + s.slice(1);
};

const t0 = performance.now();
if (mode === 'import') {
  // Written to disk and uploaded from there, so the tool's own memory stays out of the figure.
  const file = path.join(tmpdir(), `import-bench-${process.pid}.csv`);
  const out = createWriteStream(file);
  out.write('Код организации;Фамилия;Имя;Отчество;Пол;Дата рождения;Категория;Телефон;E-mail\r\n');
  for (let i = 0; i < rows; i++) {
    const birth = `${String((i % 28) + 1).padStart(2, '0')}.${String((i % 12) + 1).padStart(2, '0')}.${1960 + (i % 45)}`;
    const line = `IB-P${i % 200};${word(i)}ова;${word(i * 7 + 3)};${word(i * 13 + 5)}овна;ж;${birth};работающий;+7912${String(i).padStart(7, '0')};m${i}@example.ru\r\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const form = new FormData();
  form.append('kind', 'members');
  form.append('orgId', regionId);
  form.append('file', await openAsBlob(file), 'bench.csv');
  const started = await fetch(`${base}/api/v1/imports`, {
    method: 'POST',
    headers: { cookie },
    body: form,
  });
  const { id } = (await started.json()) as { id: string };
  for (;;) {
    const state = (await (await call('GET', `/imports/${id}`)).json()) as {
      status: string;
      processed: number;
      created: number;
      updated: number;
      rejected: number;
    };
    if (state.status === 'done' || state.status === 'failed') {
      await rm(file, { force: true });
      console.log(
        `import ${rows} rows: ${((performance.now() - t0) / 1000).toFixed(1)} s`,
        JSON.stringify({ ...state, errors: undefined }),
      );
      break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
} else if (mode === 'export') {
  const response = await call('GET', `/members/export?under=${regionId}&format=xlsx`);
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
    bytes += chunk.length;
  console.log(
    `export xlsx: ${((performance.now() - t0) / 1000).toFixed(1)} s, ${(bytes / 1024 / 1024).toFixed(1)} MB`,
  );
}
await app.close();
await database.close();
