import { availableParallelism } from 'node:os';
import autocannon from 'autocannon';
import { type DatabaseHandle, openDatabase } from '../db/database.js';
import type { StaffCtx } from '../lib/context.js';
import { CARD_CHECK_SQL, enrolProgramme, programmeNumbers } from './bench-cards.js';
import {
  capacityLines,
  cpuMsOf,
  postgresCpuMs,
  postgresCpuSince,
  statementTotals,
  topStatements,
} from './bench-cluster-kit.js';
import { startServer } from './bench-http.js';

// `npm run bench -- --only cluster`: partners' card checks and member creations through one
// app server and then through two on the same PostgreSQL, in the same run; the CPU each
// request costs the app and the database (from /proc), beside the card check as bare SQL; and
// from those costs, the cores the union's peaks would need.

export const NEEDS_POSTGRES =
  'Кластер: замер только на PostgreSQL — задайте DATABASE_URL (на PGlite сервер один)';

/** Connections of each load, over one server or split between two (BENCH_CONNECTIONS: an even
 * number, to see how a load behaves with more tills at once). */
const CONNECTIONS = Math.max(2, 2 * Math.round((Number(process.env.BENCH_CONNECTIONS) || 8) / 2));

type Server = Awaited<ReturnType<typeof startServer>>;

interface Load {
  name: string;
  servers: string;
  perSecond: number;
  p50: number;
  p99: number;
  appMs: number | null;
  dbMs: number | null;
  requests: number;
  refused: number;
  codes: string;
  statements: string[];
}

/** Letters for a counter: names take letters only (ё and й left out, the name key folds them). */
const ALPHABET = 'абвгдежзиклмнопрстуфхцчшщэюя';
function letters(n: number) {
  let text = '';
  do {
    text = ALPHABET[n % ALPHABET.length] + text;
    n = Math.floor(n / ALPHABET.length);
  } while (n > 0);
  return text;
}

/** One autocannon load over these servers; the CPU of the servers and of PostgreSQL around it. */
async function load(
  name: string,
  servers: Server[],
  seconds: number,
  query: DatabaseHandle['query'],
  options: Pick<autocannon.Options, 'headers' | 'requests'>,
): Promise<Load> {
  const statementsBefore = await statementTotals(query);
  const appBefore = servers.map((s) => (s.pid ? cpuMsOf(s.pid) : 0));
  const dbBefore = postgresCpuMs();
  const result = await autocannon({
    // autocannon spreads the connections over several urls (i-th to i % n); its types know one.
    url: servers.map((s) => s.base) as unknown as string,
    connections: CONNECTIONS,
    duration: seconds,
    ...options,
  });
  const dbMs = postgresCpuSince(dbBefore, postgresCpuMs());
  const appMs = servers.reduce(
    (sum, s, i) => sum + (s.pid ? cpuMsOf(s.pid) : 0) - (appBefore[i] ?? 0),
    0,
  );
  const requests = result.requests.total;
  return {
    name,
    servers: String(servers.length),
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    appMs: requests ? appMs / requests : null,
    dbMs: requests && dbMs !== null ? dbMs / requests : null,
    requests,
    refused: result.non2xx + result.errors,
    codes: JSON.stringify(result.statusCodeStats),
    statements: topStatements(statementsBefore, await statementTotals(query)),
  };
}

