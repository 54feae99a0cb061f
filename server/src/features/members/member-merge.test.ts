import { type Member, todayIso } from '@profreestr/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, importFile } from '../../../test/import-fixture.js';
import { putOnRecord } from '../../../test/member-fixture.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let chairA1: string;
let editorRegionA: string;

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  await tree.user('chair.a1', 'editor', tree.orgs.primaryA1.id);
  await tree.user('editor.ra', 'editor', tree.orgs.regionA.id);
  await tree.user('viewer.ra', 'viewer', tree.orgs.regionA.id);
  chairA1 = await t.login('chair.a1');
  editorRegionA = await t.login('editor.ra');
});
afterAll(() => t.close());

const merge = (cookie: string, keptId: string, duplicateId: string) =>
  t.api('POST', `/api/v1/members/${keptId}/merge`, { cookie, body: { duplicateId } });
const offRecord = async (id: string, on = todayIso()) => {
  const response = await t.api('POST', `/api/v1/members/${id}/deregister`, {
    cookie: tree.admin,
    body: { on, reason: 'left_job' },
  });
  expect(response.statusCode).toBe(200);
  return response.json() as Member;
};
const stats = async (orgId: string) =>
  (await t.api('GET', `/api/v1/orgs/${orgId}/stats`, { cookie: tree.admin })).json().members as {
    active: number;
    deregistered: number;
    byCategory: Record<string, number>;
    bySex: Record<string, number>;
  };
const history = async (id: string) =>
  (await t.api('GET', `/api/v1/members/${id}/history`, { cookie: tree.admin })).json() as {
    periods: {
      orgId: string;
      registeredOn: string;
      deregisteredOn: string | null;
      reason: string | null;
    }[];
    items: { action: string; note: string | null; changes: { field: string; new: unknown }[] }[];
  };

