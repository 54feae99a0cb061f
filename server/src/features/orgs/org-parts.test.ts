import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let chair: string;
let viewer: string;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  await tree.user('chair.a1', 'editor', tree.orgs.primaryA1.id);
  await tree.user('viewer.a1', 'viewer', tree.orgs.primaryA1.id);
  chair = await t.login('chair.a1');
  viewer = await t.login('viewer.a1');
  base = `/api/v1/orgs/${tree.orgs.primaryA1.id}`;
});
afterAll(() => t.close());

describe('Профактив', () => {
  it('activists are added, listed by name, changed and removed', async () => {
    const add = (body: object) => t.api('POST', `${base}/activists`, { cookie: chair, body });
    const first = await add({
      role: 'committee_member',
      lastName: 'Яковлева',
      firstName: 'Мария',
      phone: '8 912 000 11 22',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      role: 'committee_member',
      phone: '+79120001122',
      middleName: null,
    });
    const second = await add({ role: 'deputy_chair', lastName: 'Ёлкина', firstName: 'Анна' });
    expect(second.statusCode).toBe(201);

    const list = await t.api('GET', `${base}/activists`, { cookie: viewer });
    // ё sorts as е: Ёлкина before Яковлева
    expect(list.json().items.map((a: { lastName: string }) => a.lastName)).toEqual([
      'Ёлкина',
      'Яковлева',
    ]);

    const changed = await t.api('PATCH', `${base}/activists/${first.json().id}`, {
      cookie: chair,
      body: { role: 'labour_safety_rep' },
    });
    expect(changed.json()).toMatchObject({ role: 'labour_safety_rep', lastName: 'Яковлева' });

    const removed = await t.api('DELETE', `${base}/activists/${second.json().id}`, {
      cookie: chair,
    });
    expect(removed.statusCode).toBe(204);
    const after = await t.api('GET', `${base}/activists`, { cookie: chair });
    expect(after.json().items).toHaveLength(1);

    const history = await t.api('GET', `${base}/history?limit=3`, { cookie: chair });
    expect(history.json().items.map((h: { note: string }) => h.note)).toEqual([
      'Удалено: Ёлкина Анна — Заместитель председателя',
      'Изменено: Яковлева Мария — Уполномоченный по охране труда',
      'Добавлено: Ёлкина Анна — Заместитель председателя',
    ]);
  });

  it('an unknown role and a name with digits are refused with field details', async () => {
    const response = await t.api('POST', `${base}/activists`, {
      cookie: chair,
      body: { role: 'boss', lastName: 'Петров1', firstName: 'Пётр' },
    });
    expect(response.statusCode).toBe(422);
    expect(
      response
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['lastName', 'role']);
  });

  it('a viewer cannot add activists: 403', async () => {
    const response = await t.api('POST', `${base}/activists`, {
      cookie: viewer,
      body: { role: 'other', lastName: 'Иванов', firstName: 'Иван' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('activists of an org outside the scope are 404, and so is a part id of another org', async () => {
    const outside = await t.api('GET', `/api/v1/orgs/${tree.orgs.primaryA2.id}/activists`, {
      cookie: chair,
    });
    expect(outside.statusCode).toBe(404);
    const other = await t.api('POST', `/api/v1/orgs/${tree.orgs.primaryA2.id}/activists`, {
      cookie: tree.admin,
      body: { role: 'other', lastName: 'Чужой', firstName: 'Активист' },
    });
    const crossed = await t.api('PATCH', `${base}/activists/${other.json().id}`, {
      cookie: chair,
      body: { role: 'deputy_chair' },
    });
    expect(crossed.statusCode).toBe(404);
  });
});

describe('Штат', () => {
  it('staff with position and rate', async () => {
    const response = await t.api('POST', `${base}/staff`, {
      cookie: chair,
      body: { position: 'Бухгалтер', lastName: 'Орлова', firstName: 'Нина', rate: 0.5 },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ position: 'Бухгалтер', rate: 0.5 });
    const bad = await t.api('POST', `${base}/staff`, {
      cookie: chair,
      body: { position: 'Юрист', lastName: 'Орлов', firstName: 'Олег', rate: 3 },
    });
    expect(bad.json().error.details).toEqual([{ field: 'rate', message: 'Ставка: от 0,05 до 2' }]);
  });
});

describe('Мероприятия', () => {
  it('events come newest first with keyset pages', async () => {
    for (const [date, title] of [
      ['2025-03-01', 'Профсоюзное собрание'],
      ['2025-05-12', 'Семинар по охране труда'],
      ['2024-12-20', 'Новогодний вечер'],
    ] as const) {
      const r = await t.api('POST', `${base}/events`, {
        cookie: chair,
        body: { date, title, kind: 'meeting', participants: 30 },
      });
      expect(r.statusCode).toBe(201);
    }
    const page1 = await t.api('GET', `${base}/events?limit=2`, { cookie: viewer });
    expect(page1.json().items.map((e: { date: string }) => e.date)).toEqual([
      '2025-05-12',
      '2025-03-01',
    ]);
    const page2 = await t.api('GET', `${base}/events?limit=2&cursor=${page1.json().nextCursor}`, {
      cookie: viewer,
    });
    expect(page2.json().items.map((e: { date: string }) => e.date)).toEqual(['2024-12-20']);
    expect(page2.json().nextCursor).toBeNull();
  });

  it('an event in the future is refused', async () => {
    const response = await t.api('POST', `${base}/events`, {
      cookie: chair,
      body: { date: '2999-01-01', title: 'Будущее', kind: 'other' },
    });
    expect(response.json().error.details).toEqual([
      { field: 'date', message: 'Дата не может быть в будущем' },
    ]);
  });
});
