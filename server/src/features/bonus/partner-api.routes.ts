import {
  externalIdParamsSchema,
  partnerCardCheckSchema,
  partnerPurchaseResultSchema,
  partnerPurchaseSchema,
  plainText,
  refundResultSchema,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import { type App, partner, partnerCtxOf } from '../../lib/http.js';
import { cardCheckAudit } from './card-check-audit.js';
import { checkCard, checkCardToken, recordPurchase, refundPurchase } from './purchases.service.js';

// The partners' own API (`Authorization: Bearer <key>`; auth.routes resolves the key and keeps
// each partner's request budget). HTTP only.

// The number is checked by the service, so a malformed one or a wrong Luhn digit is a 422
// naming the field (a path that cannot name a record is a 404 elsewhere).
const cardParamsSchema = z.object({
  cardNumber: plainText().max(64).describe('Номер карты: 16 цифр (пробелы допускаются)'),
});
const qrParamsSchema = z.object({
  token: plainText().max(200).describe('Содержимое QR-кода виртуальной карты: PRF1.<номер>.…'),
});

export function registerPartnerApiRoutes(app: App, db: Kysely<Database>) {
  const tags = ['partner'];
  const config = { callers: partner };
  const security = [{ bearerAuth: [] }];
  // Card checks' audit entries leave in batches; what waits is written before the server stops.
  const audit = cardCheckAudit(db);
  app.addHook('onClose', () => audit.settled());

  app.get(
    '/api/v1/partner/cards/:cardNumber',
    {
      config,
      schema: {
        tags,
        security,
        summary: 'Действует ли карта в программе (неизвестный номер — так же, как недействующий)',
        params: cardParamsSchema,
        response: { 200: partnerCardCheckSchema },
      },
    },
    async (request) => checkCard(partnerCtxOf(request, db), audit, request.params.cardNumber),
  );
  app.get(
    '/api/v1/partner/cards/qr/:token',
    {
      config,
      schema: {
        tags,
        security,
        summary: 'Проверка карты по QR-коду виртуальной карты (поддельный или истёкший — нет)',
        params: qrParamsSchema,
        response: { 200: partnerCardCheckSchema },
      },
    },
    async (request) => checkCardToken(partnerCtxOf(request, db), audit, request.params.token),
  );
  app.post(
    '/api/v1/partner/purchases',
    {
      config,
      schema: {
        tags,
        security,
        summary:
          'Покупка по карте: 201 новая; тот же externalId снова — 200 с первой покупкой, ничего не удваивается',
        body: partnerPurchaseSchema,
        response: { 200: partnerPurchaseResultSchema, 201: partnerPurchaseResultSchema },
      },
    },
    async (request, reply) => {
      const answer = await recordPurchase(partnerCtxOf(request, db), request.body);
      return reply.code(answer.created ? 201 : 200).send(answer.body);
    },
  );
  app.post(
    '/api/v1/partner/purchases/:externalId/refund',
    {
      config,
      schema: {
        tags,
        security,
        summary:
          'Возврат покупки: до подтверждения — отмена, после — сторно кэшбэка (повтор отвечает так же)',
        params: externalIdParamsSchema,
        response: { 200: refundResultSchema },
      },
    },
    async (request) => refundPurchase(partnerCtxOf(request, db), request.params.externalId),
  );
}
