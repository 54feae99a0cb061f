import { tooManyRequests } from '../../lib/rate-limit.js';
import { minuteOf } from '../sessions/sessions.service.js';

// A request budget per session and minute (fixed windows): it stops a runaway script or a stolen
// cookie from draining the register page by page. Counted in PostgreSQL by the statement that
// reads the session (`session_budgets`), so every server counts together.

/** Refuses (429 with Retry-After until the minute ends) a request past the session's budget. */
export function checkSessionBudget(used: number, perMinute: number, now: Date) {
  if (used <= perMinute) return;
  const ends = minuteOf(now).getTime() + 60_000;
  throw tooManyRequests(Math.max(1, Math.ceil((ends - now.getTime()) / 1000)));
}
