import {
  idParamsSchema,
  pageOf,
  userAccountSchema,
  userCreateSchema,
  userListQuerySchema,
  userPasswordResetSchema,
  userResponseSchema,
  userUpdateSchema,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import { type App, ctxOf, staff } from '../../lib/http.js';
import {
  createUser,
  getUser,
  listUsers,
  resetUserMfa,
  resetUserPassword,
  updateUser,
} from './users.service.js';

export function registerUserRoutes(app: App, db: Kysely<Database>) {
  app.post(
    '/api/v1/users',
    {
      config: { callers: staff },
      schema: {
        tags: ['users'],
        summary: 'Создать пользователя в своей области видимости',
        body: userCreateSchema,
        response: { 201: userResponseSchema },
      },
    },
    async (request, reply) => {
      const user = await createUser(ctxOf(request, db), request.body);
      return reply.code(201).send({ user });
    },
  );

  app.get(
    '/api/v1/users',
    {
      config: { callers: staff },
      schema: {
        tags: ['users'],
        summary: 'Пользователи поддерева, поиск по логину и ФИО (администраторы)',
        querystring: userListQuerySchema,
        response: { 200: pageOf(userAccountSchema) },
      },
    },
    async (request) => listUsers(ctxOf(request, db), request.query),
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: { callers: staff },
      schema: {
        tags: ['users'],
        summary: 'Пользователь (администраторы)',
        params: idParamsSchema,
        response: { 200: userResponseSchema },
      },
    },
    async (request) => ({ user: await getUser(ctxOf(request, db), request.params.id) }),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { callers: staff },
      schema: {
        tags: ['users'],
        summary: 'Изменить роль, ФИО, доступ или организацию пользователя (администраторы)',
        params: idParamsSchema,
        body: userUpdateSchema,
        response: { 200: z.object({ user: userAccountSchema }) },
      },
    },
    async (request) => ({
      user: await updateUser(ctxOf(request, db), request.params.id, request.body),
    }),
  );

  app.delete(
    '/api/v1/users/:id/mfa',
    {
      config: { callers: staff },
      schema: {
        tags: ['users'],
        summary: 'Сбросить второй фактор пользователя (администраторы)',
        params: idParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await resetUserMfa(ctxOf(request, db), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/users/:id/password',
    {
      config: { callers: staff },
      schema: {
        tags: ['users'],
        summary: 'Задать пользователю новый пароль; его сеансы завершатся (администраторы)',
        params: idParamsSchema,
        body: userPasswordResetSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await resetUserPassword(ctxOf(request, db), request.params.id, request.body.password);
      return reply.code(204).send(null);
    },
  );
}