describe('merging two cards of one person', () => {
  it('the kept card keeps its number and gains the other card’s periods, history and missing fields; the other leaves', async () => {
    const kept = await putOnRecord(t, editorRegionA, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Гусева',
      firstName: 'Лидия',
      registeredOn: '2021-09-01',
    });
    const old = await putOnRecord(t, editorRegionA, {
      orgId: tree.orgs.primaryA2.id,
      lastName: 'Гусева',
      firstName: 'Лидия',
      birthDate: '1988-08-08',
      workplace: 'Школа № 2',
      registeredOn: '2015-09-01',
    });
    await offRecord(old.id, '2020-06-30');
    const before = [await stats(tree.orgs.primaryA1.id), await stats(tree.orgs.primaryA2.id)];

    const response = await merge(editorRegionA, kept.id, old.id);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: kept.id,
      cardNumber: kept.cardNumber,
      status: 'active',
      orgId: tree.orgs.primaryA1.id,
      birthDate: '1988-08-08',
      workplace: 'Школа № 2',
    });
    expect(
      (await t.api('GET', `/api/v1/members/${old.id}`, { cookie: tree.admin })).statusCode,
    ).toBe(404);

    const h = await history(kept.id);
    expect(h.periods).toEqual([
      expect.objectContaining({
        orgId: tree.orgs.primaryA2.id,
        registeredOn: '2015-09-01',
        deregisteredOn: '2020-06-30',
      }),
      expect.objectContaining({
        orgId: tree.orgs.primaryA1.id,
        registeredOn: '2021-09-01',
        deregisteredOn: null,
      }),
    ]);
    expect(h.items[0]).toMatchObject({ action: 'merge' });
    expect(h.items[0]?.note).toContain(old.cardNumber.slice(0, 4));
    expect(h.items[0]?.changes.map((c) => c.field)).toEqual(['birthDate', 'workplace']);
    expect(h.items.map((i) => i.action)).toEqual(['merge', 'deregister', 'create', 'create']);

    // The counts follow: the removed card was counted as off record in A2.
    expect([await stats(tree.orgs.primaryA1.id), await stats(tree.orgs.primaryA2.id)]).toEqual([
      before[0],
      { ...before[1], deregistered: (before[1]?.deregistered as number) - 1 },
    ]);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'details'])
      .where('action', 'in', ['member.merge', 'member.merged'])
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      {
        action: 'member.merge',
        target_id: kept.id,
        details: { fields: ['birthDate', 'workplace'] },
      },
      {
        action: 'member.merged',
        target_id: old.id,
        details: { keptId: kept.id, mergedId: old.id },
      },
    ]);
  });

  it('the number of the card that left is never given again', async () => {
    const a = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Белова',
      firstName: 'Ирина',
    });
    const b = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Белова',
      firstName: 'Ирина',
    });
    expect((await merge(chairA1, a.id, b.id)).statusCode).toBe(200);
    const again = await t.api('POST', '/api/v1/members', {
      cookie: chairA1,
      body: {
        orgId: tree.orgs.primaryA1.id,
        lastName: 'Новикова',
        firstName: 'Ирина',
        cardNumber: b.cardNumber,
      },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('Этот номер билета уже выдан');
    // Nor by an import: the row is refused at its number, with the reason.
    const imported = await importFile(t, chairA1, {
      kind: 'members',
      orgId: tree.orgs.primaryA1.id,
      name: 'retired.csv',
      content: csv([
        ['Фамилия', 'Имя', 'Номер билета'],
        ['Новикова', 'Ирина', b.cardNumber],
      ]),
    });
    expect(imported.errors).toEqual([
      {
        row: 2,
        column: 'Номер билета',
        message: expect.stringContaining('объединённой с другой карточкой'),
      },
    ]);
  });

  it('two active cards become one active card: the other’s open period ends today', async () => {
    const a = await putOnRecord(t, editorRegionA, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Котова',
      firstName: 'Зоя',
      birthDate: '1991-01-01',
    });
    const b = await putOnRecord(t, editorRegionA, {
      orgId: tree.orgs.primaryA2.id,
      lastName: 'Котова',
      firstName: 'Зоя',
    });
    const before = [await stats(tree.orgs.primaryA1.id), await stats(tree.orgs.primaryA2.id)];
    expect((await merge(editorRegionA, a.id, b.id)).statusCode).toBe(200);
    expect([await stats(tree.orgs.primaryA1.id), await stats(tree.orgs.primaryA2.id)]).toEqual([
      before[0],
      // The undated card had no category and no sex: those unknowns leave with it.
      {
        active: (before[1]?.active as number) - 1,
        deregistered: before[1]?.deregistered,
        byCategory: {
          ...before[1]?.byCategory,
          unknown: (before[1]?.byCategory.unknown as number) - 1,
        },
        bySex: { ...before[1]?.bySex, unknown: (before[1]?.bySex.unknown as number) - 1 },
      },
    ]);
    const periods = (await history(a.id)).periods;
    expect(periods.filter((p) => p.deregisteredOn === null)).toHaveLength(1);
    expect(periods).toContainEqual(
      expect.objectContaining({
        orgId: tree.orgs.primaryA2.id,
        deregisteredOn: todayIso(),
        reason: 'card_merged',
      }),
    );
  });

  it('a kept card off record takes over the other card’s registration', async () => {
    const old = await putOnRecord(t, editorRegionA, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Фомина',
      firstName: 'Ева',
      birthDate: '1992-02-02',
      registeredOn: '2019-01-10',
    });
    await offRecord(old.id, '2019-12-31');
    const current = await putOnRecord(t, editorRegionA, {
      orgId: tree.orgs.primaryA2.id,
      lastName: 'Фомина',
      firstName: 'Ева',
      birthDate: '1992-02-02',
      registeredOn: '2022-03-01',
    });
    const response = await merge(editorRegionA, old.id, current.id);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: old.id,
      cardNumber: old.cardNumber,
      status: 'active',
      orgId: tree.orgs.primaryA2.id,
      registeredOn: '2022-03-01',
      deregisteredOn: null,
    });
    const active = await t.database.db
      .selectFrom('members')
      .select('id')
      .where('last_name', '=', 'Фомина')
      .where('status', '=', 'active')
      .execute();
    expect(active).toEqual([{ id: old.id }]);
  });

  it('a takeover that would put the person on record twice is a 409 naming the record, and changes nothing', async () => {
    const off = await putOnRecord(t, editorRegionA, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Ершова',
      firstName: 'Ада',
      birthDate: '1993-03-03',
    });
    await offRecord(off.id);
    const undated = await putOnRecord(t, editorRegionA, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Ершова',
      firstName: 'Ада',
    });
    const onRecord = await putOnRecord(t, editorRegionA, {
      orgId: tree.orgs.primaryA2.id,
      lastName: 'Ершова',
      firstName: 'Ада',
      birthDate: '1993-03-03',
    });
    const response = await merge(editorRegionA, off.id, undated.id);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.details[0]).toMatchObject({ memberId: onRecord.id });
    expect(
      (await t.api('GET', `/api/v1/members/${undated.id}`, { cookie: tree.admin })).statusCode,
    ).toBe(200);
  });

  it('refusals: a viewer 403, a card outside the scope 404, itself or another person 422', async () => {
    const a = await putOnRecord(t, editorRegionA, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Жукова',
      firstName: 'Нина',
      birthDate: '1980-01-01',
    });
    const b = await putOnRecord(t, editorRegionA, {
      orgId: tree.orgs.primaryA2.id,
      lastName: 'Жукова',
      firstName: 'Нина',
    });
    const viewer = await t.login('viewer.ra');
    expect((await merge(viewer, a.id, b.id)).statusCode).toBe(403);
    // The chairman of A1 does not see the card in A2: 404 whichever side it is on.
    expect((await merge(chairA1, a.id, b.id)).statusCode).toBe(404);
    expect((await merge(chairA1, b.id, a.id)).statusCode).toBe(404);
    expect((await merge(editorRegionA, a.id, '999999999')).statusCode).toBe(404);
    expect((await merge(editorRegionA, a.id, a.id)).statusCode).toBe(422);
    const namesake = await putOnRecord(t, editorRegionA, {
      orgId: tree.orgs.primaryA2.id,
      lastName: 'Жукова',
      firstName: 'Нина',
      birthDate: '1981-01-01',
    });
    const otherDate = await merge(editorRegionA, a.id, namesake.id);
    expect(otherDate.statusCode).toBe(422);
    expect(otherDate.json().error.details).toEqual([
      { field: 'duplicateId', message: expect.stringContaining('Даты рождения') },
    ]);
    const other = await putOnRecord(t, editorRegionA, {
      orgId: tree.orgs.primaryA2.id,
      lastName: 'Жукова',
      firstName: 'Анна',
    });
    expect((await merge(editorRegionA, a.id, other.id)).statusCode).toBe(422);
    expect((await t.api('GET', `/api/v1/members/${b.id}`, { cookie: tree.admin })).statusCode).toBe(
      200,
    );
  });

  it('a merged group leaves the duplicates screen', async () => {
    const a = await putOnRecord(t, editorRegionA, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Титова',
      firstName: 'Ода',
      birthDate: '1970-10-10',
    });
    await offRecord(a.id);
    const b = await putOnRecord(t, editorRegionA, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Титова',
      firstName: 'Ода',
      birthDate: '1970-10-10',
    });
    const keys = async () =>
      (await t.api('GET', '/api/v1/members/duplicates', { cookie: editorRegionA }))
        .json()
        .items.map((g: { key: string }) => g.key);
    expect(await keys()).toContain('титова ода');
    expect((await merge(editorRegionA, b.id, a.id)).statusCode).toBe(200);
    expect(await keys()).not.toContain('титова ода');
  });
});
