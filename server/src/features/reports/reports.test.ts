import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putOnRecord } from '../../../test/member-fixture.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';
import { until } from '../../../test/until.js';

// Statistical reports end to end through the API: a hand-made register with transfers,
// deregistrations and readmissions on both sides of the report date, the prefill it gives, the
// workflow with its scopes, and consolidation.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let chairA1: string;
let chairA2: string;
let editorTerrA: string;
let viewerTerrA: string;
let adminRegionA: string;
let campaignId: string;
let reportA1: string;
let reportA2: string;

const AS_OF = '2026-01-01';

async function post(cookie: string, url: string, body: unknown = {}) {
  return t.api('POST', `/api/v1${url}`, { cookie, body });
}
const get = (cookie: string, url: string) => t.api('GET', `/api/v1${url}`, { cookie });

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  const { orgs } = tree;
  await tree.user('rep-chair-a1', 'editor', orgs.primaryA1.id);
  await tree.user('rep-chair-a2', 'editor', orgs.primaryA2.id);
  await tree.user('rep-terr-a', 'editor', orgs.terrA.id);
  await tree.user('rep-viewer-a', 'viewer', orgs.terrA.id);
  await tree.user('rep-admin-ra', 'admin', orgs.regionA.id);
  chairA1 = await t.login('rep-chair-a1');
  chairA2 = await t.login('rep-chair-a2');
  editorTerrA = await t.login('rep-terr-a');
  viewerTerrA = await t.login('rep-viewer-a');
  adminRegionA = await t.login('rep-admin-ra');

  const A1 = orgs.primaryA1.id;
  const A2 = orgs.primaryA2.id;
  const person = (lastName: string, extra: Record<string, unknown>) => ({
    lastName,
    firstName: 'Тест',
    ...extra,
  });
  const on = async (orgId: string, p: Record<string, unknown>) =>
    putOnRecord(t, tree.admin, { orgId, ...p });
  const act = async (id: string, what: string, body: Record<string, unknown>) => {
    const response = await post(tree.admin, `/members/${id}/${what}`, body);
    if (response.statusCode !== 200) throw new Error(`${what}: ${response.body}`);
  };
  // On record on the date, since long ago: a woman under 35.
  await on(
    A1,
    person('Первая', {
      sex: 'female',
      birthDate: '1995-06-01',
      category: 'working',
      registeredOn: '2020-05-01',
    }),
  );
  // Admitted during the year: a student under 35.
  await on(
    A1,
    person('Вторая', {
      sex: 'male',
      birthDate: '2005-02-02',
      category: 'student',
      registeredOn: '2025-03-10',
    }),
  );
  // Transferred in from A2 during the year.
  const m3 = await on(
    A2,
    person('Третий', {
      sex: 'male',
      birthDate: '1960-01-01',
      category: 'working',
      registeredOn: '2019-01-01',
    }),
  );
  await act(m3.id, 'transfer', { toOrgId: A1, on: '2025-06-01' });
  // Left during the year (own wish): not on record on the date.
  const m4 = await on(
    A1,
    person('Четвёртый', {
      sex: 'male',
      birthDate: '1970-01-01',
      category: 'working',
      registeredOn: '2018-01-01',
    }),
  );
  await act(m4.id, 'deregister', { on: '2025-09-01', reason: 'own_wish' });
  // Transferred out after the date: still A1's on the date.
  const m5 = await on(
    A1,
    person('Пятый', {
      sex: 'male',
      birthDate: '1975-01-01',
      category: 'working',
      registeredOn: '2018-01-01',
    }),
  );
  await act(m5.id, 'transfer', { toOrgId: A2, on: '2026-02-01' });
  // Left after the date: on record on the date.
  const m6 = await on(
    A1,
    person('Шестая', {
      sex: 'female',
      birthDate: '1950-01-01',
      category: 'pensioner',
      registeredOn: '2015-01-01',
    }),
  );
  await act(m6.id, 'deregister', { on: '2026-03-01', reason: 'other' });
  // Left before the year, readmitted during it: admitted.
  const m7 = await on(
    A1,
    person('Седьмой', {
      sex: 'male',
      birthDate: '1980-01-01',
      category: 'working',
      registeredOn: '2016-01-01',
    }),
  );
  await act(m7.id, 'deregister', { on: '2024-05-01', reason: 'left_job' });
  await act(m7.id, 'readmit', { on: '2025-11-01' });
  // Put on record after the date: not counted.
  await on(
    A1,
    person('Восьмой', {
      sex: 'male',
      birthDate: '1985-01-01',
      category: 'working',
      registeredOn: '2026-04-01',
    }),
  );
  // A pensioner on the date who went back to work today: a pensioner as of the date.
  const m9 = await on(
    A1,
    person('Девятый', {
      sex: 'male',
      birthDate: '1955-01-01',
      category: 'pensioner',
      registeredOn: '2017-01-01',
    }),
  );
  const patched = await t.api('PATCH', `/api/v1/members/${m9.id}`, {
    cookie: tree.admin,
    body: { category: 'working' },
  });
  if (patched.statusCode !== 200) throw new Error(patched.body);

  const opened = await post(adminRegionA, '/report-campaigns', {
    formCode: '5sp',
    asOf: AS_OF,
    deadline: '2027-03-01',
    under: tree.orgs.regionA.id,
  });
  expect(opened.statusCode, opened.body).toBe(201);
  campaignId = opened.json().id;
  await until(
    async () => (await get(adminRegionA, `/report-campaigns/${campaignId}`)).json(),
    (c) => c.status === 'open',
  );
  const list = (await get(adminRegionA, `/reports?campaignId=${campaignId}`)).json();
  reportA1 = list.items.find((r: { orgId: string }) => r.orgId === A1).id;
  reportA2 = list.items.find((r: { orgId: string }) => r.orgId === A2).id;
}, 120_000);

