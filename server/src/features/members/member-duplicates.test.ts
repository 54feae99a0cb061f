import { personNameKey } from '@profreestr/contracts';
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

  it('a caller who may see the existing record is told which one it is and in which org', async () => {
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
        orgName: 'ППО школы № 1',
      },
    ]);
    expect(response.json().error.message).toBe(
      'Этот человек уже состоит на учёте в организации «ППО школы № 1»',
    );
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

// ---- the duplicates screen ----

type Group = {
  key: string;
  kind: string;
  birthDate: string | null;
  members: { id: string; birthDate: string | null }[];
  memberCount: number;
  canResolve: boolean;
};

const list = async (cookie: string, query = '') => {
  const response = await t.api('GET', `/api/v1/members/duplicates${query}`, { cookie });
  expect(response.statusCode).toBe(200);
  return response.json() as { items: Group[]; nextCursor: string | null };
};
const keysOf = (page: { items: Group[] }) => page.items.map((g) => g.key);
const offRecord = async (cookie: string, id: string) => {
  const response = await t.api('POST', `/api/v1/members/${id}/deregister`, {
    cookie,
    body: { on: new Date().toISOString().slice(0, 10), reason: 'own_wish' },
  });
  expect(response.statusCode).toBe(200);
};
/** One person on record twice: an old card taken off record, then a new one. */
const twoCards = async (
  cookie: string,
  orgs: [string, string],
  person: { lastName: string; firstName: string; birthDate: string },
) => {
  const old = await putOnRecord(t, cookie, { orgId: orgs[0], ...person });
  await offRecord(cookie, old.id);
  const current = await putOnRecord(t, cookie, { orgId: orgs[1], ...person });
  return [old.id, current.id];
};
const dismiss = (cookie: string, memberIds: string[]) =>
  t.api('POST', '/api/v1/members/duplicates/dismiss', { cookie, body: { memberIds } });

