import { useEffect, useState } from 'react';
import { isApiError } from '../api/client';

/**
 * Seconds left before another attempt is allowed after a 429 with `Retry-After` (too many
 * failed sign-ins or codes); 0 when nothing holds the user back.
 */
export function useRetryCountdown(error: unknown): number {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(Date.now);

  useEffect(() => {
    if (isApiError(error, 429) && error.retryAfter) {
      setUntil(Date.now() + error.retryAfter * 1000);
    }
  }, [error]);

  useEffect(() => {
    setNow(Date.now());
    if (until <= Date.now()) return;
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= until) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);

  return Math.max(0, Math.ceil((until - now) / 1000));
}

/** «42 с», «2 мин 05 с». */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} с`;
  const rest = String(seconds % 60).padStart(2, '0');
  return `${Math.floor(seconds / 60)} мин ${rest} с`;
}
