/**
 * A periodic step of the workers: run now and then every `everyMs` (a timer that keeps no
 * process alive); a failed run is handed to `failed` and the next one comes all the same.
 * Returns what stops it.
 */
export async function startPeriodic(
  step: () => Promise<unknown>,
  everyMs: number,
  failed: (error: unknown) => void,
): Promise<() => void> {
  const run = () => step().then(() => undefined, failed);
  await run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
