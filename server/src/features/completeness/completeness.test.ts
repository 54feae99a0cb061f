import { addDays, addYears, type Completeness, todayIso } from '@profreestr/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putOnRecord } from '../../../test/member-fixture.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';
import { advanceStatsClock } from '../stats/stats.service.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let chairmanA1: string;
let viewerB: string;

const complete = {
  category: 'working',
  sex: 'female',
  birthDate: '1980-04-02',
  duesPaymentForm: 'payroll',
  pdConsent: { givenOn: '2024-03-01' },
  workplace: 'Школа № 1',
  position: 'Учитель',
};
const get = (url: string, cookie = tree.admin) => t.api('GET', `/api/v1${url}`, { cookie });

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  const { primaryA1, primaryA2, primaryB1 } = tree.orgs;
  // A1: one complete member, one lacking sex and position, one student without a course.
  await putOnRecord(t, tree.admin, {
    orgId: primaryA1.id,
    lastName: 'Полная',
    firstName: 'Анна',
    ...complete,
  });
  await putOnRecord(t, tree.admin, {
    orgId: primaryA1.id,
    lastName: 'Безполова',
    firstName: 'Вера',
    ...complete,
    sex: null,
    position: null,
  });
  await putOnRecord(t, tree.admin, {
    orgId: primaryA1.id,
    lastName: 'Студентка',
    firstName: 'Галина',
    ...complete,
    category: 'student',
    birthDate: addYears(todayIso(), -20),
  });
  // A2: one member lacking sex. B1: two members lacking everything but the name.
  await putOnRecord(t, tree.admin, {
    orgId: primaryA2.id,
    lastName: 'Вторая',
    firstName: 'Дарья',
    ...complete,
    sex: null,
  });
  for (const firstName of ['Елена', 'Жанна']) {
    await putOnRecord(t, tree.admin, { orgId: primaryB1.id, lastName: 'Пустая', firstName });
  }
  // A1's passport is complete; A2 and B1 lack every org indicator.
  const patched = await t.api('PATCH', `/api/v1/orgs/${primaryA1.id}`, {
    cookie: tree.admin,
    body: {
      duesRate: 1,
      isSmall: false,
      hasCommittee: true,
      chairman: {
        lastName: 'Соколова',
        firstName: 'Ирина',
        sex: 'female',
        birthDate: addYears(todayIso(), -30),
        isReleased: true,
      },
      eduOrg: {
        name: 'Школа № 1',
        inn: '7707083893',
        headName: 'Петрова Е. А.',
        headPosition: 'Директор',
        employees: 40,
        students: 500,
      },
    },
  });
  expect(patched.statusCode).toBe(200);
  await tree.user('chair.a1', 'editor', primaryA1.id);
  await tree.user('viewer.b', 'viewer', tree.orgs.regionB.id);
  chairmanA1 = await t.login('chair.a1');
  viewerB = await t.login('viewer.b');
});
afterAll(() => t.close());

const orgMissing = (n: number, overrides: Partial<Completeness['orgs']['missing']> = {}) => ({
  duesRate: n,
  isSmall: n,
  hasCommittee: n,
  chairman: n,
  eduOrg: n,
  eduOrgInn: n,
  eduOrgHead: n,
  eduOrgHeadPosition: n,
  ...overrides,
});

