import {
  bounceSchema,
  idParamsSchema,
  letterDetailSchema,
  letterPageSchema,
  letterQuerySchema,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import { type App, anyone, ctxOf, staff } from '../../lib/http.js';
import {
  getLetter,
  listLetters,
  recordBounce,
  refuseWebhook,
  resendLetter,
  tokenMatches,
} from './mail.service.js';

const tags = ['mail'];

export function registerMailRoutes(
  app: App,
  db: Kysely<Database>,
  settings: { webhookToken: string | undefined },
) {
  app.get(
    '/api/v1/mail/messages',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Письма о поддереве: очередь, отправленные, ошибки (администраторы)',
        querystring: letterQuerySchema,
        response: { 200: letterPageSchema },
      },
    },
    async (request) => listLetters(ctxOf(request, db), request.query),
  );

  app.get(
    '/api/v1/mail/messages/:id',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Письмо: текст, попытки, последняя ошибка',
        params: idParamsSchema,
        response: { 200: letterDetailSchema },
      },
    },
    async (request) => getLetter(ctxOf(request, db), request.params.id),
  );

  app.post(
    '/api/v1/mail/messages/:id/resend',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Отправить недоставленное письмо ещё раз',
        params: idParamsSchema,
        response: { 200: letterDetailSchema },
      },
    },
    async (request) => resendLetter(ctxOf(request, db), request.params.id),
  );

  app.post(
    '/api/v1/mail/bounces',
    {
      // The mail service's webhook: its bearer token (MAIL_WEBHOOK_TOKEN) decides, not a session.
      config: { callers: anyone },
      // The token first, before the body is even read: a caller without it learns nothing.
      onRequest: async (request) => {
        const token = /^bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
        if (!tokenMatches(token, settings.webhookToken)) {
          throw await refuseWebhook({ db, ip: request.ip });
        }
      },
      bodyLimit: 16 * 1024,
      schema: {
        tags,
        summary: 'Сообщение почтового сервиса о недоставленном письме (Bearer MAIL_WEBHOOK_TOKEN)',
        security: [{ mailWebhook: [] }],
        body: bounceSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await recordBounce({ db, ip: request.ip }, request.body);
      return reply.code(204).send(null);
    },
  );
}
