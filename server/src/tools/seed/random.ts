/** A small deterministic PRNG (mulberry32): the same seed gives the same dataset everywhere. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /**
   * Splits `total` into `parts` positive shares, unevenly: weights e^(skew·u) make the largest
   * share about e^skew times the smallest, as big cities dwarf rural districts.
   */
  split(total: number, parts: number, skew = 4): number[] {
    const weights = Array.from({ length: parts }, () => Math.exp(this.next() * skew));
    const sum = weights.reduce((a, b) => a + b, 0);
    const shares = weights.map((w) => Math.max(1, Math.floor((w / sum) * total)));
    let rest = total - shares.reduce((a, b) => a + b, 0);
    for (let i = 0; rest !== 0; i = (i + 1) % parts) {
      const step = rest > 0 ? 1 : -1;
      if (step > 0 || (shares[i] as number) > 1) {
        shares[i] = (shares[i] as number) + step;
        rest -= step;
      }
    }
    return shares;
  }

  /** A date between two ISO dates. */
  date(from: string, to: string): string {
    const a = Date.parse(`${from}T00:00:00Z`);
    const b = Date.parse(`${to}T00:00:00Z`);
    return new Date(a + Math.floor(this.next() * (b - a))).toISOString().slice(0, 10);
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}
