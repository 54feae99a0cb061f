import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSupportWorld, type SupportWorld } from '../../../test/social-support-fixture.js';

// Aid granted by benefit, Moscow month and subtree: approved requests only, in the month of the
// decision as Moscow has it, over the subtree's queue; as JSON and as an audited XLSX.

let w: SupportWorld;
let terr: string;
let region: string;

/** A request made, approved with `amount` roubles, its decision moved to `decidedAt`. */
async function granted(cookie: string, benefitId: string, amount: number, decidedAt: string) {
  const id = await w.request(cookie, benefitId);
  const decider = benefitId === region ? w.cookies.editorRegionB : w.cookies.editorTerrA;
  const response = await w.decide(decider, id, { decision: 'approved', amount });
  expect(response.statusCode, response.body).toBe(200);
  await w.rows('update aid_requests set decided_at = $2 where id = $1', [id, decidedAt]);
  return id;
}

beforeAll(async () => {
  w = await buildSupportWorld();
  terr = (await w.benefit(w.cookies.editorTerrA, w.orgs.terrA.id, { title: 'Выплата А' })).id;
  region = (await w.benefit(w.cookies.editorRegionB, w.orgs.regionB.id, { title: 'Выплата Б' })).id;
  const a1 = await w.member(w.orgs.primaryA1.id);
  const a2 = await w.member(w.orgs.primaryA2.id);
  const b1 = await w.member(w.orgs.primaryB1.id);
  await granted(a1.cookie, terr, 1000.5, '2026-01-15T09:00:00Z');
  // 22:30 UTC on 31 January is 1 February in Moscow.
  await granted(a2.cookie, terr, 200, '2026-01-31T22:30:00Z');
  await granted(a1.cookie, terr, 300, '2026-02-10T09:00:00Z');
  await granted(b1.cookie, region, 5000, '2026-01-20T09:00:00Z');
  // Neither a rejection nor a waiting request counts.
  const rejected = await w.request(a2.cookie, terr, { amount: 700 });
  await w.decide(w.cookies.editorTerrA, rejected, { decision: 'rejected', comment: 'Нет' });
  await w.request(a1.cookie, terr, { amount: 900 });
});
afterAll(() => w.t.close());

const totals = (cookie: string, query: string) =>
  w.api('GET', cookie, `/aid-requests/totals?${query}`);

describe('aid granted by benefit, month and subtree', () => {
  it('a territorial org: its benefit by the Moscow month of the decision, every month listed', async () => {
    const response = await totals(
      w.cookies.viewerTerrA,
      `under=${w.orgs.terrA.id}&from=2026-01&to=2026-03`,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      items: [
        {
          month: '2026-01',
          benefit: expect.objectContaining({ id: terr, title: 'Выплата А', kind: 'payment' }),
          granted: 1,
          amount: 1000.5,
        },
        {
          month: '2026-02',
          benefit: expect.objectContaining({ id: terr, orgId: w.orgs.terrA.id }),
          granted: 2,
          amount: 500,
        },
      ],
      months: [
        { month: '2026-01', granted: 1, amount: 1000.5 },
        { month: '2026-02', granted: 2, amount: 500 },
        { month: '2026-03', granted: 0, amount: 0 },
      ],
      total: { granted: 3, amount: 1500.5 },
    });
  });

  it('a primary: its own members’ grants; the root: every grant', async () => {
    const primary = (await totals(w.cookies.chairA1, 'from=2026-01&to=2026-02')).json();
    expect(primary.total).toEqual({ granted: 2, amount: 1300.5 });
    const root = (await totals(w.cookies.admin, 'from=2026-01&to=2026-02')).json();
    expect(root.total).toEqual({ granted: 4, amount: 6500.5 });
    expect(root.months).toEqual([
      { month: '2026-01', granted: 2, amount: 6000.5 },
      { month: '2026-02', granted: 2, amount: 500 },
    ]);
    const regionB = (await totals(w.cookies.editorRegionB, 'from=2026-01&to=2026-12')).json();
    expect(regionB.items).toEqual([
      expect.objectContaining({ month: '2026-01', granted: 1, amount: 5000 }),
    ]);
  });

  it('another branch is not found; a range backwards, too long or no month is 422', async () => {
    expect(
      (await totals(w.cookies.chairB1, `under=${w.orgs.terrA.id}&from=2026-01&to=2026-02`))
        .statusCode,
    ).toBe(404);
    for (const query of [
      'from=2026-03&to=2026-01',
      'from=2020-01&to=2023-01',
      'from=2026-13&to=2026-12',
      'from=0000-01&to=0000-02',
      'from=2026-01',
    ]) {
      const response = await totals(w.cookies.admin, query);
      expect(response.statusCode, query).toBe(422);
      expect(response.json().error.message).toMatch(/[а-яё]/i);
    }
  });

  it('the XLSX holds a row per month and benefit and a sheet of months; audited at both ends', async () => {
    const response = await w.t.api(
      'GET',
      `/api/v1/aid-requests/totals/file?under=${w.orgs.terrA.id}&from=2026-01&to=2026-03`,
      { cookie: w.cookies.editorTerrA },
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain('attachment');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const [byBenefit, byMonth] = book.worksheets;
    expect(byBenefit?.rowCount).toBe(3);
    expect(byBenefit?.getRow(2).values).toEqual([
      undefined,
      'январь 2026',
      'Выплата А',
      'Выплата',
      w.orgs.terrA.name,
      1,
      1000.5,
    ]);
    expect(byMonth?.getRow(5).values).toEqual([undefined, 'Итого', 3, 1500.5]);
    const entries = await w.rows<{ action: string; result: string; details: { rows?: number } }>(
      `select action, result, details from audit_log
        where action like 'aid_request.totals.export%' order by id`,
    );
    expect(entries).toEqual([
      expect.objectContaining({ action: 'aid_request.totals.export', result: 'ok' }),
      expect.objectContaining({
        action: 'aid_request.totals.export.end',
        result: 'ok',
        details: expect.objectContaining({ rows: 2, complete: true }),
      }),
    ]);
  });
});
