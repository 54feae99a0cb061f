import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { DatabaseHandle } from '../db/database.js';

// Helpers of `npm run bench -- --only cluster`: CPU time of processes from /proc (Linux), the
// statements' own times from pg_stat_statements when it is there, and the capacity estimate.

/** Milliseconds per clock tick of /proc/<pid>/stat (CLK_TCK is 100 almost everywhere). */
const TICK_MS = (() => {
  try {
    return 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  } catch {
    return 10;
  }
})();

/** utime + stime of a process in ms; 0 once it is gone. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The name in parentheses may hold spaces: the fields are counted after it (state is 3rd).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** CPU ms of each local `postgres` process by pid, or null when none is seen (a remote
 * database). */
export function postgresCpuMs(): Map<number, number> | null {
  const byPid = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    byPid.set(Number(name), cpuMsOf(Number(name)));
  }
  return byPid.size ? byPid : null;
}

/** The database's CPU ms between two readings: processes alive at the second (a backend that
 * ended between them is not counted, never subtracted). */
export function postgresCpuSince(
  before: Map<number, number> | null,
  after: Map<number, number> | null,
): number | null {
  if (!before || !after) return null;
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

type Statements = Map<string, { text: string; calls: number; ms: number }>;

/** This database's statement totals, or null without pg_stat_statements (then silently skipped). */
export async function statementTotals(query: DatabaseHandle['query']): Promise<Statements | null> {
  try {
    const [view] = (await query(
      `select to_regclass('pg_stat_statements') is not null as there`,
    )) as { there: boolean }[];
    if (!view?.there) return null;
    const rows = (await query(
      `select queryid::text as id, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as text,
              calls::float8 as calls, total_exec_time::float8 as ms
       from pg_stat_statements
       where dbid = (select oid from pg_database where datname = current_database())`,
    )) as { id: string; text: string; calls: number; ms: number }[];
    return new Map(rows.map((r) => [r.id, r]));
  } catch {
    return null;
  }
}

/** The statements that took the most time between two snapshots, per call. */
export function topStatements(before: Statements | null, after: Statements | null, top = 4) {
  if (!before || !after) return [];
  const grown = [...after].map(([id, r]) => {
    const was = before.get(id);
    return { text: r.text, calls: r.calls - (was?.calls ?? 0), ms: r.ms - (was?.ms ?? 0) };
  });
  return grown
    .filter((r) => r.calls > 0)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top)
    .map(
      (r) =>
        `    ${(r.ms / r.calls).toFixed(3)} мс × ${r.calls.toLocaleString('ru-RU')}: ${r.text}`,
    );
}

/** CPU ms per request of reads (card checks) and writes (member creations). */
export interface Costs {
  readApp: number;
  readDb: number;
  writeApp: number;
  writeDb: number;
}

/** Kept free: cores are counted for the load × 1.5 (at most two thirds of a core busy). */
const HEADROOM = 1.5;
/** Cores for a load of this many CPU ms each second. */
const cores = (cpuMsPerSecond: number) => {
  const needed = (cpuMsPerSecond / 1000) * HEADROOM;
  return `${Math.max(1, Math.ceil(needed))} (${needed.toFixed(needed < 0.01 ? 4 : 2)} с запасом)`;
};
const perSecond = (v: number) =>
  v >= 100 ? Math.round(v).toLocaleString('ru-RU') : String(Number(v.toFixed(2)));

/** Three peaks of the union's year from the measured CPU per request, with their assumptions. */
export function capacityLines(c: Costs): string[] {
  const lines = [
    `Оценка мощности по измеренному CPU на запрос (чтение — проверка карты: приложение ${c.readApp.toFixed(2)}, БД ${c.readDb.toFixed(2)} мс; ` +
      `запись — постановка на учёт: приложение ${c.writeApp.toFixed(2)}, БД ${c.writeDb.toFixed(2)} мс; большее из одного и двух серверов). ` +
      `Ядер = CPU мс/запр × запр/с / 1000 × ${HEADROOM} (запас 50 %), с округлением вверх, не меньше одного:`,
  ];
  // (a) 72,000 chairmen × 300 requests in two weeks (10 working days of 8 hours), peak hour × 3.
  const rush = ((72_000 * 300) / (10 * 8 * 3600)) * 3;
  const reads = rush * 0.8;
  const writes = rush * 0.2;
  lines.push(
    `а) Отчётность к 1 января: 72 000 председателей × 300 запросов за две недели (10 рабочих дней по 8 часов), ` +
      `20 % записи, пиковый час = 3 × средний: ${perSecond(rush)} запр/с (${perSecond(reads)} чтений, ${perSecond(writes)} записей); ` +
      `ядер приложения: ${cores(reads * c.readApp + writes * c.writeApp)}, ядер БД: ${cores(reads * c.readDb + writes * c.writeDb)}` +
      ' (чтения председателей приняты равными проверке карты по цене)',
  );
  // (b) One letter to each of 3.7 M members, evenly over 24 hours.
  const letters = 3_700_000 / (24 * 3600);
  lines.push(
    `б) Рассылка 3 700 000 членам за 24 часа: ${perSecond(letters)} писем/с; ` +
      `ядер БД: ${cores(c.writeDb * letters)}, ядер приложения: ${cores(c.writeApp * letters)} ` +
      '(только записи в БД на письмо, взяты по цене постановки на учёт — оценка сверху; передача по SMTP не учтена)',
  );
  // (c) 16,850 purchases a year × 100, each after one check, peak hour × 10.
  const checks = (1_685_000 / (365 * 24)) * 10;
  lines.push(
    `в) Проверки карт партнёрами: 16 850 покупок в год × 100 = 1 685 000 в год, перед каждой одна проверка, ` +
      `пиковый час = 10 × средний: ${perSecond(checks / 3600)} запр/с (${Math.round(checks).toLocaleString('ru-RU')} в час); ` +
      `ядер приложения: ${cores((c.readApp * checks) / 3600)}, ядер БД: ${cores((c.readDb * checks) / 3600)}`,
  );
  return lines;
}
