import {
  blockCardSchema,
  cardBatchCreatedSchema,
  cardBatchListQuerySchema,
  cardBatchPageSchema,
  cardBatchPreviewQuerySchema,
  cardBatchPreviewSchema,
  cardBatchSchema,
  cardBatchStatusChangeSchema,
  cardParamsSchema,
  cardSchema,
  cardsToIssueQuerySchema,
  cardToIssuePageSchema,
  createCardBatchSchema,
  idParamsSchema,
  memberCardsSchema,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type App, ctxOf, sendDownload, staff } from '../../lib/http.js';
import { batchFile } from './card-batch-file.js';
import {
  changeBatchStatus,
  getBatch,
  listBatches,
  orderBatch,
  previewBatch,
} from './card-batches.service.js';
import { blockCard, cardsToIssue, issueCard, memberCards } from './cards.service.js';

// The e-card's carriers: a member's cards (read, hand over, block with a reissue), «Карты к
// выдаче», and the producer's batches (order, progress, file, status). HTTP only.

export function registerCardRoutes(app: App, db: Kysely<Database>) {
  const tags = ['cards'];
  const config = { callers: staff };

  // --- a member's cards ---
  app.get(
    '/api/v1/members/:id/cards',
    {
      config,
      schema: {
        tags,
        summary: 'Карты члена Профсоюза: носители номера, их история и доступные действия',
        params: idParamsSchema,
        response: { 200: memberCardsSchema },
      },
    },
    async (request) => memberCards(ctxOf(request, db), request.params.id),
  );
  app.post(
    '/api/v1/members/:id/cards/:cardId/issue',
    {
      config,
      schema: {
        tags,
        summary: 'Выдать члену Профсоюза пластиковую карту, доставленную в организацию',
        params: cardParamsSchema,
        response: { 200: cardSchema },
      },
    },
    async (request) => issueCard(ctxOf(request, db), request.params.id, request.params.cardId),
  );
  app.post(
    '/api/v1/members/:id/cards/:cardId/block',
    {
      config,
      schema: {
        tags,
        summary: 'Заблокировать карту (утеряна, повреждена, другое); перевыпуск — новая карта',
        params: cardParamsSchema,
        body: blockCardSchema,
        response: { 200: memberCardsSchema },
      },
    },
    async (request) =>
      blockCard(ctxOf(request, db), request.params.id, request.params.cardId, request.body),
  );
  app.get(
    '/api/v1/cards/to-issue',
    {
      config,
      schema: {
        tags,
        summary: 'Карты к выдаче: доставленные в организации поддерева пластиковые карты',
        querystring: cardsToIssueQuerySchema,
        response: { 200: cardToIssuePageSchema },
      },
    },
    async (request) => cardsToIssue(ctxOf(request, db), request.query),
  );

  // --- batches for the producer ---
  app.get(
    '/api/v1/card-batches',
    {
      config,
      schema: {
        tags,
        summary: 'Партии карт, заказанные для организаций поддерева',
        querystring: cardBatchListQuerySchema,
        response: { 200: cardBatchPageSchema },
      },
    },
    async (request) => listBatches(ctxOf(request, db), request.query),
  );
  app.get(
    '/api/v1/card-batches/preview',
    {
      config,
      schema: {
        tags,
        summary: 'Сколько карт будет в партии для поддерева, если заказать сейчас',
        querystring: cardBatchPreviewQuerySchema,
        response: { 200: cardBatchPreviewSchema },
      },
    },
    async (request) => previewBatch(ctxOf(request, db), request.query.under),
  );
  app.post(
    '/api/v1/card-batches',
    {
      config,
      schema: {
        tags,
        summary:
          'Заказать партию: пластиковые карты всем членам Профсоюза поддерева, у кого их нет',
        body: createCardBatchSchema,
        response: { 201: cardBatchCreatedSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await orderBatch(ctxOf(request, db), request.body.under)),
  );
  app.get(
    '/api/v1/card-batches/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Партия карт и ход её формирования',
        params: idParamsSchema,
        response: { 200: cardBatchSchema },
      },
    },
    async (request) => getBatch(ctxOf(request, db), request.params.id),
  );
  app.get(
    '/api/v1/card-batches/:id/file',
    {
      config,
      schema: {
        tags,
        summary: 'Файл для изготовителя (XLSX): номер, держатель, организация, адрес доставки',
        params: idParamsSchema,
      },
    },
    async (request, reply) =>
      sendDownload(reply, await batchFile(ctxOf(request, db), request.params.id)),
  );
  app.post(
    '/api/v1/card-batches/:id/status',
    {
      config,
      schema: {
        tags,
        summary: 'Партия изготовлена или доставлена: её карты переходят в тот же статус',
        params: idParamsSchema,
        body: cardBatchStatusChangeSchema,
        response: { 200: cardBatchSchema },
      },
    },
    async (request) =>
      changeBatchStatus(ctxOf(request, db), request.params.id, request.body.status),
  );
}
