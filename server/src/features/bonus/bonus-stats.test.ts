import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BonusWorld, buildBonusWorld } from '../../../test/bonus-fixture.js';
import { putOnRecord } from '../../../test/member-fixture.js';
import { confirmHeldPurchases } from './purchases.service.js';

const MSK = 3 * 3600_000;

/** The Moscow month `back` months before the current one, as `YYYY-MM`. */
function monthBack(back: number): string {
  const now = new Date(Date.now() + MSK);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
  return d.toISOString().slice(0, 7);
}
/** A moment of that month: day and Moscow hour. */
const at = (month: string, day: number, mskHour = 12) =>
  new Date(
    Date.parse(`${month}-${String(day).padStart(2, '0')}T00:00:00Z`) + (mskHour * 3600_000 - MSK),
  ).toISOString();

describe('PROFCARDS statistics by month and subtree', () => {
  let w: BonusWorld;
  let chairA1: string;
  const m = { three: monthBack(3), two: monthBack(2), one: monthBack(1), now: monthBack(0) };

  beforeAll(async () => {
    w = await buildBonusWorld();
    const shop = await w.partner('Статистика', 10);
    const { primaryA1, primaryA2, primaryB1 } = w.tree.orgs;
    const a = await w.member('Альфа', primaryA1.id);
    const b = await w.member('Бета', primaryA2.id);
    const c = await w.member('Гамма', primaryB1.id);
    // On record, outside the programme.
    await putOnRecord(w.t, w.tree.admin, {
      orgId: primaryA1.id,
      lastName: 'Дельта',
      firstName: 'Ия',
    });
    const buy = async (card: string, amount: number, purchasedAt: string, externalId: string) => {
      const response = await w.buy(shop.apiKey, {
        cardNumber: card,
        amount,
        purchasedAt,
        externalId,
      });
      if (response.statusCode !== 201) throw new Error(response.body);
    };
    await buy(a.cardNumber, 1_000, at(m.three, 3), 'a1');
    await buy(a.cardNumber, 2_000, at(m.three, 20), 'a2');
    await buy(b.cardNumber, 4_000, at(m.three, 28), 'b1');
    await buy(a.cardNumber, 3_000, at(m.one, 10), 'a3');
    // 00:30 on the 1st in Moscow is still the month before in UTC: counted in Moscow's month.
    await buy(c.cardNumber, 5_000, at(m.one, 1, 0.5), 'c1');
    await buy(b.cardNumber, 7_000, at(m.one, 5), 'b-cancelled');
    await buy(b.cardNumber, 9_000, at(m.one, 6), 'b-reversed');
    await w.call('POST', '/api/v1/partner/purchases/b-cancelled/refund', shop.apiKey);
    await confirmHeldPurchases(w.t.database.db, 14, new Date(Date.now() + 400 * 86_400_000));
    const reversed = await w.call(
      'POST',
      '/api/v1/partner/purchases/b-reversed/refund',
      shop.apiKey,
    );
    expect(reversed.json()).toEqual({ status: 'cancelled', reversed: true });
    await w.tree.user('chair-a1', 'editor', primaryA1.id);
    chairA1 = await w.t.login('chair-a1');
  });
  afterAll(() => w.t.close());

  const stats = (query: string, cookie = w.tree.admin) =>
    w.t.api('GET', `/api/v1/bonus/stats?${query}`, { cookie });

  it('counts each Moscow month of the range, zeros included: what stands, and who bought', async () => {
    const response = await stats(`from=${m.three}&to=${m.now}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      items: [
        { month: m.three, purchases: 3, amount: 7_000, cashback: 700, participants: 2 },
        { month: m.two, purchases: 0, amount: 0, cashback: 0, participants: 0 },
        // Cancelled and refunded-after-confirmation purchases count nowhere.
        { month: m.one, purchases: 2, amount: 8_000, cashback: 800, participants: 2 },
        { month: m.now, purchases: 0, amount: 0, cashback: 0, participants: 0 },
      ],
      members: 4,
      programmeMembers: 3,
    });
  });

  it('reads a subtree alone, and the caller’s own subtree without `under`', async () => {
    const regionA = await stats(`from=${m.one}&to=${m.one}&under=${w.tree.orgs.regionA.id}`);
    expect(regionA.json()).toEqual({
      items: [{ month: m.one, purchases: 1, amount: 3_000, cashback: 300, participants: 1 }],
      members: 3,
      programmeMembers: 2,
    });
    const own = await stats(`from=${m.three}&to=${m.three}`, chairA1);
    expect(own.statusCode).toBe(200);
    expect(own.json().items[0]).toMatchObject({ purchases: 2, amount: 3_000, participants: 1 });
    expect(own.json()).toMatchObject({ members: 2, programmeMembers: 1 });
  });

  it('a subtree outside the caller’s is a 404: the chairman of A asks about B', async () => {
    const response = await stats(
      `from=${m.three}&to=${m.now}&under=${w.tree.orgs.primaryB1.id}`,
      chairA1,
    );
    expect(response.statusCode).toBe(404);
  });

  it('refuses a range backwards, longer than 36 months, or not a month (year 0000 too)', async () => {
    expect((await stats(`from=${m.one}&to=${m.three}`)).statusCode).toBe(422);
    expect((await stats('from=2020-01&to=2023-01')).statusCode).toBe(422);
    expect((await stats('from=2020-01&to=2022-12')).statusCode).toBe(200);
    expect((await stats('from=2026-13&to=2026-12')).statusCode).toBe(422);
    expect((await stats('from=2026-1&to=2026-12')).statusCode).toBe(422);
    expect((await stats('from=0000-01&to=0000-02')).statusCode).toBe(422);
  });

  it('exports the figures as XLSX, audited at the start and at the end', async () => {
    const response = await w.t.api('GET', `/api/v1/bonus/stats/file?from=${m.three}&to=${m.now}`, {
      cookie: w.tree.admin,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.rowCount).toBe(5);
    expect(sheet?.getRow(2).values).toEqual([
      undefined,
      expect.stringMatching(/\d{4}$/),
      3,
      70,
      7,
      2,
    ]);
    const share = book.worksheets[1];
    expect(share?.getRow(3).values).toEqual([undefined, 'Из них в программе PROFCARDS', 3]);
    const actions = await w.exec(sql`select action, result, details from audit_log
      where action like 'bonus.stats.export%' order by id`);
    expect(actions).toEqual([
      expect.objectContaining({ action: 'bonus.stats.export', result: 'ok' }),
      expect.objectContaining({
        action: 'bonus.stats.export.end',
        result: 'ok',
        details: expect.objectContaining({ rows: 4, complete: true }),
      }),
    ]);
  });
});
