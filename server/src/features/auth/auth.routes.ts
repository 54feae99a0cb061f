import {
  loginRequestSchema,
  loginResponseSchema,
  meResponseSchema,
  mfaCodeRequestSchema,
  mfaSetupResponseSchema,
  mfaSignedInResponseSchema,
  passwordChangeSchema,
  recoveryCodesResponseSchema,
} from '@profreestr/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { SecurityConfig } from '../../config.js';
import type { ReplicaSet } from '../../db/replicas.js';
import type { Database } from '../../db/schema.js';
import { applicant } from '../../lib/actor.js';
import { conflict, unauthenticated } from '../../lib/app-error.js';
import { type App, anyone, ctxOf, staff } from '../../lib/http.js';
import { grantableRoles, permissionsOf } from '../access/access.js';
import { PARTNER_API_PREFIX, type PartnerGate } from '../bonus/partner-keys.js';
import { MEMBER_COOKIE, resolveMemberSession } from '../sessions/member-sessions.js';
import { resolveSession, SESSION_ABSOLUTE_MS } from '../sessions/sessions.service.js';
import { getCurrentUser } from '../users/users.service.js';
import { changePassword, login, logout } from './auth.service.js';
import {
  disableMfa,
  enableMfa,
  mfaStatus,
  renewRecoveryCodes,
  setupMfa,
  verifyMfa,
} from './mfa.service.js';
import { checkSessionBudget } from './session-rate-limit.js';

export const SESSION_COOKIE = 'prf_session';

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}

/** How long a session's reads stay on the primary after a request of it that may write. */
export const READ_YOUR_WRITES_MS = 10_000;

const PENDING_MESSAGE = 'Завершите вход: введите код подтверждения';

/**
 * Resolves the caller of every request: staff with a full session, a member in the cabinet,
 * a partner's program on its own routes, else an applicant (nobody signed in). A route that
 * does not admit the caller's kind answers 401; a half-open staff
 * session (password given, second factor not yet) counts as staff only on the routes marked
 * `mfaStep`. Each session has a request budget per minute, each partner one per second.
 */
export function registerAuthentication(
  app: App,
  db: Kysely<Database>,
  security: SecurityConfig,
  partners: PartnerGate,
  replicas: ReplicaSet | null,
) {
  // Set first thing in the hook below (an object default would be shared by every request).
  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionStage', null);
  app.decorateRequest('readDb', null);
  app.addHook('onRequest', async (request) => {
    request.actor = applicant;
    request.readDb = null;
    // A partner's routes answer its API key alone (cookies count nowhere there), and a key
    // counts nowhere else: a bearer on any other route is ignored.
    if (request.routeOptions.url?.startsWith(PARTNER_API_PREFIX)) {
      request.sessionStage = null;
      request.actor = await partners.authenticate(request.headers.authorization, security.now());
      return;
    }
    const now = security.now();
    const config = request.routeOptions.config;
    const admits = config.callers ?? [];
    const isApi = request.routeOptions.url?.startsWith('/api/v1/') ?? false;
    const memberToken = request.cookies[MEMBER_COOKIE];
    // A request counts in the budget of the one session it is served under: the member's own
    // on a route for members alone, else the staff session's.
    const memberRoute = admits.includes('member') && !admits.includes('staff');
    const token = request.cookies[SESSION_COOKIE];
    const writes = request.method !== 'GET' && request.method !== 'HEAD';
    const session = token
      ? await resolveSession(db, token, now, {
          counted: isApi && !(memberToken && memberRoute),
          writes,
        })
      : null;
    request.sessionStage = session?.stage ?? null;
    const full = session?.stage === 'active';
    request.actor = session && (full || config.mfaStep) ? session.actor : applicant;
    // The member's own cookie counts only on routes members reach (the cabinet): a browser
    // holding both is staff on staff routes and the member in the cabinet.
    let budgetUsed = session?.budgetUsed ?? 0;
    if (memberToken && admits.includes('member') && !admits.includes(request.actor.kind)) {
      const member = await resolveMemberSession(db, memberToken, now);
      if (member) {
        request.actor = member.actor;
        budgetUsed = member.budgetUsed;
      }
    }
    checkSessionBudget(budgetUsed, security.apiRequestsPerMinute, now);
    // Reads from a replica where the route allows, unless the session wrote a moment ago: it
    // then reads its own writes from the primary.
    const wroteAt = session?.wroteAt?.getTime() ?? Number.NEGATIVE_INFINITY;
    if (
      replicas &&
      config.replicaReads &&
      !writes &&
      now.getTime() - wroteAt > READ_YOUR_WRITES_MS
    ) {
      request.readDb = replicas.reader();
    }
    // Refused before the body is even parsed: an anonymous caller learns nothing of a route.
    if (isApi && !admits.includes(request.actor.kind)) {
      throw unauthenticated(session && !full ? PENDING_MESSAGE : undefined);
    }
  });
}