describe('the duplicates screen', () => {
  let viewerRegionA: string;
  let petrov: string[];
  let sidorova: string[];
  let orlova: string[];

  beforeAll(async () => {
    await tree.user('viewer.ra', 'viewer', tree.orgs.regionA.id);
    viewerRegionA = await t.login('viewer.ra');
    const a1 = tree.orgs.primaryA1.id;
    const a2 = tree.orgs.primaryA2.id;
    // Namesakes: two known, different birth dates and one record without a date.
    petrov = [
      (
        await putOnRecord(t, chairA1, {
          orgId: a1,
          lastName: 'Петров',
          firstName: 'Пётр',
          birthDate: '1970-01-01',
        })
      ).id,
      (
        await putOnRecord(t, chairA1, {
          orgId: a1,
          lastName: 'Петров',
          firstName: 'Пётр',
          birthDate: '1971-01-01',
        })
      ).id,
      (await putOnRecord(t, editorRegionA, { orgId: a2, lastName: 'Петров', firstName: 'Пётр' }))
        .id,
    ];
    await putOnRecord(t, chairA1, { orgId: a1, lastName: 'Ткачёва', firstName: 'Ольга' });
    await putOnRecord(t, chairA1, {
      orgId: a1,
      lastName: 'Ткачева',
      firstName: 'Ольга',
      birthDate: '1990-01-01',
    });
    sidorova = await twoCards(editorRegionA, [a1, a2], {
      lastName: 'Сидорова',
      firstName: 'Мария',
      birthDate: '1985-03-03',
    });
    // One card in each branch: only the centre sees both.
    orlova = await twoCards(tree.admin, [a1, tree.orgs.primaryB1.id], {
      lastName: 'Орлова',
      firstName: 'Вера',
      birthDate: '1980-02-02',
    });
  });

  it('namesakes with different birth dates are no duplicates, even when a third record has no date', async () => {
    const page = await list(editorRegionA);
    expect(keysOf(page)).not.toContain(personNameKey('Петров', 'Пётр'));
    expect(page.items.flatMap((g) => g.members.map((m) => m.id))).not.toContain(petrov[0]);
  });

  it('a duplicate group is one name with one birth date, listed with that date and its records', async () => {
    const page = await list(editorRegionA, '?kind=duplicate');
    expect(page.items).toEqual([
      {
        key: personNameKey('Сидорова', 'Мария'),
        kind: 'duplicate',
        birthDate: '1985-03-03',
        members: [
          expect.objectContaining({ id: sidorova[0], status: 'deregistered' }),
          expect.objectContaining({ id: sidorova[1], status: 'active' }),
        ],
        memberCount: 2,
        canResolve: true,
      },
    ]);
    expect(page.nextCursor).toBeNull();
  });

  it('a record without a birth date is only a candidate, listed apart with its namesakes, undated first', async () => {
    const page = await list(editorRegionA, '?kind=candidate');
    expect(keysOf(page)).toEqual([
      personNameKey('Петров', 'Пётр'),
      personNameKey('Ткачёва', 'Ольга'),
    ]);
    const [petrovGroup] = page.items as [Group];
    expect(petrovGroup.kind).toBe('candidate');
    expect(petrovGroup.birthDate).toBeNull();
    expect(petrovGroup.members.map((m) => m.id)).toEqual([petrov[2], petrov[0], petrov[1]]);
  });

  it('a candidate group with many namesakes shows the undated records first and says how many there are', async () => {
    const person = { lastName: 'Многоимённая', firstName: 'Ольга' };
    for (let year = 1960; year < 1985; year++) {
      await putOnRecord(t, chairB1, {
        orgId: tree.orgs.primaryB1.id,
        ...person,
        birthDate: `${year}-01-01`,
      });
    }
    const undated = await putOnRecord(t, chairB1, { orgId: tree.orgs.primaryB1.id, ...person });
    const group = (await list(chairB1, '?kind=candidate')).items.find(
      (g) => g.key === personNameKey(person.lastName, person.firstName),
    );
    expect(group?.memberCount).toBe(26);
    expect(group?.members).toHaveLength(20);
    expect(group?.members[0]?.id).toBe(undated.id);
  });

  it('a group split between two branches shows only to a caller who sees both records', async () => {
    const orlovaKey = personNameKey('Орлова', 'Вера');
    expect(keysOf(await list(editorRegionA))).not.toContain(orlovaKey);
    expect(keysOf(await list(chairB1))).not.toContain(orlovaKey);
    const central = await list(tree.admin);
    const group = central.items.find((g) => g.key === orlovaKey);
    expect(group?.members.map((m) => m.id)).toEqual(orlova);
    // A region outside the caller's scope is 404, like a missing one.
    const outside = await t.api('GET', `/api/v1/members/duplicates?under=${tree.orgs.regionA.id}`, {
      cookie: chairB1,
    });
    expect(outside.statusCode).toBe(404);
  });

  it.each(['duplicate', 'candidate'])('%s groups come in keyset pages', async (kind) => {
    const all = await list(tree.admin, `?kind=${kind}`);
    expect(all.items.length).toBeGreaterThanOrEqual(2);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(
        tree.admin,
        `?kind=${kind}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(1);
      walked.push(...page.items.map((g) => `${g.key}|${g.birthDate}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(all.items.map((g) => `${g.key}|${g.birthDate}`));
  });

  it('a cursor of the other list is refused as invalid', async () => {
    const first = await list(tree.admin, '?kind=candidate&limit=1');
    const response = await t.api(
      'GET',
      `/api/v1/members/duplicates?kind=duplicate&cursor=${first.nextCursor}`,
      { cookie: tree.admin },
    );
    expect(response.statusCode).toBe(422);
  });

  it('a viewer sees the groups but is told it may not resolve them', async () => {
    const page = await list(viewerRegionA);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((g) => g.canResolve === false)).toBe(true);
  });

  it('the list is on the audit log with the kind and the number of groups', async () => {
    await list(editorRegionA, '?kind=candidate');
    const entry = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'details'])
      .where('action', '=', 'member.duplicates')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.target_id).toBe(tree.orgs.regionA.id);
    expect(entry.details).toEqual({ kind: 'candidate', groups: 2 });
  });
});

