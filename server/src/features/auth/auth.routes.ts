import { loginRequestSchema, userResponseSchema } from '@profreestr/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import { unauthenticated } from '../../lib/app-error.js';
import { type App, ctxOf } from '../../lib/http.js';
import { getCurrentUser } from '../users/users.service.js';
import { login, logout, resolveActor, SESSION_ABSOLUTE_MS } from './auth.service.js';

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

/** Resolves the session of every request and refuses API routes not marked public without one. */
export function registerAuthentication(app: App, db: Kysely<Database>) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    request.actor = token ? await resolveActor(db, token) : null;
    // Refused before the body is even parsed: an anonymous caller learns nothing of a route.
    const isApi = request.routeOptions.url?.startsWith('/api/v1/');
    if (isApi && !request.routeOptions.config.public && !request.actor) throw unauthenticated();
  });
}

export function registerAuthRoutes(app: App, db: Kysely<Database>) {
  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Вход по логину и паролю',
        body: loginRequestSchema,
        response: { 200: userResponseSchema },
      },
    },
    async (request, reply) => {
      const { token, user } = await login(db, request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      // A session that existed before sign-in is dropped: the new one replaces it (no fixation).
      if (request.actor) await logout(db, request.actor, request.ip);
      setSessionCookie(request, reply, token);
      return { user };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'Выход', response: { 204: z.null() } } },
    async (request, reply) => {
      const ctx = ctxOf(request, db);
      await logout(db, ctx.actor, ctx.ip);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Текущий пользователь',
        response: { 200: userResponseSchema },
      },
    },
    async (request) => {
      return { user: await getCurrentUser(ctxOf(request, db)) };
    },
  );
}
