import {
  emailConfirmSchema,
  idParamsSchema,
  mailingCreateSchema,
  mailingPageSchema,
  mailingRecipientPageSchema,
  mailingRecipientQuerySchema,
  mailingSchema,
  pageQuerySchema,
  unsubscribeQuerySchema,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import { type App, anyone, ctxOf, staff } from '../../lib/http.js';
import { confirmEmail } from './email-confirmation.js';
import { unsubscribe } from './mail.service.js';
import {
  createMailing,
  getMailing,
  listMailings,
  listRecipients,
  sendMailing,
} from './mailings.service.js';

const tags = ['mail'];

export function registerMailingRoutes(app: App, db: Kysely<Database>) {
  app.post(
    '/api/v1/mailings',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary:
          'Черновик рассылки: тема, текст, получатели (сколько их, у скольких нет e-mail или согласия)',
        body: mailingCreateSchema,
        response: { 201: mailingSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createMailing(ctxOf(request, db), request.body)),
  );

  app.get(
    '/api/v1/mailings',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Рассылки поддерева, новые первыми',
        querystring: pageQuerySchema,
        response: { 200: mailingPageSchema },
      },
    },
    async (request) => listMailings(ctxOf(request, db), request.query),
  );

  app.get(
    '/api/v1/mailings/:id',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Рассылка: получатели и доставка по состояниям',
        params: idParamsSchema,
        response: { 200: mailingSchema },
      },
    },
    async (request) => getMailing(ctxOf(request, db), request.params.id),
  );

  app.post(
    '/api/v1/mailings/:id/send',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Отправить рассылку: письмо каждому получателю с e-mail и согласием',
        params: idParamsSchema,
        response: { 202: mailingSchema },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await sendMailing(ctxOf(request, db), request.params.id)),
  );

  app.get(
    '/api/v1/mailings/:id/recipients',
    {
      config: { callers: staff },
      schema: {
        tags,
        summary: 'Получатели рассылки и доставка каждому',
        params: idParamsSchema,
        querystring: mailingRecipientQuerySchema,
        response: { 200: mailingRecipientPageSchema },
      },
    },
    async (request) => listRecipients(ctxOf(request, db), request.params.id, request.query),
  );

  // RFC 8058: mail clients POST `List-Unsubscribe=One-Click` as a form; the body says nothing
  // the token does not, so it is taken as it is.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (_request, _body, done) => done(null, undefined),
  );
  app.post(
    '/api/v1/email/confirm',
    {
      config: { callers: anyone },
      schema: {
        tags,
        summary: 'Подтвердить e-mail по ссылке из письма (одноразовая, 7 дней)',
        body: emailConfirmSchema,
        response: { 200: z.object({ confirmed: z.literal(true) }) },
      },
    },
    async (request) => {
      await confirmEmail({ db, ip: request.ip }, request.body.token);
      return { confirmed: true as const };
    },
  );

  app.post(
    '/api/v1/unsubscribe',
    {
      config: { callers: anyone },
      schema: {
        tags,
        summary: 'Отписка от рассылок в один клик (ссылка из письма, RFC 8058)',
        querystring: unsubscribeQuerySchema,
        response: { 200: z.object({ unsubscribed: z.literal(true) }) },
      },
    },
    async (request) => {
      await unsubscribe({ db, ip: request.ip }, request.query.token);
      return { unsubscribed: true as const };
    },
  );
}
