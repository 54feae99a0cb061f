import { AppError } from './app-error.js';
import type { App } from './http.js';

// Optimistic concurrency for records people edit at the same time (a member card, an org
// passport): reads carry the record's version as a strong ETag, a change may send it back in
// `If-Match`; a stale one is refused with 412, so nobody overwrites a change they never saw.
// Clients that send no `If-Match` keep working as before (the last change wins).

export const etagOf = (version: number) => `"${version}"`;

/** What an `If-Match` header asks for: any version (`*`), some versions, or nothing. */
export type Precondition = '*' | readonly number[] | undefined;

export function parseIfMatch(header: string | string[] | undefined): Precondition {
  const text = [header ?? []].flat().join(',').trim();
  if (!text) return undefined;
  if (text === '*') return '*';
  // Strong comparison (RFC 9110): weak tags never match.
  return text
    .split(',')
    .map((tag) => /^"(\d{1,9})"$/.exec(tag.trim())?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
}

export const STALE_MESSAGE =
  'Запись изменили, пока вы её редактировали. Посмотрите изменения и примените свои ещё раз';

/** Throws 412 when the caller edited an older version than `current`. */
export function assertVersion(precondition: Precondition, current: number) {
  if (precondition === undefined || precondition === '*') return;
  if (!precondition.includes(current)) {
    throw new AppError('conflict', STALE_MESSAGE, [{ field: 'If-Match', message: STALE_MESSAGE }], {
      status: 412,
      headers: { etag: etagOf(current) },
    });
  }
}

/** Routes marked `config.etag` answer the version of the record they return as its ETag. */
export function registerEtags(app: App) {
  app.addHook('preSerialization', async (request, reply, payload: unknown) => {
    const version = (payload as { version?: unknown } | null)?.version;
    if (request.routeOptions.config.etag && typeof version === 'number') {
      reply.header('etag', etagOf(version));
    }
    return payload;
  });
}
