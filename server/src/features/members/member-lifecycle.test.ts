import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putOnRecord } from '../../../test/member-fixture.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let chairA1: string;
let chairA2: string;
let editorTerrA: string;

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  await tree.user('chair.a1', 'editor', tree.orgs.primaryA1.id);
  await tree.user('chair.a2', 'editor', tree.orgs.primaryA2.id);
  await tree.user('editor.ta', 'editor', tree.orgs.terrA.id);
  chairA1 = await t.login('chair.a1');
  chairA2 = await t.login('chair.a2');
  editorTerrA = await t.login('editor.ta');
});
afterAll(() => t.close());

const count = async (orgId: string) =>
  (await t.api('GET', `/api/v1/orgs/${orgId}`, { cookie: tree.admin })).json().memberCount;

describe('transfer', () => {
  it('the old org gets 404 after the transfer, the new one sees the member, the card number stays', async () => {
    const member = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Соколова',
      firstName: 'Анна',
      birthDate: '1990-05-05',
      registeredOn: '2020-09-01',
    });
    const before = [await count(tree.orgs.primaryA1.id), await count(tree.orgs.primaryA2.id)];
    const response = await t.api('POST', `/api/v1/members/${member.id}/transfer`, {
      cookie: editorTerrA,
      body: { toOrgId: tree.orgs.primaryA2.id, on: '2025-01-15' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      orgId: tree.orgs.primaryA2.id,
      cardNumber: member.cardNumber,
      registeredOn: '2025-01-15',
      status: 'active',
    });
    expect(
      (await t.api('GET', `/api/v1/members/${member.id}`, { cookie: chairA1 })).statusCode,
    ).toBe(404);
    expect(
      (await t.api('GET', `/api/v1/members/${member.id}`, { cookie: chairA2 })).statusCode,
    ).toBe(200);
    expect([await count(tree.orgs.primaryA1.id), await count(tree.orgs.primaryA2.id)]).toEqual([
      (before[0] as number) - 1,
      (before[1] as number) + 1,
    ]);

    const history = (
      await t.api('GET', `/api/v1/members/${member.id}/history`, { cookie: chairA2 })
    ).json();
    expect(history.periods).toEqual([
      {
        orgId: tree.orgs.primaryA2.id,
        orgName: 'ППО школы № 2',
        registeredOn: '2025-01-15',
        deregisteredOn: null,
        reason: null,
      },
      {
        orgId: tree.orgs.primaryA1.id,
        orgName: 'ППО школы № 1',
        registeredOn: '2020-09-01',
        deregisteredOn: '2025-01-15',
        reason: 'transfer',
      },
    ]);
    expect(history.items.map((h: { action: string }) => h.action)).toEqual(['transfer', 'create']);
  });

  it('a transfer on the day of registration records no "date → same date" change', async () => {
    const member = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Однодневкина',
      firstName: 'Анна',
    });
    const transferred = await t.api('POST', `/api/v1/members/${member.id}/transfer`, {
      cookie: editorTerrA,
      body: { toOrgId: tree.orgs.primaryA2.id, on: member.registeredOn },
    });
    expect(transferred.statusCode).toBe(200);
    const history = (
      await t.api('GET', `/api/v1/members/${member.id}/history`, { cookie: chairA2 })
    ).json();
    const transfer = history.items.find((h: { action: string }) => h.action === 'transfer');
    expect(transfer.changes.map((c: { field: string }) => c.field)).toEqual(['orgId']);
    // An edit that changes nothing writes nothing.
    const before = history.items.length;
    await t.api('PATCH', `/api/v1/members/${member.id}`, {
      cookie: chairA2,
      body: { lastName: 'Однодневкина' },
    });
    const after = (
      await t.api('GET', `/api/v1/members/${member.id}/history`, { cookie: chairA2 })
    ).json();
    expect(after.items.length).toBe(before);
  });

  it('the chairman of the old org transfers into a primary outside their scope, then gets 404', async () => {
    const member = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Морозов',
      firstName: 'Олег',
      registeredOn: '2020-01-01',
    });
    const response = await t.api('POST', `/api/v1/members/${member.id}/transfer`, {
      cookie: chairA1,
      body: { toOrgId: tree.orgs.primaryB1.id, on: '2025-02-01' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().orgId).toBe(tree.orgs.primaryB1.id);
    const after = await t.api('GET', `/api/v1/members/${member.id}`, { cookie: chairA1 });
    expect(after.statusCode).toBe(404);
  });

  it('a transfer goes only to an active primary: a visible territorial org is 422; one outside the scope is 404 like a missing one', async () => {
    const member = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Зайцев',
      firstName: 'Илья',
      registeredOn: '2020-01-01',
    });
    const transfer = (toOrgId: string, cookie = chairA1) =>
      t.api('POST', `/api/v1/members/${member.id}/transfer`, {
        cookie,
        body: { toOrgId, on: '2025-02-01' },
      });
    const territorial = await transfer(tree.orgs.terrA.id, editorTerrA);
    expect(territorial.statusCode).toBe(422);
    expect(territorial.json().error.details[0].field).toBe('toOrgId');
    // Outside the chairman's scope only active primaries exist: the rest is not found.
    const outside = await transfer(tree.orgs.terrB.id);
    const missing = await transfer('999999999');
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
  });

  it('a transfer dated before the registration is refused', async () => {
    const member = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Волков',
      firstName: 'Павел',
      registeredOn: '2024-01-10',
    });
    const response = await t.api('POST', `/api/v1/members/${member.id}/transfer`, {
      cookie: editorTerrA,
      body: { toOrgId: tree.orgs.primaryA2.id, on: '2023-12-31' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0].field).toBe('on');
  });
});