/** The card check as one hand-written SELECT through the bare driver, as many at once. */
async function rawChecks(databaseUrl: string, numbers: string[], seconds: number): Promise<Load> {
  // A pool of its own, one connection per caller (the bench's shared one holds four).
  const database = await openDatabase({ databaseUrl, dataDir: '', poolSize: CONNECTIONS });
  try {
    let next = 0;
    const check = () => database.query(CARD_CHECK_SQL, [numbers[next++ % numbers.length]]);
    // Every connection of the pool opened and the plan cached before the clock starts.
    await Promise.all(Array.from({ length: CONNECTIONS * 20 }, check));
    const latencies: number[] = [];
    const cpuBefore = process.cpuUsage();
    const dbBefore = postgresCpuMs();
    const started = performance.now();
    const until = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < until) {
          const start = performance.now();
          await check();
          latencies.push(performance.now() - start);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const dbMs = postgresCpuSince(dbBefore, postgresCpuMs());
    const cpu = process.cpuUsage(cpuBefore);
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? 0;
    const requests = latencies.length;
    return {
      name: 'Проверка карты, SQL вручную (драйвер; CPU — процесс замера)',
      servers: '—',
      perSecond: requests / elapsed,
      p50: at(0.5),
      p99: at(0.99),
      appMs: (cpu.user + cpu.system) / 1000 / requests,
      dbMs: dbMs !== null ? dbMs / requests : null,
      requests,
      refused: 0,
      codes: '',
      statements: [],
    };
  } finally {
    await database.close();
  }
}

const ms = (v: number | null) => (v === null ? '—' : v < 10 ? v.toFixed(2) : v.toFixed(1));

function printLoads(loads: Load[]) {
  console.log(
    '| нагрузка | серверов | запр/с | p50 мс | p99 мс | CPU приложения, мс/запр | CPU БД, мс/запр | запросов | не 2xx и ошибок |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const l of loads) {
    console.log(
      `| ${l.name} | ${l.servers} | ${Math.round(l.perSecond)} | ${ms(l.p50)} | ${ms(l.p99)} | ` +
        `${ms(l.appMs)} | ${ms(l.dbMs)} | ${l.requests.toLocaleString('ru-RU')} | ${l.refused} |`,
    );
  }
}

