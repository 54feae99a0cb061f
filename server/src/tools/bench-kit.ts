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

export async function time(n: number, run: (i: number) => Promise<unknown>, warmup = 3) {
  for (let i = 0; i < warmup; i++) await run(i);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await run(i);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

/**
 * The service and its raw SQL, sample by sample in turn (service, raw, service, …), so a drift
 * of the machine (another process, a checkpoint, the collector) weighs on both sides alike.
 */
export async function measure(
  operation: string,
  n: number,
  service: (i: number) => Promise<unknown>,
  raw?: (i: number) => Promise<unknown>,
): Promise<Measured> {
  if (!raw) {
    const s = await time(n, service);
    return { operation, n, medianMs: s.median, p95Ms: s.p95, rawMedianMs: null };
  }
  const timed = async (run: (i: number) => Promise<unknown>, i: number) => {
    const start = performance.now();
    await run(i);
    return performance.now() - start;
  };
  for (let i = 0; i < 3; i++) {
    await service(i);
    await raw(i);
  }
  const serviceSamples: number[] = [];
  const rawSamples: number[] = [];
  for (let i = 0; i < n; i++) {
    serviceSamples.push(await timed(service, i));
    rawSamples.push(await timed(raw, i));
  }
  const sv = serviceSamples.sort((a, b) => a - b);
  return {
    operation,
    n,
    medianMs: quantile(sv, 0.5),
    p95Ms: quantile(sv, 0.95),
    rawMedianMs: quantile(
      rawSamples.sort((a, b) => a - b),
      0.5,
    ),
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