describe('GET /orgs/:id/completeness', () => {
  it('the root counts every active primary and member on record, per indicator', async () => {
    const response = await get(`/orgs/${tree.centralId}/completeness`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      orgs: { total: 3, missing: orgMissing(2) },
      members: {
        total: 6,
        missing: {
          category: 2,
          sex: 4,
          birthDate: 2,
          duesPaymentForm: 2,
          pdConsent: 2,
          workplace: 2,
          position: 3,
          studyCourse: 1,
        },
      },
    });
  });

  it('a primary counts itself: the to-do list of its chairman', async () => {
    const response = await get(`/orgs/${tree.orgs.primaryA1.id}/completeness`, chairmanA1);
    expect(response.json()).toEqual({
      orgs: { total: 1, missing: orgMissing(0) },
      members: {
        total: 3,
        missing: {
          category: 0,
          sex: 1,
          birthDate: 0,
          duesPaymentForm: 0,
          pdConsent: 0,
          workplace: 0,
          position: 1,
          studyCourse: 1,
        },
      },
    });
  });

  it('filling a field takes it off the counts of the org and every org above', async () => {
    const before = (await get(`/orgs/${tree.orgs.regionA.id}/completeness`)).json();
    expect(before.orgs.missing.duesRate).toBe(1);
    await t.api('PATCH', `/api/v1/orgs/${tree.orgs.primaryA2.id}`, {
      cookie: tree.admin,
      body: { duesRate: 1 },
    });
    for (const id of [tree.orgs.primaryA2.id, tree.orgs.regionA.id, tree.centralId]) {
      const after = (await get(`/orgs/${id}/completeness`)).json();
      expect(after.orgs.missing.duesRate).toBe(id === tree.centralId ? 1 : 0);
    }
    await t.api('PATCH', `/api/v1/orgs/${tree.orgs.primaryA2.id}`, {
      cookie: tree.admin,
      body: { duesRate: null },
    });
  });

  it('a chairman of A1 gets 404 for the completeness of B1, like a missing org', async () => {
    expect((await get(`/orgs/${tree.orgs.primaryB1.id}/completeness`, chairmanA1)).statusCode).toBe(
      404,
    );
    expect((await get('/orgs/999999/completeness', chairmanA1)).statusCode).toBe(404);
  });
});