afterAll(() => t?.close());

describe('the register as of the report date', () => {
  it('prefills 5 СП of a primary exactly, ignoring what happened after the date', async () => {
    const report = (await get(chairA1, `/reports/${reportA1}`)).json();
    expect(report.register).toMatchObject({
      members_total: 7,
      members_working: 4,
      members_students: 1,
      members_pensioners: 2,
      members_women: 2,
      members_under35: 2,
      admitted: 2,
      left: 1,
      left_own_wish: 1,
    });
    expect(report.values.members_total).toBe(7);
    expect(report.status).toBe('draft');
    expect(report.asOf).toBe(AS_OF);
  });

  it('gives the primary a member left for: none on record, one transferred out', async () => {
    const report = (await get(chairA2, `/reports/${reportA2}`)).json();
    expect(report.register).toMatchObject({ members_total: 0, admitted: 0, left: 0 });
  });

  it('counts a subtree on a date and its movement between two dates', async () => {
    const asOf = await get(editorTerrA, `/register/as-of?on=${AS_OF}`);
    expect(asOf.json()).toMatchObject({ total: 7, working: 4, students: 1, pensioners: 2 });
    const movement = (
      await get(editorTerrA, `/register/movement?from=2025-01-01&to=${AS_OF}`)
    ).json();
    // The transfer from A2 to A1 stays inside the territorial org: no movement of it.
    expect(movement).toMatchObject({
      opening: 6,
      closing: 7,
      admitted: 2,
      left: 1,
      transferredIn: 0,
      transferredOut: 0,
    });
    const a1 = (
      await get(
        chairA1,
        `/register/movement?under=${tree.orgs.primaryA1.id}&from=2025-01-01&to=${AS_OF}`,
      )
    ).json();
    expect(a1).toMatchObject({ opening: 5, closing: 7, admitted: 2, transferredIn: 1 });
    expect(a1.closing).toBe(
      a1.opening + a1.admitted + a1.transferredIn - a1.left - a1.transferredOut,
    );
  });

  it('refuses a date that has not come and a date that does not exist', async () => {
    expect((await get(editorTerrA, '/register/as-of?on=2999-01-01')).statusCode).toBe(422);
    expect((await get(editorTerrA, '/register/as-of?on=1985-13-45')).statusCode).toBe(422);
  });
});

