import { formatCardNumber, type Member } from '@profreestr/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putOnRecord } from '../../../test/member-fixture.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let editorTerrA: string;
let anna: Member;

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  await tree.user('editor.ta', 'editor', tree.orgs.terrA.id);
  editorTerrA = await t.login('editor.ta');
  const add = (orgId: string, lastName: string, firstName: string, extra: object = {}) =>
    putOnRecord(t, tree.admin, { orgId, lastName, firstName, ...extra });
  anna = await add(tree.orgs.primaryA1.id, 'Иванова', 'Анна', {
    middleName: 'Сергеевна',
    birthDate: '1988-07-21',
    category: 'working',
    registeredOn: '2020-01-01',
  });
  await add(tree.orgs.primaryA1.id, 'Иванова', 'Антонина', {
    birthDate: '1975-01-30',
    category: 'pensioner',
  });
  await add(tree.orgs.primaryA2.id, 'Иванов', 'Андрей', { category: 'working' });
  await add(tree.orgs.primaryA2.id, 'Анисимова', 'Ирина', { category: 'student' });
  await add(tree.orgs.primaryB1.id, 'Иванова', 'Анна', { middleName: 'Павловна' });
});
afterAll(() => t.close());

const names = async (query: string, cookie = editorTerrA) => {
  const response = await t.api('GET', `/api/v1/members?${query}`, { cookie });
  expect(response.statusCode).toBe(200);
  return response.json().items.map((m: Member) => `${m.lastName} ${m.firstName}`);
};
const q = (text: string) => `q=${encodeURIComponent(text)}`;

describe('member search', () => {
  it('surname then the beginning of the first name', async () => {
    expect(await names(q('Иванова Ан'))).toEqual(['Иванова Анна', 'Иванова Антонина']);
  });

  it('first name then surname', async () => {
    expect(await names(q('Анна Иванова'))).toEqual(['Иванова Анна']);
  });

  it('a prefix of the surname alone, case-insensitive', async () => {
    expect(await names(q('ивано'))).toEqual(['Иванов Андрей', 'Иванова Анна', 'Иванова Антонина']);
  });

  it('a card number with or without spaces', async () => {
    expect(await names(q(anna.cardNumber))).toEqual(['Иванова Анна']);
    expect(await names(q(formatCardNumber(anna.cardNumber)))).toEqual(['Иванова Анна']);
  });

  it('a birth date as ДД.ММ.ГГГГ or ГГГГ-ММ-ДД', async () => {
    expect(await names(q('21.07.1988'))).toEqual(['Иванова Анна']);
    expect(await names(q('1975-01-30'))).toEqual(['Иванова Антонина']);
  });

  it('filters by category and by org', async () => {
    expect(await names('category=student')).toEqual(['Анисимова Ирина']);
    expect(await names(`orgId=${tree.orgs.primaryA2.id}`)).toEqual([
      'Анисимова Ирина',
      'Иванов Андрей',
    ]);
  });

  it('out-of-scope members never appear, whatever the query', async () => {
    for (const text of ['Иванова', 'Анна Иванова', 'Павловна']) {
      expect(await names(q(text))).not.toContain('Иванова Анна Павловна');
    }
    const all = await t.api('GET', `/api/v1/members?${q('Иванова Анна')}`, { cookie: editorTerrA });
    expect(all.json().items.every((m: Member) => m.orgId !== tree.orgs.primaryB1.id)).toBe(true);
    const outside = await t.api('GET', `/api/v1/members?under=${tree.orgs.terrB.id}`, {
      cookie: editorTerrA,
    });
    expect(outside.statusCode).toBe(404);
  });

  it('keyset pages sorted by name cover the list once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await t.api(
        'GET',
        `/api/v1/members?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        {
          cookie: editorTerrA,
        },
      );
      const page = response.json();
      seen.push(...page.items.map((m: Member) => `${m.lastName} ${m.firstName}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Анисимова Ирина', 'Иванов Андрей', 'Иванова Анна', 'Иванова Антонина']);
  });

  it('status filter separates members on and off record', async () => {
    const off = await t.api('POST', `/api/v1/members/${anna.id}/deregister`, {
      cookie: editorTerrA,
      body: { on: '2025-01-01', reason: 'own_wish' },
    });
    expect(off.statusCode).toBe(200);
    expect(await names(`status=deregistered`)).toEqual(['Иванова Анна']);
    expect(await names(`status=active&${q('Иванова')}`)).toEqual(['Иванова Антонина']);
  });
});