describe('«Не дубль»', () => {
  it('a dismissed group no longer shows, and shows again when another record joins it', async () => {
    const key = personNameKey('Лебедева', 'Нина');
    const ids = await twoCards(chairA1, [tree.orgs.primaryA1.id, tree.orgs.primaryA1.id], {
      lastName: 'Лебедева',
      firstName: 'Нина',
      birthDate: '1975-05-05',
    });
    expect(keysOf(await list(chairA1))).toContain(key);
    expect((await dismiss(chairA1, ids)).statusCode).toBe(204);
    expect(keysOf(await list(chairA1))).not.toContain(key);
    expect(keysOf(await list(tree.admin))).not.toContain(key);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['target_id', 'details'])
      .where('action', '=', 'member.distinct')
      .where('target_id', 'in', ids)
      .execute();
    expect(audit.map((a) => a.target_id).sort()).toEqual([...ids].sort());
    expect(audit[0]?.details).toEqual({ memberIds: ids });

    // A third record of the same name and date: a combination nobody has judged yet.
    await offRecord(chairA1, ids[1] as string);
    const third = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Лебедева',
      firstName: 'Нина',
      birthDate: '1975-05-05',
    });
    const group = (await list(chairA1)).items.find((g) => g.key === key);
    expect(group?.members.map((m) => m.id)).toEqual([...ids, third.id]);
  });

  it('a region dismissing its part leaves the larger group the centre sees; the centre hides it whole', async () => {
    const key = personNameKey('Зайцева', 'Ия');
    const person = { lastName: 'Зайцева', firstName: 'Ия', birthDate: '1966-06-06' };
    const inA = await twoCards(
      editorRegionA,
      [tree.orgs.primaryA1.id, tree.orgs.primaryA2.id],
      person,
    );
    await offRecord(editorRegionA, inA[1] as string);
    const inB = await putOnRecord(t, chairB1, { orgId: tree.orgs.primaryB1.id, ...person });
    expect((await dismiss(editorRegionA, inA)).statusCode).toBe(204);
    expect(keysOf(await list(editorRegionA))).not.toContain(key);
    const central = (await list(tree.admin)).items.find((g) => g.key === key);
    expect(central?.members.map((m) => m.id)).toEqual([...inA, inB.id]);
    expect((await dismiss(tree.admin, [...inA, inB.id])).statusCode).toBe(204);
    expect(keysOf(await list(tree.admin))).not.toContain(key);
  });

  it('a candidate group can be dismissed too', async () => {
    const key = personNameKey('Ткачёва', 'Ольга');
    const group = (await list(editorRegionA, '?kind=candidate')).items.find((g) => g.key === key);
    expect(group).toBeDefined();
    const ids = group?.members.map((m) => m.id) ?? [];
    expect((await dismiss(editorRegionA, ids)).statusCode).toBe(204);
    expect(keysOf(await list(editorRegionA, '?kind=candidate'))).not.toContain(key);
  });

  it('refusals: a viewer 403, records outside the scope 404, different people or one record 422', async () => {
    const person = { lastName: 'Смирнова', firstName: 'Ада', birthDate: '1977-07-07' };
    const ids = await twoCards(chairA1, [tree.orgs.primaryA1.id, tree.orgs.primaryA1.id], person);
    await tree.user('viewer.a1', 'viewer', tree.orgs.primaryA1.id);
    const viewer = await t.login('viewer.a1');
    expect((await dismiss(viewer, ids)).statusCode).toBe(403);
    expect((await dismiss(chairB1, ids)).statusCode).toBe(404);
    expect((await dismiss(chairA1, [ids[0] as string, '999999999'])).statusCode).toBe(404);
    expect((await dismiss(chairA1, [ids[0] as string, ids[0] as string])).statusCode).toBe(422);
    const other = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      lastName: 'Смирнова',
      firstName: 'Алла',
      birthDate: '1977-07-07',
    });
    expect((await dismiss(chairA1, [ids[0] as string, other.id])).statusCode).toBe(422);
    const otherDate = await putOnRecord(t, chairA1, {
      orgId: tree.orgs.primaryA1.id,
      ...person,
      birthDate: '1978-07-07',
    });
    const differentDates = await dismiss(chairA1, [ids[0] as string, otherDate.id]);
    expect(differentDates.statusCode).toBe(422);
    expect(differentDates.json().error.details[0].field).toBe('memberIds');
    // Nothing was remembered: the group still shows.
    expect(keysOf(await list(chairA1))).toContain(personNameKey('Смирнова', 'Ада'));
  });
});
