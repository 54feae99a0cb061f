import { isValidId } from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { App } from '../../lib/http.js';
import { recordAudit } from './audit.service.js';

/** Registered before the routes, so it covers every one of them. */
export function registerDenialAudit(app: App, db: Kysely<Database>) {
  // Every refused request of a signed-in caller (403, and 404: out of scope looks missing) is
  // written down, with the route, not the URL (it may carry a search for a person's name). In
  // onSend, before the answer leaves: whoever got the refusal finds it already in the log.
  app.addHook('onSend', async (request, reply, payload) => {
    const status = reply.statusCode;
    if (!request.actor || request.actor.kind === 'applicant' || (status !== 403 && status !== 404))
      return payload;
    if (!request.routeOptions.url?.startsWith('/api/v1/')) return payload;
    const params = request.params as Record<string, string> | undefined;
    await recordAudit(
      { db, actor: request.actor, ip: request.ip },
      {
        action: 'access.denied',
        result: 'denied',
        details: {
          method: request.method,
          route: request.routeOptions.url,
          status,
          // Only an id that can name a record: a probe's NUL or 1 MB string is no id to keep.
          ...(params?.id && isValidId(params.id) ? { id: params.id } : {}),
        },
      },
    ).catch((error: unknown) => request.log.error({ err: error }, 'audit of a denial failed'));
    return payload;
  });
}