export async function benchCluster(env: {
  database: DatabaseHandle;
  ctx: StaffCtx;
  seconds: number;
  databaseUrl: string | undefined;
}): Promise<void> {
  const { database, seconds, databaseUrl } = env;
  if (database.kind !== 'postgres' || !databaseUrl) {
    console.log(NEEDS_POSTGRES);
    return;
  }
  const password = process.env.BENCH_ADMIN_PASSWORD ?? process.env.ADMIN_PASSWORD;
  if (!password) {
    console.log('Кластер: задайте ADMIN_PASSWORD (пароль admin), чтобы измерить по HTTP');
    return;
  }
  const { query } = database;
  await enrolProgramme(query);
  // New members land all over the union, as chairmen would put them on record.
  const primaries = (
    (await query(
      `select id from orgs where level = 'primary' and status = 'active'
       order by md5(id::text) limit 500`,
    )) as { id: string }[]
  ).map((r) => String(r.id));
  const numbers = await programmeNumbers(query);
  if (!primaries.length || !numbers.length) {
    console.log(
      'Кластер: нет первичных организаций или участников программы — сначала npm run seed',
    );
    return;
  }

  // One after the other: each runs the migrations on start.
  const extraEnv = { PARTNER_REQUESTS_PER_SECOND: String(1_000_000) };
  const servers: Server[] = [];
  try {
    servers.push(await startServer(database, extraEnv));
    servers.push(await startServer(database, extraEnv));
    const [first] = servers as [Server, Server];
    const login = await fetch(`${first.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password }),
    });
    if (!login.ok || ((await login.clone().json()) as { mfa?: string }).mfa) {
      console.log(`Кластер: вход admin не удался (${login.status}) или ждёт второго фактора`);
      return;
    }
    // Sessions live in the database: the one cookie serves both servers.
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const made = await fetch(`${first.base}/api/v1/partners`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `Замер кластера ${new Date().toISOString()}`,
        cashbackPercent: 3,
      }),
    });
    if (!made.ok) throw new Error(`POST /partners: ${made.status} ${await made.text()}`);
    const bearer = `Bearer ${((await made.json()) as { apiKey: string }).apiKey}`;

    let checked = 0;
    const checks = {
      headers: { authorization: bearer },
      requests: [
        {
          method: 'GET' as const,
          setupRequest: (request: autocannon.Request) => ({
            ...request,
            path: `/api/v1/partner/cards/${numbers[checked++ % numbers.length]}`,
          }),
        },
      ],
    };
    // A name no run has used (the run's own letters, then a counter) and a birth date: no
    // creation is refused as the same person on record twice.
    const run = letters(Date.now());
    const firstDay = Date.UTC(1960, 0, 1);
    let created = 0;
    const creations = {
      headers: { cookie, 'content-type': 'application/json' },
      requests: [
        {
          method: 'POST' as const,
          path: '/api/v1/members',
          setupRequest: (request: autocannon.Request) => {
            const i = created++;
            return {
              ...request,
              body: JSON.stringify({
                orgId: primaries[i % primaries.length],
                lastName: 'Кластерова',
                firstName: 'Нагрузка',
                middleName: `Замер${run}${letters(i)}`,
                sex: 'female',
                birthDate: new Date(firstDay + (i % 12_000) * 86_400_000)
                  .toISOString()
                  .slice(0, 10),
              }),
            };
          },
        },
      ],
    };

    // Warm-up on each server (the compiler, the pools), outside the figures.
    let warmupRefused = 0;
    for (const server of servers) {
      for (const [amount, options] of [
        [400, checks],
        [100, creations],
      ] as const) {
        const r = await autocannon({ url: server.base, connections: 4, amount, ...options });
        warmupRefused += r.non2xx + r.errors;
      }
    }

    const loads = [
      await load('Проверка карты партнёром', [first], seconds, query, checks),
      await load('Постановка на учёт', [first], seconds, query, creations),
      await load('Проверка карты партнёром', servers, seconds, query, checks),
      await load('Постановка на учёт', servers, seconds, query, creations),
      await rawChecks(databaseUrl, numbers, seconds),
    ];

    console.log(
      `\nКластер: ${CONNECTIONS} соединений autocannon на нагрузку (на двух серверах — по ${CONNECTIONS / 2} на каждый), ` +
        `${seconds} с каждая, ${primaries.length} первичных для новых членов, ${numbers.length} номеров карт\n`,
    );
    printLoads(loads);
    console.log(
      `\nЯдер на этой машине: ${availableParallelism()}. На 2-ядерной машине два сервера делят те же два ядра ` +
        'с PostgreSQL и autocannon: прогон на двух серверах показывает корректность и CPU на запрос, а не масштабирование.',
    );
    for (const l of loads.filter((x) => x.statements.length)) {
      console.log(`\npg_stat_statements, ${l.name}, серверов ${l.servers} (мс на вызов):`);
      for (const line of l.statements) console.log(line);
    }
    const refused = loads.filter((l) => l.refused > 0);
    if (refused.length || warmupRefused) {
      if (warmupRefused) console.log(`Разогрев: не 2xx и ошибок ${warmupRefused}`);
      for (const l of refused) console.log(`${l.name}, серверов ${l.servers}: коды ${l.codes}`);
      console.log('Кластер: под нагрузкой были ответы не 2xx или ошибки — замер недействителен');
      process.exitCode = 1;
      return;
    }
    const [check1, create1, check2, create2] = loads as [Load, Load, Load, Load, Load];
    const worst = (a: number | null, b: number | null) => Math.max(a ?? 0, b ?? 0);
    console.log('');
    if (check1.dbMs === null)
      console.log('CPU БД не видно: PostgreSQL не на этой машине (ядра БД ниже — 0)');
    for (const line of capacityLines({
      readApp: worst(check1.appMs, check2.appMs),
      readDb: worst(check1.dbMs, check2.dbMs),
      writeApp: worst(create1.appMs, create2.appMs),
      writeDb: worst(create1.dbMs, create2.dbMs),
    }))
      console.log(line);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}
