import type { BonusMonth, BonusStats } from '@profreestr/contracts';
import type { StaffCtx } from '../../lib/context.js';
import { type Download, spreadsheetTypes } from '../../lib/http.js';
import { monthRange, monthText } from '../../lib/months.js';
import { fillSheet, openSheet } from '../../lib/spreadsheet.js';
import { listScope } from '../access/placement.js';
import { recordAudit } from '../audit/audit.service.js';
import { subtreeCounts } from '../stats/stats.service.js';
import { countProgrammeMembers, findMonthlyStats } from './bonus-stats.queries.js';

// PROFCARDS by month and subtree: purchases, their amount, cashback, participants (distinct
// members with a purchase that month), every month of the range present, and the subtree's
// members on record with how many of them are in the programme (the deck's share).
//
// What counts: purchases that stand, by the Moscow month they were made in: waiting ones and
// confirmed ones. A cancelled purchase (refunded while waiting) and one refunded after
// confirmation (a reversal) count nowhere: the figures say what was bought and kept, and a
// month's numbers change when a refund comes later, as a purchase that did not stand.

export interface BonusStatsQuery {
  from: string;
  to: string;
  under?: string | undefined;
}

async function statsOf(ctx: StaffCtx, query: BonusStatsQuery) {
  const months = monthRange(query.from, query.to);
  const path = await listScope(ctx, 'bonus:read', query.under);
  // Three independent reads: on PostgreSQL they run side by side on the pool.
  const [rows, counts, programmeMembers] = await Promise.all([
    findMonthlyStats(ctx.db, path, `${query.from}-01`, `${query.to}-01`),
    subtreeCounts(ctx.db, query.under ?? ctx.actor.orgId),
    countProgrammeMembers(ctx.db, path),
  ]);
  const byMonth = new Map(rows.map((r) => [String(r.month).slice(0, 7), r]));
  const items: BonusMonth[] = months.map((month) => {
    const row = byMonth.get(month);
    return {
      month,
      purchases: Number(row?.purchases ?? 0),
      amount: Number(row?.amount ?? 0),
      cashback: Number(row?.cashback ?? 0),
      participants: Number(row?.participants ?? 0),
    };
  });
  const stats: BonusStats = { items, members: counts.active, programmeMembers };
  return { stats, path };
}

export const bonusStats = async (ctx: StaffCtx, query: BonusStatsQuery): Promise<BonusStats> =>
  (await statsOf(ctx, query)).stats;

const roubles = (kopecks: number) => kopecks / 100;

/** The same figures as XLSX: a row per month and a sheet with the programme's share. */
export async function bonusStatsFile(ctx: StaffCtx, query: BonusStatsQuery): Promise<Download> {
  const { stats, path } = await statsOf(ctx, query);
  const target = { type: 'org', id: query.under ?? ctx.actor.orgId, orgPath: path };
  const details = { format: 'xlsx', from: query.from, to: query.to };
  await recordAudit(ctx, { action: 'bonus.stats.export', target, details });
  const share = stats.members ? (stats.programmeMembers / stats.members) * 100 : 0;
  const sheet = openSheet(
    'xlsx',
    ['Месяц', 'Покупок', 'Сумма покупок, ₽', 'Кэшбэк, ₽', 'Участников'],
    {
      sheetName: 'PROFCARDS по месяцам',
      widths: [18, 12, 20, 16, 14],
      extraSheets: [
        {
          name: 'Участие в программе',
          rows: [
            ['Показатель', 'Значение'],
            ['Членов Профсоюза на учёте', stats.members],
            ['Из них в программе PROFCARDS', stats.programmeMembers],
            ['Доля в программе, %', Math.round(share * 10) / 10],
          ],
        },
      ],
    },
  );
  const rows = stats.items.map((m) => [
    monthText(m.month),
    m.purchases,
    roubles(m.amount),
    roubles(m.cashback),
    m.participants,
  ]);
  // The closing entry says whether the whole file left (a client may hang up midway).
  void fillSheet(sheet, rows, (done) =>
    recordAudit(ctx, {
      action: 'bonus.stats.export.end',
      target,
      result: done.complete ? 'ok' : 'failed',
      details: { ...details, rows: done.rows, complete: done.complete },
    }),
  );
  return {
    fileName: `PROFCARDS ${query.from} — ${query.to}.xlsx`,
    contentType: spreadsheetTypes.xlsx,
    body: sheet.stream,
  };
}
