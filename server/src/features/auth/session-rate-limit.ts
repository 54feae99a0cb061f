import { AppError } from '../../lib/app-error.js';

// A request budget per session and minute (fixed windows), kept in this process: it stops a
// runaway script or a stolen cookie from draining the register page by page, and costs no query.

export function sessionRateLimiter(perMinute: number) {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = 0;
  return {
    take(sessionId: string, now: Date) {
      const minute = Math.floor(now.getTime() / 60_000) * 60_000;
      if (minute !== lastSweep) {
        for (const [id, w] of windows) if (w.start < minute) windows.delete(id);
        lastSweep = minute;
      }
      const window = windows.get(sessionId) ?? { start: minute, count: 0 };
      window.count++;
      windows.set(sessionId, window);
      if (window.count > perMinute) {
        const retryAfter = Math.max(1, Math.ceil((minute + 60_000 - now.getTime()) / 1000));
        throw new AppError(
          'rate_limited',
          `Слишком много запросов. Повторите через ${retryAfter} с`,
          [],
          { headers: { 'retry-after': String(retryAfter) } },
        );
      }
    },
  };
}
