import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putOnRecord } from '../../../test/member-fixture.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let chairA1: string;
let chairB1: string;
let editorRegionA: string;

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  await tree.user('chair.a1', 'editor', tree.orgs.primaryA1.id);
  await tree.user('chair.b1', 'editor', tree.orgs.primaryB1.id);
  await tree.user('editor.ra', 'editor', tree.orgs.regionA.id);
  chairA1 = await t.login('chair.a1');
  chairB1 = await t.login('chair.b1');
  editorRegionA = await t.login('editor.ra');
  await putOnRecord(t, chairA1, {
    orgId: tree.orgs.primaryA1.id,
    lastName: 'Королёва',
    firstName: 'Анна-Мария',
    middleName: 'Петровна',
    birthDate: '1979-12-01',
  });
});
afterAll(() => t.close());

const tryCreate = (cookie: string, orgId: string, names: Record<string, string>) =>
  t.api('POST', '/api/v1/members', { cookie, body: { orgId, birthDate: '1979-12-01', ...names } });

describe('one person, one primary', () => {
  it.each([
    ['ё as е', { lastName: 'Королева', firstName: 'Анна-Мария', middleName: 'Петровна' }],
    ['case', { lastName: 'КОРОЛЁВА', firstName: 'анна-мария', middleName: 'ПЕТРОВНА' }],
    ['spacing', { lastName: '  Королёва ', firstName: 'Анна-Мария', middleName: 'Петровна  ' }],
    ['hyphen as space', { lastName: 'Королёва', firstName: 'Анна Мария', middleName: 'Петровна' }],
  ])(
    'the same person with a %s variant in another branch is a 409 that names nothing',
    async (_, names) => {
      const response = await tryCreate(chairB1, tree.orgs.primaryB1.id, names);
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toEqual({
        code: 'conflict',
        message: 'Человек с такими ФИО и датой рождения уже состоит на учёте в другой организации',
        details: [],
      });
    },
  );

  it('a caller who may see the existing record is told which one it is', async () => {
    const response = await tryCreate(editorRegionA, tree.orgs.primaryA2.id, {
      lastName: 'королева',
      firstName: 'Анна-Мария',
      middleName: 'Петровна',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.details).toEqual([
      {
        field: 'person',
        message: 'Уже состоит на учёте',
        memberId: expect.any(String),
        orgId: tree.orgs.primaryA1.id,
      },
    ]);
  });

  it('another birth date is another person', async () => {
    const response = await t.api('POST', '/api/v1/members', {
      cookie: chairB1,
      body: {
        orgId: tree.orgs.primaryB1.id,
        lastName: 'Королёва',
        firstName: 'Анна-Мария',
        middleName: 'Петровна',
        birthDate: '1981-12-01',
      },
    });
    expect(response.statusCode).toBe(201);
  });

  it('renaming a card into an existing person is refused too', async () => {
    const other = await putOnRecord(t, chairB1, {
      orgId: tree.orgs.primaryB1.id,
      lastName: 'Королёва',
      firstName: 'Анна',
      birthDate: '1979-12-01',
    });
    const response = await t.api('PATCH', `/api/v1/members/${other.id}`, {
      cookie: chairB1,
      body: { firstName: 'Анна-Мария', middleName: 'Петровна' },
    });
    expect(response.statusCode).toBe(409);
  });
});

describe('suspected duplicates screen', () => {
  it('lists names held twice with the same or an unknown birth date, inside the scope only', async () => {
    await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Ткачёва',
      firstName: 'Ольга',
    });
    await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Ткачева',
      firstName: 'Ольга',
      birthDate: '1990-01-01',
    });
    // Same name, different known dates: two people, not a duplicate.
    await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Петров',
      firstName: 'Пётр',
      birthDate: '1970-01-01',
    });
    await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Петров',
      firstName: 'Пётр',
      birthDate: '1971-01-01',
    });

    const response = await t.api('GET', '/api/v1/members/duplicates', { cookie: editorRegionA });
    expect(response.statusCode).toBe(200);
    const groups = response.json().items;
    expect(groups.map((g: { key: string }) => g.key)).toEqual(['ткачева ольга']);
    expect(groups[0].members).toHaveLength(2);

    const outside = await t.api('GET', '/api/v1/members/duplicates', { cookie: chairB1 });
    expect(outside.json().items).toEqual([]);
  });
});
