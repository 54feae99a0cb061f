import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error.js';
import type { App } from './http.js';

// Headers every response carries, and the refusal of cross-site state changes. The UI is
// built by Vite with no inline script, so scripts come from this origin only; Mantine sets
// inline `style` attributes, hence 'unsafe-inline' for styles alone.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A browser's cross-site request: `Sec-Fetch-Site`, or failing that an `Origin` of another
 * host. Scripts send neither and pass (the API contract). */
export function isCrossSite(
  request: Pick<FastifyRequest, 'headers' | 'host' | 'protocol'>,
): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site) return site === 'cross-site' || site === 'same-site';
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    // Through URL both sides, so a default port (`:80`) written on one side only still matches.
    return new URL(origin).origin !== new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    return true;
  }
}

export function registerHttpHardening(app: App) {
  app.addHook('onRequest', async (request) => {
    if (!SAFE_METHODS.has(request.method) && isCrossSite(request)) {
      throw new AppError('forbidden', 'Запрос с другого сайта отклонён');
    }
  });
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (request.protocol === 'https') {
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    }
    // API answers carry personal data or depend on who asks: never stored by a browser or proxy.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
