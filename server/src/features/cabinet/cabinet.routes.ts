import {
  accessLogPageSchema,
  accessLogQuerySchema,
  cabinetCodeRequestSchema,
  cabinetExportSchema,
  cabinetInvitationSchema,
  cabinetLoginSchema,
  cabinetMeSchema,
  cabinetPatchSchema,
  cardSchema,
  consentChangeSchema,
  consentEntrySchema,
  consentListSchema,
  idParamsSchema,
  ownCardsSchema,
  virtualCardSchema,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { SecurityConfig } from '../../config.js';
import type { Database } from '../../db/schema.js';
import { type App, anyone, attachment, ctxOf, member, memberCtxOf, staff } from '../../lib/http.js';
import { issueVirtualCard, ownCards } from '../cards/cards.service.js';
import { endMemberSessionByToken, MEMBER_COOKIE } from '../sessions/member-sessions.js';
import { SESSION_ABSOLUTE_MS } from '../sessions/sessions.service.js';
import {
  cabinetAccessLog,
  cabinetCard,
  cabinetConsents,
  cabinetExport,
  cabinetMe,
  changeConsent,
  enterCabinet,
  inviteToCabinet,
  updateCabinetMe,
} from './cabinet.service.js';
import { requestCabinetCode, signInWithCode, signOutMember } from './cabinet-auth.service.js';

const tags = ['cabinet'];

export function registerCabinetRoutes(app: App, db: Kysely<Database>, security: SecurityConfig) {
  app.post(
    '/api/v1/cabinet/auth/code',
    {
      config: { callers: anyone },
      schema: {
        tags,
        summary: 'Код входа в личный кабинет на e-mail (ответ один для любого адреса)',
        body: cabinetCodeRequestSchema,
        response: { 202: z.object({ message: z.string() }) },
      },
    },
    async (request, reply) => {
      const ctx = { db, actor: request.actor, ip: request.ip, jobs: app.jobs };
      await requestCabinetCode(ctx, request.body.email, security.now());
      return reply.code(202).send({
        message: 'Если этот адрес указан в карточке члена Профсоюза, на него придёт код для входа',
      });
    },
  );

  app.post(
    '/api/v1/cabinet/auth/login',
    {
      config: { callers: anyone },
      schema: {
        tags,
        summary: 'Вход в личный кабинет по коду из письма',
        body: cabinetLoginSchema,
        response: { 200: cabinetMeSchema },
      },
    },
    async (request, reply) => {
      const signedIn = await signInWithCode(db, request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        now: security.now(),
      });
      // A member session held before (another member on a shared phone) ends: the new one
      // replaces it. The route admits anyone, so the cookie is read here, not by the hook.
      const previous = request.cookies[MEMBER_COOKIE];
      if (previous) await endMemberSessionByToken(db, previous);
      reply.setCookie(MEMBER_COOKIE, signedIn.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        path: '/',
        maxAge: SESSION_ABSOLUTE_MS / 1000,
      });
      const actor = {
        kind: 'member' as const,
        memberId: signedIn.memberId,
        orgId: '',
        sessionId: signedIn.sessionId,
      };
      return enterCabinet({ db, actor, ip: request.ip, jobs: app.jobs });
    },
  );

  app.post(
    '/api/v1/cabinet/auth/logout',
    {
      config: { callers: member },
      schema: { tags, summary: 'Выход из личного кабинета', response: { 204: z.null() } },
    },
    async (request, reply) => {
      await signOutMember(db, memberCtxOf(request, db).actor.sessionId);
      reply.clearCookie(MEMBER_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/cabinet/me',
    {
      config: { callers: member },
      schema: {
        tags,
        summary: 'Моя карточка и моя организация',
        response: { 200: cabinetMeSchema },
      },
    },
    async (request) => cabinetMe(memberCtxOf(request, db)),
  );

  app.patch(
    '/api/v1/cabinet/me',
    {
      config: { callers: member },
      schema: {
        tags,
        summary: 'Изменить свой телефон, адрес и письма',
        body: cabinetPatchSchema,
        response: { 200: cabinetMeSchema },
      },
    },
    async (request) => updateCabinetMe(memberCtxOf(request, db), request.body),
  );

  app.get(
    '/api/v1/cabinet/consents',
    {
      config: { callers: member },
      schema: {
        tags,
        summary: 'Мои согласия: вся история, новые первыми',
        response: { 200: consentListSchema },
      },
    },
    async (request) => cabinetConsents(memberCtxOf(request, db)),
  );

  app.post(
    '/api/v1/cabinet/consents',
    {
      config: { callers: member },
      schema: {
        tags,
        summary: 'Дать или отозвать согласие',
        body: consentChangeSchema,
        response: { 201: consentEntrySchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await changeConsent(memberCtxOf(request, db), request.body)),
  );

  app.get(
    '/api/v1/cabinet/access-log',
    {
      config: { callers: member },
      schema: {
        tags,
        summary: 'Кто смотрел и менял мою карточку',
        querystring: accessLogQuerySchema,
        response: { 200: accessLogPageSchema },
      },
    },
    async (request) => cabinetAccessLog(memberCtxOf(request, db), request.query),
  );

  app.get(
    '/api/v1/cabinet/export',
    {
      config: { callers: member },
      schema: {
        tags,
        summary: 'Все мои данные одним файлом (JSON)',
        response: { 200: cabinetExportSchema },
      },
    },
    async (request, reply) => {
      const data = await cabinetExport(memberCtxOf(request, db));
      reply.header('content-disposition', attachment('Мои данные — Профреестр.json'));
      return data;
    },
  );

  app.get(
    '/api/v1/cabinet/card',
    {
      config: { callers: member },
      schema: {
        tags,
        summary: 'Электронный профсоюзный билет с QR-кодом',
        response: { 200: virtualCardSchema },
      },
    },
    async (request) => cabinetCard(memberCtxOf(request, db)),
  );

  app.get(
    '/api/v1/cabinet/cards',
    {
      config: { callers: member },
      schema: {
        tags,
        summary: 'Мои карты: пластиковая и виртуальная, их статусы',
        response: { 200: ownCardsSchema },
      },
    },
    async (request) => ownCards(memberCtxOf(request, db)),
  );

  app.post(
    '/api/v1/cabinet/cards/virtual',
    {
      config: { callers: member },
      schema: {
        tags,
        summary: 'Выпустить виртуальную карту (если действующей нет)',
        response: { 200: cardSchema },
      },
    },
    async (request) => issueVirtualCard(memberCtxOf(request, db)),
  );

  app.post(
    '/api/v1/members/:id/cabinet-invitation',
    {
      config: { callers: staff },
      schema: {
        tags: ['members'],
        summary: 'Пригласить члена Профсоюза в личный кабинет (письмо со ссылкой)',
        params: idParamsSchema,
        response: { 202: cabinetInvitationSchema },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await inviteToCabinet(ctxOf(request, db), request.params.id)),
  );
}
