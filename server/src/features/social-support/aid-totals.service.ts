import {
  type AidTotals,
  type AidTotalsQuery,
  benefitKindLabels,
  kopecksToRoubles,
} from '@profreestr/contracts';
import type { StaffCtx } from '../../lib/context.js';
import { type Download, spreadsheetTypes } from '../../lib/http.js';
import { monthRange, monthText } from '../../lib/months.js';
import { fillSheet, openSheet } from '../../lib/spreadsheet.js';
import { listScope } from '../access/placement.js';
import { recordAudit } from '../audit/audit.service.js';
import { findGrantedTotals } from './aid-requests.queries.js';

// Aid granted, by benefit, month and subtree: approved requests counted in the Moscow month of
// the decision, over the requests the subtree's queue holds (its members', and those to the
// benefits it offers). Sums are added in kopecks and shown as roubles.

async function totalsOf(ctx: StaffCtx, query: AidTotalsQuery) {
  const months = monthRange(query.from, query.to);
  const path = await listScope(ctx, 'aid:read', query.under);
  const rows = await findGrantedTotals(ctx.db, path, `${query.from}-01`, `${query.to}-01`);
  const sums = new Map(months.map((month) => [month, { granted: 0, kopecks: 0 }]));
  const items = rows.map((row) => {
    const month = String(row.month).slice(0, 7);
    const granted = Number(row.granted);
    const kopecks = Number(row.amount);
    const sum = sums.get(month);
    if (sum) {
      sum.granted += granted;
      sum.kopecks += kopecks;
    }
    return {
      month,
      benefit: {
        id: row.benefit_id,
        title: row.benefit_title,
        kind: row.benefit_kind,
        orgId: row.benefit_org_id,
        orgName: row.benefit_org_name,
      },
      granted,
      amount: kopecksToRoubles(kopecks),
    };
  });
  const monthly = [...sums].map(([month, s]) => ({
    month,
    granted: s.granted,
    amount: kopecksToRoubles(s.kopecks),
  }));
  const all = [...sums.values()].reduce(
    (acc, s) => ({ granted: acc.granted + s.granted, kopecks: acc.kopecks + s.kopecks }),
    { granted: 0, kopecks: 0 },
  );
  const totals: AidTotals = {
    items,
    months: monthly,
    total: { granted: all.granted, amount: kopecksToRoubles(all.kopecks) },
  };
  return { totals, path };
}

/** `GET /aid-requests/totals`. Sums only, nobody named: not an access to personal data. */
export const aidTotals = async (ctx: StaffCtx, query: AidTotalsQuery): Promise<AidTotals> =>
  (await totalsOf(ctx, query)).totals;

/** The same totals as XLSX: a row per month and benefit, and a sheet of the months. */
export async function aidTotalsFile(ctx: StaffCtx, query: AidTotalsQuery): Promise<Download> {
  const { totals, path } = await totalsOf(ctx, query);
  const target = { type: 'org', id: query.under ?? ctx.actor.orgId, orgPath: path };
  const details = { format: 'xlsx', from: query.from, to: query.to };
  await recordAudit(ctx, { action: 'aid_request.totals.export', target, details });
  const sheet = openSheet(
    'xlsx',
    ['Месяц', 'Льгота', 'Вид', 'Предлагает', 'Одобрено обращений', 'Назначено, ₽'],
    {
      sheetName: 'Помощь по льготам',
      widths: [18, 40, 12, 40, 20, 18],
      extraSheets: [
        {
          name: 'По месяцам',
          rows: [
            ['Месяц', 'Одобрено обращений', 'Назначено, ₽'],
            ...totals.months.map((m) => [monthText(m.month), m.granted, m.amount]),
            ['Итого', totals.total.granted, totals.total.amount],
          ],
        },
      ],
    },
  );
  const rows = totals.items.map((item) => [
    monthText(item.month),
    item.benefit.title,
    benefitKindLabels[item.benefit.kind],
    item.benefit.orgName,
    item.granted,
    item.amount,
  ]);
  // The closing entry says whether the whole file left (a client may hang up midway).
  void fillSheet(sheet, rows, (done) =>
    recordAudit(ctx, {
      action: 'aid_request.totals.export.end',
      target,
      result: done.complete ? 'ok' : 'failed',
      details: { ...details, rows: done.rows, complete: done.complete },
    }),
  );
  return {
    fileName: `Социальная поддержка ${query.from} — ${query.to}.xlsx`,
    contentType: spreadsheetTypes.xlsx,
    body: sheet.stream,
  };
}