describe('drill-downs', () => {
  it('an org indicator lists the primaries of the subtree lacking it, in tree order', async () => {
    const response = await get(`/orgs/${tree.centralId}/completeness/orgs?indicator=chairman`);
    expect(response.statusCode).toBe(200);
    const { items } = response.json();
    expect(items.map((o: { code: string }) => o.code)).toEqual(['P-A2', 'P-B1']);
    expect(items[0]).toMatchObject({
      level: 'primary',
      parentName: 'Территориальная организация А',
      missingMembers: null,
    });
  });

  it('a member indicator lists the orgs with members lacking it, with how many', async () => {
    const response = await get(`/orgs/${tree.centralId}/completeness/orgs?indicator=sex`);
    const items = response
      .json()
      .items.map((o: { code: string; missingMembers: number }) => [o.code, o.missingMembers]);
    expect(items).toEqual([
      ['P-A1', 1],
      ['P-A2', 1],
      ['P-B1', 2],
    ]);
  });

  it('pages are keyset cursors that walk the whole list once', async () => {
    const seen: string[] = [];
    let cursor = '';
    do {
      const page = (
        await get(
          `/orgs/${tree.centralId}/completeness/orgs?indicator=sex&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        )
      ).json();
      seen.push(...page.items.map((o: { code: string }) => o.code));
      cursor = page.nextCursor ?? '';
    } while (cursor);
    expect(seen).toEqual(['P-A1', 'P-A2', 'P-B1']);
  });

  it('never leaves the scope: region B sees only its own orgs, and 404 for region A', async () => {
    for (const indicator of ['chairman', 'sex', 'category', 'studyCourse']) {
      const { items } = (
        await get(`/orgs/${tree.orgs.regionB.id}/completeness/orgs?indicator=${indicator}`, viewerB)
      ).json();
      for (const org of items) expect(org.code).toBe('P-B1');
    }
    const other = await get(
      `/orgs/${tree.orgs.regionA.id}/completeness/orgs?indicator=sex`,
      viewerB,
    );
    expect(other.statusCode).toBe(404);
  });

  it('the members lacking a field are the members list filtered by it, inside the scope', async () => {
    const all = (await get(`/members?under=${tree.centralId}&missing=sex`)).json();
    expect(all.items.map((m: { lastName: string }) => m.lastName).sort()).toEqual([
      'Безполова',
      'Вторая',
      'Пустая',
      'Пустая',
    ]);
    const mine = (await get(`/members?missing=sex`, chairmanA1)).json();
    expect(mine.items.map((m: { lastName: string }) => m.lastName)).toEqual(['Безполова']);
    const course = (await get(`/members?under=${tree.orgs.regionA.id}&missing=studyCourse`)).json();
    expect(course.items.map((m: { lastName: string }) => m.lastName)).toEqual(['Студентка']);
    expect(
      (await get(`/members?under=${tree.orgs.regionB.id}&missing=sex`, chairmanA1)).statusCode,
    ).toBe(404);
  });

  it('an unknown indicator is a Russian validation error', async () => {
    const response = await get(`/orgs/${tree.centralId}/completeness/orgs?indicator=shoeSize`);
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('invalid');
  });
});

describe('dashboard', () => {
  it('children rows carry each child subtree completeness', async () => {
    const { items } = (await get(`/orgs/${tree.centralId}/completeness/children`)).json();
    expect(
      items.map((c: { org: { code: string } } & Completeness) => [
        c.org.code,
        c.orgs.total,
        c.members.total,
        c.members.missing.sex,
      ]),
    ).toEqual([
      ['R-A', 2, 4, 2],
      ['R-B', 1, 2, 2],
    ]);
  });

  it('the trend holds the daily snapshot taken at start', async () => {
    const { items } = (await get(`/orgs/${tree.centralId}/completeness/trend?days=7`)).json();
    expect(items).toHaveLength(1);
    expect(items[0].day).toBe(todayIso());
  });

  it('exports the table to XLSX: the org itself, then each child, and writes an audit entry', async () => {
    const response = await get(`/orgs/${tree.centralId}/completeness/export?format=xlsx`);
    expect(response.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const codes = sheet?.getColumn(1).values.slice(2);
    expect(codes).toHaveLength(3);
    expect(codes?.slice(1)).toEqual(['R-A', 'R-B']);
    expect(sheet?.getRow(3).getCell(2).value).toBe('Региональная организация А');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'completeness.export')
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe('short passport', () => {
  it('gives live figures of the subtree', async () => {
    const response = await get(`/orgs/${tree.orgs.regionA.id}/short-passport`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      org: { code: 'R-A', parentName: expect.any(String) },
      asOf: todayIso(),
      members: {
        active: 4,
        byCategory: { working: 3, student: 1, pensioner: 0, unknown: 0 },
        women: 2,
        under35: 1,
        cardHolders: 4,
      },
      coverage: {
        employees: 40,
        workingMembers: 3,
        employeesPercent: 7.5,
        students: 500,
        studentMembers: 1,
        studentsPercent: 0.2,
      },
      orgs: { primaries: 2, territorials: 1, regionals: 1 },
      chairmen: { total: 1, women: 1, under35: 1, released: 1 },
    });
  });

  it('is a printable PDF with an embedded Cyrillic font', async () => {
    const response = await get(`/orgs/${tree.orgs.primaryA1.id}/short-passport.pdf`, chairmanA1);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.rawPayload.toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    // An embedded TrueType subset: the standard PDF fonts have no Cyrillic.
    expect(pdf).toContain('/FontFile2');
    expect(pdf).toContain('Roboto');
  });

  it('members who turn 35 leave "under 35" when the clock moves past their birthday', async () => {
    await putOnRecord(t, tree.admin, {
      orgId: tree.orgs.primaryB1.id,
      lastName: 'Почти',
      firstName: 'Тридцатипятилетняя',
      birthDate: addDays(addYears(todayIso(), -35), 2),
    });
    const under35 = async () =>
      (await get(`/orgs/${tree.orgs.regionB.id}/short-passport`)).json().members.under35;
    expect(await under35()).toBe(1);
    await advanceStatsClock(t.database.db, addDays(todayIso(), 3));
    expect(await under35()).toBe(0);
  });

  it('of an org outside the scope is 404, in JSON and in PDF', async () => {
    for (const suffix of ['', '.pdf']) {
      const response = await get(
        `/orgs/${tree.orgs.primaryA1.id}/short-passport${suffix}`,
        viewerB,
      );
      expect(response.statusCode).toBe(404);
    }
  });
});