export function registerAuthRoutes(app: App, db: Kysely<Database>, security: SecurityConfig) {
  app.post(
    '/api/v1/auth/login',
    {
      config: { callers: anyone },
      schema: {
        tags: ['auth'],
        summary: 'Вход по логину и паролю',
        body: loginRequestSchema,
        response: { 200: loginResponseSchema },
      },
    },
    async (request, reply) => {
      const outcome = await login(db, security, request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        now: security.now(),
      });
      // A session that existed before sign-in is dropped: the new one replaces it (no fixation).
      if (request.actor.kind === 'staff') await logout(ctxOf(request, db));
      setSessionCookie(request, reply, outcome.token);
      return { user: outcome.user, ...(outcome.mfa ? { mfa: outcome.mfa } : {}) };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { callers: staff, mfaStep: true },
      schema: { tags: ['auth'], summary: 'Выход', response: { 204: z.null() } },
    },
    async (request, reply) => {
      await logout(ctxOf(request, db));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { callers: staff },
      schema: {
        tags: ['auth'],
        summary: 'Текущий пользователь и его второй фактор',
        response: { 200: meResponseSchema },
      },
    },
    async (request) => {
      const ctx = ctxOf(request, db);
      return {
        user: await getCurrentUser(ctx),
        mfa: await mfaStatus(ctx, security),
        permissions: permissionsOf(ctx.actor),
        grantableRoles: grantableRoles(ctx.actor),
      };
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { callers: staff },
      schema: {
        tags: ['auth'],
        summary: 'Сменить свой пароль (другие сеансы завершаются)',
        body: passwordChangeSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await changePassword(ctxOf(request, db), request.body, security.now());
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/mfa/verify',
    {
      config: { callers: staff, mfaStep: true },
      schema: {
        tags: ['auth'],
        summary: 'Второй шаг входа: код приложения или резервный код',
        body: mfaCodeRequestSchema,
        response: { 200: mfaSignedInResponseSchema },
      },
    },
    async (request, reply) => {
      if (request.sessionStage !== 'mfa_verify') throw conflict('Вход уже подтверждён');
      const { token, user } = await verifyMfa(ctxOf(request, db), security, request.body.code);
      setSessionCookie(request, reply, token);
      return { user };
    },
  );

  app.post(
    '/api/v1/auth/mfa/setup',
    {
      config: { callers: staff, mfaStep: true },
      schema: {
        tags: ['auth'],
        summary: 'Новый ключ для приложения-аутентификатора',
        response: { 200: mfaSetupResponseSchema },
      },
    },
    async (request) => {
      if (request.sessionStage === 'mfa_verify') throw unauthenticated(PENDING_MESSAGE);
      return setupMfa(ctxOf(request, db));
    },
  );

  app.post(
    '/api/v1/auth/mfa/enable',
    {
      config: { callers: staff, mfaStep: true },
      schema: {
        tags: ['auth'],
        summary: 'Включить второй фактор кодом из приложения',
        body: mfaCodeRequestSchema,
        response: { 200: mfaSignedInResponseSchema },
      },
    },
    async (request, reply) => {
      if (request.sessionStage === 'mfa_verify') throw unauthenticated(PENDING_MESSAGE);
      const pending = request.sessionStage === 'mfa_enroll';
      const result = await enableMfa(ctxOf(request, db), security, request.body.code, pending);
      if (result.token) setSessionCookie(request, reply, result.token);
      return { user: result.user, recoveryCodes: result.recoveryCodes };
    },
  );

  app.post(
    '/api/v1/auth/mfa/disable',
    {
      config: { callers: staff },
      schema: {
        tags: ['auth'],
        summary: 'Отключить второй фактор',
        body: mfaCodeRequestSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await disableMfa(ctxOf(request, db), security, request.body.code);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/mfa/recovery-codes',
    {
      config: { callers: staff },
      schema: {
        tags: ['auth'],
        summary: 'Новые резервные коды (старые перестают действовать)',
        body: mfaCodeRequestSchema,
        response: { 200: recoveryCodesResponseSchema },
      },
    },
    async (request) => ({
      recoveryCodes: await renewRecoveryCodes(ctxOf(request, db), security, request.body.code),
    }),
  );
}
