// Timing helpers for `npm run bench`: every operation is timed next to the equivalent
// hand-written SQL through the bare driver, in the same run, on the same data.

export interface Measured {
  operation: string;
  n: number;
  medianMs: number;
  p95Ms: number;
  rawMedianMs: number | null;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;

/**
 * Samples of each run, taken in turn (a, b, a, b, …) after `warmup` rounds, so a drift of the
 * machine (another process, a checkpoint, the collector) weighs on every run alike. Sorted.
 */
async function sample(n: number, runs: ((i: number) => Promise<unknown>)[], warmup = 3) {
  for (let i = 0; i < warmup; i++) for (const run of runs) await run(i);
  const samples = runs.map(() => [] as number[]);
  for (let i = 0; i < n; i++) {
    for (const [k, run] of runs.entries()) {
      const start = performance.now();
      await run(i);
      samples[k]?.push(performance.now() - start);
    }
  }
  return samples.map((s) => s.sort((a, b) => a - b));
}

/** The service beside its raw SQL when it has one, sample by sample in turn. */
export async function measure(
  operation: string,
  n: number,
  service: (i: number) => Promise<unknown>,
  raw?: (i: number) => Promise<unknown>,
): Promise<Measured> {
  const [s = [], r] = await sample(n, raw ? [service, raw] : [service]);
  return {
    operation,
    n,
    medianMs: quantile(s, 0.5),
    p95Ms: quantile(s, 0.95),
    rawMedianMs: r ? quantile(r, 0.5) : null,
  };
}

const ms = (v: number) => v.toFixed(2);

export function printTable(rows: Measured[]) {
  console.log('| operation | n | median ms | p95 ms | raw SQL median ms | ratio |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const ratio = r.rawMedianMs ? (r.medianMs / r.rawMedianMs).toFixed(2) : '—';
    const raw = r.rawMedianMs === null ? '—' : ms(r.rawMedianMs);
    console.log(
      `| ${r.operation} | ${r.n} | ${ms(r.medianMs)} | ${ms(r.p95Ms)} | ${raw} | ${ratio} |`,
    );
  }
}