describe('filling a report', () => {
  it('names the cell of a wrong value and changes nothing', async () => {
    for (const values of [
      { employees: -1 },
      { employees: 2.5 },
      { employees: 'много' },
      { nope: 1 },
    ]) {
      const response = await t.api('PATCH', `/api/v1/reports/${reportA1}`, {
        cookie: chairA1,
        body: { values },
      });
      expect(response.statusCode, JSON.stringify(values)).toBe(422);
      expect(response.json().error.details[0].field).toBe(`values.${Object.keys(values)[0]}`);
    }
    expect((await get(chairA1, `/reports/${reportA1}`)).json().values.employees).toBeNull();
  });

  it('refuses to submit while an error rule fails, listing it', async () => {
    const patched = await t.api('PATCH', `/api/v1/reports/${reportA1}`, {
      cookie: chairA1,
      body: { values: { employees: 3, students: 5 } },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().errors.map((e: { rule: string }) => e.rule)).toContain(
      'working_le_employees',
    );
    const submitted = await post(chairA1, `/reports/${reportA1}/submit`);
    expect(submitted.statusCode).toBe(422);
    expect(submitted.json().error.details.map((d: { field: string }) => d.field)).toContain(
      'working_le_employees',
    );
  });

  it('shows where the reported figures differ from the register', async () => {
    const patched = await t.api('PATCH', `/api/v1/reports/${reportA1}`, {
      cookie: chairA1,
      body: { values: { employees: 20, members_total: 8 } },
    });
    expect(patched.json().discrepancies).toEqual([
      { code: 'members_total', reported: 8, register: 7 },
    ]);
    expect(patched.json().values.coverage_pct).toBe(20);
  });
});

describe('the workflow and its scopes', () => {
  it('lets only the org itself submit, and only an org above accept', async () => {
    expect((await post(editorTerrA, `/reports/${reportA1}/submit`)).statusCode).toBe(403);
    // A sibling primary does not see the report at all.
    expect((await get(chairA2, `/reports/${reportA1}`)).statusCode).toBe(404);
    expect((await post(chairA2, `/reports/${reportA1}/submit`)).statusCode).toBe(404);
    const submitted = await post(chairA1, `/reports/${reportA1}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    expect(submitted.json().allowed.edit).toBe(false);
    // Submitted is not editable until returned.
    const patch = await t.api('PATCH', `/api/v1/reports/${reportA1}`, {
      cookie: chairA1,
      body: { values: { employees: 21 } },
    });
    expect(patch.statusCode).toBe(409);
    expect((await post(chairA1, `/reports/${reportA1}/accept`)).statusCode).toBe(403);
    expect((await post(viewerTerrA, `/reports/${reportA1}/accept`)).statusCode).toBe(403);
  });

  it('returns with a comment, a letter to the chairman, and takes the fix', async () => {
    const returned = await post(editorTerrA, `/reports/${reportA1}/return`, {
      comment: 'Проверьте численность',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({
      status: 'returned',
      returnComment: 'Проверьте численность',
    });
    const fixed = await t.api('PATCH', `/api/v1/reports/${reportA1}`, {
      cookie: chairA1,
      body: { values: { members_total: 7 } },
    });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json().discrepancies).toEqual([]);
    expect((await post(chairA1, `/reports/${reportA1}/submit`)).statusCode).toBe(200);
    const accepted = await post(editorTerrA, `/reports/${reportA1}/accept`);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('accepted');
    const locked = await t.api('PATCH', `/api/v1/reports/${reportA1}`, {
      cookie: chairA1,
      body: { values: { employees: 1 } },
    });
    expect(locked.statusCode).toBe(409);
    expect(
      (await post(editorTerrA, `/reports/${reportA1}/return`, { comment: 'ещё' })).statusCode,
    ).toBe(409);
    const history = (await get(chairA1, `/reports/${reportA1}/history`)).json().items;
    expect(history.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'submitted',
      'returned',
      'submitted',
      'accepted',
    ]);
  });

  it('sums accepted reports up the tree, counting the missing', async () => {
    const consolidated = (
      await get(
        adminRegionA,
        `/report-campaigns/${campaignId}/consolidated?orgId=${tree.orgs.terrA.id}`,
      )
    ).json();
    expect(consolidated).toMatchObject({ included: 1, missing: 1 });
    expect(consolidated.values).toMatchObject({ members_total: 7, employees: 20, students: 5 });
    const region = (await get(adminRegionA, `/report-campaigns/${campaignId}/consolidated`)).json();
    expect(region.values.members_total).toBe(7);
    const progress = (await get(adminRegionA, `/report-campaigns/${campaignId}/progress`)).json();
    expect(progress).toEqual({ total: 2, draft: 1, submitted: 0, accepted: 1, returned: 0 });
    const missing = (await get(editorTerrA, `/report-campaigns/${campaignId}/missing`)).json();
    expect(missing.items.map((m: { orgId: string }) => m.orgId)).toEqual([tree.orgs.primaryA2.id]);
    const children = (
      await get(adminRegionA, `/report-campaigns/${campaignId}/progress/children`)
    ).json();
    expect(children.items).toEqual([
      expect.objectContaining({ orgId: tree.orgs.terrA.id, total: 2, accepted: 1, draft: 1 }),
    ]);
  });
});

describe('campaigns', () => {
  it('refuses a second campaign of the form and date over an overlapping subtree', async () => {
    const again = await post(tree.admin, '/report-campaigns', {
      formCode: '5sp',
      asOf: AS_OF,
      deadline: '2027-03-01',
      under: tree.centralId,
    });
    expect(again.statusCode).toBe(409);
    const other = await post(tree.admin, '/report-campaigns', {
      formCode: '5sp',
      asOf: AS_OF,
      deadline: '2027-03-01',
      under: tree.orgs.regionB.id,
    });
    expect(other.statusCode).toBe(201);
  });

  it('gives 404 for a campaign over an org outside the scope, 403 below admin', async () => {
    const body = { formCode: '2sp', asOf: AS_OF, deadline: '2027-03-01' };
    expect(
      (await post(adminRegionA, '/report-campaigns', { ...body, under: tree.orgs.regionB.id }))
        .statusCode,
    ).toBe(404);
    expect(
      (await post(editorTerrA, '/report-campaigns', { ...body, under: tree.orgs.terrA.id }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await post(adminRegionA, '/report-campaigns', {
          ...body,
          formCode: 'nope',
          under: tree.orgs.regionA.id,
        })
      ).statusCode,
    ).toBe(422);
  });

  it('prefills a territorial 2 СП from its primaries’ accepted 5 СП', async () => {
    const opened = await post(adminRegionA, '/report-campaigns', {
      formCode: '2sp',
      asOf: AS_OF,
      deadline: '2027-03-01',
      under: tree.orgs.regionA.id,
    });
    expect(opened.statusCode).toBe(201);
    const id = opened.json().id;
    await until(
      async () => (await get(adminRegionA, `/report-campaigns/${id}`)).json(),
      (c) => c.status === 'open',
    );
    const [item] = (await get(editorTerrA, `/reports?campaignId=${id}`)).json().items;
    const report = (await get(editorTerrA, `/reports/${item.id}`)).json();
    expect(report.register).toMatchObject({ members_total: 7, employees: 20, primaries_active: 2 });
  });

  it('refuses a form with a cycle in its formulas, naming the cells', async () => {
    const cell = (code: string, formula: string) => ({
      code,
      title: code,
      type: 'integer',
      formula,
    });
    const response = await post(tree.admin, '/report-forms', {
      code: 'cyc',
      title: 'Цикл',
      orgLevel: 'primary',
      sections: [
        {
          title: 'Р',
          rows: [
            {
              code: 'r',
              title: 'r',
              cells: [cell('a', 'b + 1'), cell('b', 'c + 1'), cell('c', 'a + 1')],
            },
          ],
        },
      ],
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('a → b → c → a');
    expect((await post(adminRegionA, '/report-forms', {})).statusCode).toBe(422);
  });
});

describe('reminders and moves', () => {
  it('reminds an unreported chairman once, not again on a second click', async () => {
    const chairman = {
      lastName: 'Белова',
      firstName: 'Ирина',
      email: 'a2.chair@example.org',
      notify: { email: true },
    };
    const patched = await t.api('PATCH', `/api/v1/orgs/${tree.orgs.primaryA2.id}`, {
      cookie: tree.admin,
      body: { chairman },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const first = await post(editorTerrA, `/report-campaigns/${campaignId}/remind`, {});
    expect(first.json()).toEqual({ queued: 1 });
    await until(
      async () =>
        (await get(tree.admin, '/mail/messages?kind=report_reminder')).json().items.length,
      (n) => n === 1,
    );
    expect((await post(editorTerrA, `/report-campaigns/${campaignId}/remind`, {})).json()).toEqual({
      queued: 0,
    });
    const letters = (await get(tree.admin, '/mail/messages?kind=report_reminder')).json().items;
    expect(letters.map((l: { to: string }) => l.to)).toEqual(['a2.chair@example.org']);
  });

  it('refuses a campaign as of a day still to come', async () => {
    const response = await post(tree.admin, '/report-campaigns', {
      formCode: '5sp',
      asOf: '2099-01-01',
      deadline: '2099-03-01',
      under: tree.orgs.regionB.id,
    });
    expect(response.statusCode).toBe(422);
  });

  it('moves the sums of accepted reports with a moved org', async () => {
    const sums = async (orgId: string) =>
      (await get(tree.admin, `/report-campaigns/${campaignId}/consolidated?orgId=${orgId}`)).json();
    expect((await sums(tree.centralId)).included).toBe(1);
    const moved = await post(tree.admin, `/orgs/${tree.orgs.primaryA1.id}/move`, {
      parentId: tree.orgs.terrB.id,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await sums(tree.orgs.terrA.id)).toMatchObject({ included: 0, values: {} });
    expect((await sums(tree.orgs.regionA.id)).included).toBe(0);
    expect(await sums(tree.orgs.terrB.id)).toMatchObject({
      included: 1,
      values: { members_total: 7 },
    });
    expect((await sums(tree.orgs.regionB.id)).values.members_total).toBe(7);
    expect((await sums(tree.centralId)).values.members_total).toBe(7);
    // The report went with its org: region A no longer sees it, the chairman still does.
    expect((await get(adminRegionA, `/reports/${reportA1}`)).statusCode).toBe(404);
    expect((await get(chairA1, `/reports/${reportA1}`)).statusCode).toBe(200);
  });
});
