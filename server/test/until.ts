import { setTimeout as sleep } from 'node:timers/promises';

/** Reads `read` every 100 ms until `done` holds or `ms` pass; returns the last value read. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(100);
  }
}