describe('taking off record and readmission', () => {
  it('deregistration keeps the record visible with its reason; readmission opens a new period with the same number', async () => {
    const member = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Лебедева',
      firstName: 'Ирина',
      birthDate: '1970-02-02',
      registeredOn: '2015-09-01',
    });
    const countBefore = await count(tree.orgs.primaryA1.id);
    const off = await t.api('POST', `/api/v1/members/${member.id}/deregister`, {
      cookie: chairA1,
      body: { on: '2024-06-30', reason: 'left_job', note: 'Переезд' },
    });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({
      status: 'deregistered',
      deregisteredOn: '2024-06-30',
      deregisterReason: 'left_job',
      deregisterNote: 'Переезд',
    });
    expect(await count(tree.orgs.primaryA1.id)).toBe(countBefore - 1);
    const again = await t.api('POST', `/api/v1/members/${member.id}/deregister`, {
      cookie: chairA1,
      body: { on: '2024-06-30', reason: 'left_job' },
    });
    expect(again.statusCode).toBe(409);

    const back = await t.api('POST', `/api/v1/members/${member.id}/readmit`, {
      cookie: chairA1,
      body: { on: '2025-02-01' },
    });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({
      status: 'active',
      cardNumber: member.cardNumber,
      registeredOn: '2025-02-01',
      deregisteredOn: null,
      deregisterReason: null,
    });
    expect(await count(tree.orgs.primaryA1.id)).toBe(countBefore);
    const history = (
      await t.api('GET', `/api/v1/members/${member.id}/history`, { cookie: chairA1 })
    ).json();
    expect(
      history.periods.map((p: { registeredOn: string; deregisteredOn: string | null }) => [
        p.registeredOn,
        p.deregisteredOn,
      ]),
    ).toEqual([
      ['2025-02-01', null],
      ['2015-09-01', '2024-06-30'],
    ]);
    expect(history.items.map((h: { action: string }) => h.action)).toEqual([
      'readmit',
      'deregister',
      'create',
    ]);
  });

  it('an unknown reason is refused', async () => {
    const member = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Кротов',
      firstName: 'Иван',
    });
    const response = await t.api('POST', `/api/v1/members/${member.id}/deregister`, {
      cookie: chairA1,
      body: { on: '2025-01-01', reason: 'bored' },
    });
    expect(response.json().error.details).toEqual([
      { field: 'reason', message: 'Выберите причину из списка' },
    ]);
  });

  it('readmission is refused while the same person is on record elsewhere', async () => {
    const first = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Дубова',
      firstName: 'Алла',
      birthDate: '1980-08-08',
      registeredOn: '2020-01-01',
    });
    await t.api('POST', `/api/v1/members/${first.id}/deregister`, {
      cookie: chairA1,
      body: { on: '2021-01-01', reason: 'own_wish' },
    });
    await putOnRecord(t, chairA2, {
      orgId: tree.orgs.primaryA2.id,
      lastName: 'Дубова',
      firstName: 'Алла',
      birthDate: '1980-08-08',
    });
    const response = await t.api('POST', `/api/v1/members/${first.id}/readmit`, {
      cookie: chairA1,
      body: { on: '2025-01-01' },
    });
    expect(response.statusCode).toBe(409);
  });
});

describe('org operations and members', () => {
  it('a merge moves the members on record to the target; liquidation waits for an empty org', async () => {
    const create = (code: string) =>
      t.api('POST', '/api/v1/orgs', {
        cookie: editorTerrA,
        body: { code, level: 'primary', parentId: tree.orgs.terrA.id, name: `ППО ${code}` },
      });
    const source = (await create('MM-1')).json();
    const target = (await create('MM-2')).json();
    const member = await putOnRecord(t, editorTerrA, {
      orgId: source.id,
      lastName: 'Ильина',
      firstName: 'Мария',
    });

    const refused = await t.api('POST', `/api/v1/orgs/${source.id}/liquidate`, {
      cookie: editorTerrA,
      body: { on: '2025-03-01' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/^На учёте состоят членов Профсоюза: 1/);

    const merged = await t.api('POST', `/api/v1/orgs/${source.id}/merge`, {
      cookie: editorTerrA,
      body: { intoId: target.id, on: '2025-03-01' },
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().memberCount).toBe(1);
    const moved = (
      await t.api('GET', `/api/v1/members/${member.id}`, { cookie: editorTerrA })
    ).json();
    expect(moved).toMatchObject({
      orgId: target.id,
      cardNumber: member.cardNumber,
      registeredOn: '2025-03-01',
    });
    expect(await count(source.id)).toBe(0);
  });

  it('moving an org moves its members scope with it', async () => {
    const member = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Кириллова',
      firstName: 'Вера',
    });
    await tree.user('editor.ra', 'editor', tree.orgs.regionA.id);
    const editorRegionA = await t.login('editor.ra');
    expect(
      (await t.api('GET', `/api/v1/members/${member.id}`, { cookie: editorRegionA })).statusCode,
    ).toBe(200);
    await t.api('POST', `/api/v1/orgs/${tree.orgs.terrA.id}/move`, {
      cookie: tree.admin,
      body: { parentId: tree.orgs.regionB.id },
    });
    expect(
      (await t.api('GET', `/api/v1/members/${member.id}`, { cookie: editorRegionA })).statusCode,
    ).toBe(404);
    const list = await t.api(
      'GET',
      `/api/v1/members?under=${tree.orgs.regionB.id}&q=${encodeURIComponent('Кириллова')}`,
      {
        cookie: tree.admin,
      },
    );
    expect(list.json().items.map((m: { id: string }) => m.id)).toEqual([member.id]);
    await t.api('POST', `/api/v1/orgs/${tree.orgs.terrA.id}/move`, {
      cookie: tree.admin,
      body: { parentId: tree.orgs.regionA.id },
    });
  });
});
