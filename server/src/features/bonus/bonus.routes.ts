import {
  bonusStatsQuerySchema,
  bonusStatsSchema,
  cabinetBonusesSchema,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type App, ctxOf, member, memberCtxOf, sendDownload, staffReads } from '../../lib/http.js';
import { bonusStats, bonusStatsFile } from './bonus-stats.service.js';
import { memberBonuses } from './purchases.service.js';

// PROFCARDS statistics for staff and the member's own cashback in the cabinet. HTTP only.

export function registerBonusRoutes(app: App, db: Kysely<Database>) {
  const tags = ['bonus'];

  app.get(
    '/api/v1/bonus/stats',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Программа PROFCARDS по месяцам в поддереве: покупки, суммы, кэшбэк, участники',
        querystring: bonusStatsQuerySchema,
        response: { 200: bonusStatsSchema },
      },
    },
    async (request) => bonusStats(ctxOf(request, db), request.query),
  );
  app.get(
    '/api/v1/bonus/stats/file',
    {
      config: staffReads,
      schema: {
        tags,
        summary: 'Статистика PROFCARDS по месяцам файлом XLSX',
        querystring: bonusStatsQuerySchema,
      },
    },
    async (request, reply) =>
      sendDownload(reply, await bonusStatsFile(ctxOf(request, db), request.query)),
  );
  app.get(
    '/api/v1/cabinet/bonuses',
    {
      config: { callers: member },
      schema: {
        tags: ['cabinet'],
        summary: 'Свой кэшбэк PROFCARDS: ожидает, подтверждён (за вычетом возвратов), покупки',
        response: { 200: cabinetBonusesSchema },
      },
    },
    async (request) => memberBonuses(memberCtxOf(request, db)),
  );
}
