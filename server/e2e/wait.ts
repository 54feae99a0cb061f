import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `check` until it holds; past `ms`, fails naming what was awaited. */
export async function waitFor(check: () => Promise<boolean>, what: string, ms = 120_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(50);
  }
}
