import type { FastifyServerOptions } from 'fastify';

// The log must hold no personal data, passwords, tokens or cookies: headers that carry them
// are redacted, and a request is logged by its route, never its URL (a search by a person's
// name, an e-mail or a phone travels in the query string).
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.code',
  '*.email',
  '*.phone',
];

interface LoggedRequest {
  method: string;
  url: string;
  routeOptions?: { url?: string };
  ip: string;
  id: string;
}

/** `stream`: where the lines go instead of stdout (a test reading them). */
export function serverLogger(
  level: string,
  stream?: { write(line: string): void },
): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: REDACTED_PATHS, censor: '[скрыто]' },
    serializers: {
      req: (request: LoggedRequest) => ({
        id: request.id,
        method: request.method,
        route: request.routeOptions?.url ?? request.url.split('?')[0],
        ip: request.ip,
      }),
    },
  };
}
