import { type Benefit, todayIso } from '@profreestr/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSupportWorld, type SupportWorld } from '../../../test/social-support-fixture.js';

// The benefits catalogue: kept by the editors of the offering org or above, read within the
// subtree (another branch's is not found), dated, ended today; the cabinet shows what the
// member's org and its ancestors offer today.

let w: SupportWorld;
beforeAll(async () => {
  w = await buildSupportWorld();
});
afterAll(() => w.t.close());

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const today = () => todayIso();

describe('the catalogue for staff', () => {
  it('an editor adds a benefit of their org; another branch’s org is not found, a viewer may not', async () => {
    const made = await w.api('POST', w.cookies.editorTerrA, '/benefits', {
      orgId: w.orgs.terrA.id,
      title: 'Путёвка в санаторий',
      description: 'Оздоровление членов Профсоюза',
      kind: 'voucher',
      conditions: 'Стаж в Профсоюзе от года',
      activeFrom: today(),
      activeTo: addDays(today(), 90),
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({
      orgId: w.orgs.terrA.id,
      orgName: w.orgs.terrA.name,
      title: 'Путёвка в санаторий',
      kind: 'voucher',
      conditions: 'Стаж в Профсоюзе от года',
      activeTo: addDays(today(), 90),
      active: true,
    });

    const body = { title: 'Скидка', kind: 'discount', activeFrom: today() };
    const elsewhere = await w.api('POST', w.cookies.chairA1, '/benefits', {
      ...body,
      orgId: w.orgs.primaryB1.id,
    });
    expect(elsewhere.statusCode).toBe(404);
    const above = await w.api('POST', w.cookies.chairA1, '/benefits', {
      ...body,
      orgId: w.orgs.terrA.id,
    });
    expect(above.statusCode).toBe(404);
    const viewer = await w.api('POST', w.cookies.viewerA1, '/benefits', {
      ...body,
      orgId: w.orgs.primaryA1.id,
    });
    expect(viewer.statusCode).toBe(403);
  });

  it('dates: an impossible day or an end before the start is a 422 naming the field', async () => {
    const base = { orgId: w.orgs.primaryA1.id, title: 'Выплата', kind: 'payment' };
    const cases: [Record<string, unknown>, string][] = [
      [{ activeFrom: '2023-02-30' }, 'activeFrom'],
      [{ activeFrom: '1985-13-45' }, 'activeFrom'],
      [{ activeFrom: today(), activeTo: '2024-02-30' }, 'activeTo'],
      [{ activeFrom: today(), activeTo: addDays(today(), -1) }, 'activeTo'],
      [{ activeFrom: today(), kind: 'loan' }, 'kind'],
      [{ activeFrom: today(), title: '  ' }, 'title'],
    ];
    for (const [extra, field] of cases) {
      const response = await w.api('POST', w.cookies.chairA1, '/benefits', { ...base, ...extra });
      expect(response.statusCode, JSON.stringify(extra)).toBe(422);
      const { error } = response.json();
      expect(error.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(error.message).toMatch(/[а-яё]/i);
    }
    // A patch is checked against the dates it leaves standing.
    const benefit = await w.benefit(w.cookies.chairA1, w.orgs.primaryA1.id, {
      activeTo: addDays(today(), 10),
    });
    const later = await w.api('PATCH', w.cookies.chairA1, `/benefits/${benefit.id}`, {
      activeFrom: addDays(today(), 11),
    });
    expect(later.statusCode).toBe(422);
    expect(later.json().error.details[0].field).toBe('activeTo');
    const malformed = await w.t.api('POST', '/api/v1/benefits', {
      cookie: w.cookies.chairA1,
      headers: { 'content-type': 'application/json' },
      body: '{"orgId": ',
    });
    expect(malformed.statusCode).toBe(400);
    const extraField = await w.api('PATCH', w.cookies.chairA1, `/benefits/${benefit.id}`, {
      orgId: w.orgs.primaryA2.id,
    });
    expect(extraField.statusCode).toBe(422);
    expect((await w.api('GET', w.cookies.chairA1, '/benefits/abc')).statusCode).toBe(404);
  });

  it('a patch changes only what it carries; ending makes today the last day', async () => {
    const benefit = await w.benefit(w.cookies.chairA1, w.orgs.primaryA1.id, {
      description: 'Описание',
      conditions: 'Условия',
    });
    const patched = await w.api('PATCH', w.cookies.chairA1, `/benefits/${benefit.id}`, {
      title: 'Выплата к юбилею',
      conditions: '',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      title: 'Выплата к юбилею',
      description: 'Описание',
      conditions: null,
      kind: 'payment',
    });
    const ended = await w.api('POST', w.cookies.chairA1, `/benefits/${benefit.id}/end`);
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ activeTo: today(), active: true });
    // Again: it ends today already.
    expect((await w.api('POST', w.cookies.chairA1, `/benefits/${benefit.id}/end`)).statusCode).toBe(
      200,
    );

    const past = await w.benefit(w.cookies.chairA1, w.orgs.primaryA1.id, {
      activeFrom: '2024-01-01',
      activeTo: '2024-12-31',
    });
    expect((await w.api('POST', w.cookies.chairA1, `/benefits/${past.id}/end`)).statusCode).toBe(
      409,
    );
    const future = await w.benefit(w.cookies.chairA1, w.orgs.primaryA1.id, {
      activeFrom: addDays(today(), 30),
    });
    expect((await w.api('POST', w.cookies.chairA1, `/benefits/${future.id}/end`)).statusCode).toBe(
      409,
    );

    // Another branch's editor: not found, for reading and changing alike.
    for (const [method, url] of [
      ['GET', `/benefits/${benefit.id}`],
      ['PATCH', `/benefits/${benefit.id}`],
      ['POST', `/benefits/${benefit.id}/end`],
    ] as const) {
      const response = await w.api(
        method,
        w.cookies.chairB1,
        url,
        method === 'PATCH' ? {} : undefined,
      );
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    const viewer = await w.api('PATCH', w.cookies.viewerA1, `/benefits/${benefit.id}`, {
      title: 'Нет',
    });
    expect(viewer.statusCode).toBe(403);
  });

  it('the list of a subtree: its orgs’ benefits, newest first, page by page', async () => {
    const mine = [
      await w.benefit(w.cookies.editorTerrA, w.orgs.terrA.id, { title: 'Список 1' }),
      await w.benefit(w.cookies.editorTerrA, w.orgs.primaryA2.id, { title: 'Список 2' }),
      await w.benefit(w.cookies.editorTerrA, w.orgs.primaryA1.id, { title: 'Список 3' }),
    ];
    const theirs = await w.benefit(w.cookies.editorRegionB, w.orgs.terrB.id, { title: 'Чужая' });
    const seen: Benefit[] = [];
    let cursor = '';
    for (let pages = 0; pages < 20; pages++) {
      const response = await w.api(
        'GET',
        w.cookies.viewerTerrA,
        `/benefits?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(response.statusCode).toBe(200);
      const page = response.json() as { items: Benefit[]; nextCursor: string | null };
      seen.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const ids = seen.map((b) => b.id);
    expect(ids).toEqual([...ids].sort((a, b) => Number(b) - Number(a)));
    for (const b of mine) expect(ids).toContain(b.id);
    expect(ids).not.toContain(theirs.id);
    const under = await w.api(
      'GET',
      w.cookies.viewerTerrA,
      `/benefits?under=${w.orgs.primaryA2.id}`,
    );
    expect((under.json().items as Benefit[]).map((b) => b.id)).toEqual([mine[1]?.id]);
    const outside = await w.api('GET', w.cookies.viewerTerrA, `/benefits?under=${w.orgs.terrB.id}`);
    expect(outside.statusCode).toBe(404);
  });
});

describe('the cabinet’s benefits', () => {
  it('what the member’s org and its ancestors offer today: not a sibling’s, not ended or future', async () => {
    const central = await w.benefit(w.cookies.admin, w.tree.centralId, { title: 'Центральная' });
    const region = await w.benefit(w.cookies.admin, w.orgs.regionA.id, { title: 'Региональная' });
    const own = await w.benefit(w.cookies.chairA1, w.orgs.primaryA1.id, { title: 'Своя' });
    const sibling = await w.benefit(w.cookies.editorTerrA, w.orgs.primaryA2.id, {
      title: 'Соседей',
    });
    const otherBranch = await w.benefit(w.cookies.editorRegionB, w.orgs.regionB.id);
    const ended = await w.benefit(w.cookies.chairA1, w.orgs.primaryA1.id, {
      activeFrom: '2024-01-01',
      activeTo: addDays(today(), -1),
    });
    const future = await w.benefit(w.cookies.chairA1, w.orgs.primaryA1.id, {
      activeFrom: addDays(today(), 1),
    });
    const lastDay = await w.benefit(w.cookies.chairA1, w.orgs.primaryA1.id, {
      activeFrom: '2024-01-01',
      activeTo: today(),
    });
    const { cookie } = await w.member(w.orgs.primaryA1.id);
    const response = await w.api('GET', cookie, '/cabinet/benefits');
    expect(response.statusCode, response.body).toBe(200);
    const ids = (response.json().items as Benefit[]).map((b) => b.id);
    for (const b of [central, region, own, lastDay]) expect(ids).toContain(b.id);
    for (const b of [sibling, otherBranch, ended, future]) expect(ids).not.toContain(b.id);
    // From the top down: the centre's first.
    expect(ids.indexOf(central.id)).toBeLessThan(ids.indexOf(own.id));
    // Staff have no cabinet: 401.
    expect((await w.api('GET', w.cookies.admin, '/cabinet/benefits')).statusCode).toBe(401);
  });
});
