import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  FastifySchema,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Actor } from '../features/access/access.js';
import { unauthenticated } from './app-error.js';
import type { Ctx } from './context.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface RouteEntry {
  method: string;
  url: string;
  public: boolean;
  /** The route's Zod schemas (params, querystring, body), for tests that walk every route. */
  schema?: FastifySchema | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every registered route (see app.ts). */
    routeTable: readonly RouteEntry[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The session's stage; null without a session. */
    sessionStage: 'active' | 'mfa_verify' | 'mfa_enroll' | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (sign-in, health). Every other API route requires one. */
    public?: boolean;
    /** Reachable with a half-open session (the second step of sign-in, sign-out). */
    mfaStep?: boolean;
    /** Answers the version of the record it returns as `ETag` (lib/etag; in OpenAPI too). */
    etag?: boolean;
  }
}

/** The service context of an authenticated request. */
export function ctxOf(request: FastifyRequest, db: Kysely<Database>): Ctx {
  if (!request.actor) throw unauthenticated();
  return { db, actor: request.actor, ip: request.ip };
}

/** Content-Disposition of a download: the Russian name for browsers, an ASCII one for the rest. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const spreadsheetTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;
