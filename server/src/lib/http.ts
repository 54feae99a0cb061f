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
import type { Actor, CallerKind } from './actor.js';
import { unauthenticated } from './app-error.js';
import type { MemberCtx, PartnerCtx, StaffCtx } from './context.js';
import type { Jobs } from './jobs.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The kinds of caller a route admits (`config.callers`); every other kind gets 401. */
export const staff = ['staff'] as const satisfies readonly CallerKind[];
/** The member's cabinet. */
export const member = ['member'] as const satisfies readonly CallerKind[];
/** A staff route whose reads may come from a replica, a few seconds behind (lists, figures,
 * exports); see db/replicas.ts. */
export const staffReads = { callers: staff, replicaReads: true };
/** A bonus partner's program, by its API key (`/api/v1/partner/…` only). */
export const partner = ['partner'] as const satisfies readonly CallerKind[];
/** Sign-in and the like: whoever calls, signed in or not. */
export const anyone = [
  'applicant',
  'staff',
  'member',
  'partner',
] as const satisfies readonly CallerKind[];

export interface RouteEntry {
  method: string;
  url: string;
  callers: readonly CallerKind[];
  /** The route's Zod schemas (params, querystring, body), for tests that walk every route. */
  schema?: FastifySchema | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every registered route (see app.ts). */
    routeTable: readonly RouteEntry[];
    /** Sending background jobs (lib/jobs), outside any transaction until `within`. */
    jobs: Jobs;
  }
  interface FastifyRequest {
    /** Always one kind; nobody signed in is an applicant. */
    actor: Actor;
    /** The session's stage; null without a session. */
    sessionStage: 'active' | 'mfa_verify' | 'mfa_enroll' | null;
    /** Reads of this request may go to a replica through it (null: the primary alone). */
    readDb: Kysely<Database> | null;
  }
  interface FastifyContextConfig {
    /**
     * Which kinds of caller reach the route: required on every API route (checked when it is
     * registered); any other kind gets 401 before the body is read.
     */
    callers?: readonly CallerKind[];
    /** Reachable with a half-open session (the second step of sign-in, sign-out). */
    mfaStep?: boolean;
    /**
     * A GET whose reads may come from a read replica (lists, searches, dashboards, reports,
     * exports): its writes (the audit entry) and transactions still go to the primary.
     */
    replicaReads?: boolean;
    /** Answers the version of the record it returns as `ETag` (lib/etag; in OpenAPI too). */
    etag?: boolean;
  }
}

/** The service context of a staff request. */
export function ctxOf(request: FastifyRequest, db: Kysely<Database>): StaffCtx {
  if (request.actor.kind !== 'staff') throw unauthenticated();
  return {
    db: request.readDb ?? db,
    actor: request.actor,
    ip: request.ip,
    jobs: request.server.jobs,
  };
}

/** The service context of a member in their cabinet. */
export function memberCtxOf(request: FastifyRequest, db: Kysely<Database>): MemberCtx {
  if (request.actor.kind !== 'member') throw unauthenticated();
  return { db, actor: request.actor, ip: request.ip, jobs: request.server.jobs };
}

/** The service context of a partner's program. */
export function partnerCtxOf(request: FastifyRequest, db: Kysely<Database>): PartnerCtx {
  if (request.actor.kind !== 'partner') throw unauthenticated();
  return { db, actor: request.actor, ip: request.ip, jobs: request.server.jobs };
}

/** Content-Disposition of a download: the Russian name for browsers, an ASCII one for the rest. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** A file a service made, as a download that is never cached. */
export interface Download {
  fileName: string;
  contentType: string;
  body: unknown;
}
interface DownloadReply {
  header(name: string, value: string): DownloadReply;
  send(payload: unknown): unknown;
}
export const sendDownload = (reply: DownloadReply, file: Download) =>
  reply
    .header('Content-Type', file.contentType)
    .header('Content-Disposition', attachment(file.fileName))
    .header('Cache-Control', 'no-store')
    .send(file.body);

export const spreadsheetTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;
