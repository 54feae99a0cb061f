import type { MemberListItem, MemberListPage } from '@profreestr/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putOnRecord } from '../../../test/member-fixture.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';
import { encodeCursor } from '../../lib/cursor.js';
import { rebuildAllStats } from '../stats/stats.queries.js';
import { MEMBER_COUNT_CAP, MEMBER_COUNT_SCAN_LIMIT } from './member-list.service.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let editorTerrA: string;

// terrA: primaryA1 «ППО школы № 1» and primaryA2 «ППО школы № 2».
const people = [
  {
    org: 'primaryA1',
    lastName: 'Орлова',
    firstName: 'Вера',
    birthDate: '1965-05-07',
    registeredOn: '2019-03-01',
    category: 'working',
  },
  {
    org: 'primaryA1',
    lastName: 'Белов',
    firstName: 'Пётр',
    birthDate: '1990-01-15',
    registeredOn: '2021-09-01',
    category: 'student',
  },
  {
    org: 'primaryA2',
    lastName: 'Аксёнова',
    firstName: 'Нина',
    birthDate: '1978-11-30',
    registeredOn: '2015-02-10',
    category: 'working',
  },
  {
    org: 'primaryA2',
    lastName: 'Гусев',
    firstName: 'Олег',
    registeredOn: '2023-06-20',
    category: 'pensioner',
  },
  { org: 'primaryA2', lastName: 'Дронова', firstName: 'Ирина', registeredOn: '2018-04-04' },
  {
    org: 'primaryA1',
    lastName: 'Ершов',
    firstName: 'Иван',
    birthDate: '1990-01-15',
    registeredOn: '2021-09-01',
    category: 'student',
  },
] as const;

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  await tree.user('editor.ta', 'editor', tree.orgs.terrA.id);
  editorTerrA = await t.login('editor.ta');
  for (const { org, ...card } of people) {
    await putOnRecord(t, tree.admin, { orgId: tree.orgs[org].id, ...card });
  }
  // One more, taken off record.
  const gone = await putOnRecord(t, tree.admin, {
    orgId: tree.orgs.primaryA2.id,
    lastName: 'Жукова',
    firstName: 'Алла',
    birthDate: '1982-02-02',
    registeredOn: '2010-01-01',
  });
  await t.api('POST', `/api/v1/members/${gone.id}/deregister`, {
    cookie: tree.admin,
    body: { on: '2024-01-01', reason: 'own_wish' },
  });
});
afterAll(() => t.close());

const list = async (query: string, cookie = editorTerrA): Promise<MemberListPage> => {
  const response = await t.api('GET', `/api/v1/members?${query}`, { cookie });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const surnames = (page: MemberListPage) => page.items.map((m) => m.lastName);

/** Every page of a list, following the cursors: the rows in the order they came. */
async function allPages(query: string, limit = 2) {
  const seen: MemberListItem[] = [];
  let cursor: string | null = null;
  do {
    const page: MemberListPage = await list(
      `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    seen.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return seen.map((m) => m.lastName);
}

describe('members list rows', () => {
  it('each row carries the name of its org, so the page needs no request per row', async () => {
    const page = await list(`under=${tree.orgs.terrA.id}&status=active`);
    const byName = new Map(page.items.map((m) => [m.lastName, m.orgName]));
    expect(byName.get('Орлова')).toBe('ППО школы № 1');
    expect(byName.get('Аксёнова')).toBe('ППО школы № 2');
  });

  it('a list writes one audit entry, and no org.read for the names it shows', async () => {
    const count = async (action: string) => {
      const { rows } = await sql<{ n: string }>`
        select count(*) as n from audit_log where action = ${action}`.execute(t.database.db);
      return Number(rows[0]?.n);
    };
    const [lists, orgReads] = [await count('member.list'), await count('org.read')];
    await list(`under=${tree.orgs.terrA.id}`);
    expect([await count('member.list'), await count('org.read')]).toEqual([lists + 1, orgReads]);
  });

  it('a birth date written as Д.М.ГГГГ finds the member; a day the calendar lacks is 422', async () => {
    expect(surnames(await list(`q=${encodeURIComponent('7.5.1965')}`))).toEqual(['Орлова']);
    expect(surnames(await list(`q=${encodeURIComponent('07.05.1965')}`))).toEqual(['Орлова']);
    const response = await t.api('GET', `/api/v1/members?q=${encodeURIComponent('31.2.1990')}`, {
      cookie: editorTerrA,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0].field).toBe('q');
  });
});

describe('members list count', () => {
  it('the first page counts the subtree from the maintained counts, by status and category', async () => {
    const under = `under=${tree.orgs.terrA.id}`;
    expect((await list(`${under}&status=active`)).total).toEqual({ count: 6, exact: true });
    expect((await list(`${under}&status=deregistered`)).total).toEqual({ count: 1, exact: true });
    expect((await list(under)).total).toEqual({ count: 7, exact: true });
    expect((await list(`${under}&status=active&category=student`)).total).toEqual({
      count: 2,
      exact: true,
    });
    expect((await list(`${under}&missing=birthDate`)).total).toEqual({ count: 2, exact: true });
    expect((await list(`orgId=${tree.orgs.primaryA1.id}&status=active`)).total).toEqual({
      count: 3,
      exact: true,
    });
  });

  it('filters the counts cannot answer are counted row by row', async () => {
    expect((await list(`q=${encodeURIComponent('Орл')}`)).total).toEqual({ count: 1, exact: true });
    expect((await list('status=deregistered&category=working')).total).toEqual({
      count: 0,
      exact: true,
    });
  });

  it('later pages carry no count', async () => {
    const first = await list('status=active&limit=2');
    expect(first.total).toEqual({ count: 6, exact: true });
    const second = await list(`status=active&limit=2&cursor=${first.nextCursor}`);
    expect(second.total).toBeNull();
  });

  it('a text search counts to the cap and says "more"', async () => {
    // Bulk rows straight into primaryB1 (outside terrA): the maintained counts do not matter here.
    await sql`
      insert into members (org_id, last_name, first_name, name_key, alt_key, registered_on, card_number)
      select ${tree.orgs.primaryB1.id}, 'Смирнов', 'Иван' || n, 'смирнов иван' || n,
        'иван' || n || ' смирнов', '2020-01-01', '77' || lpad(n::text, 14, '0')
      from generate_series(1, ${MEMBER_COUNT_CAP + 1}) n`.execute(t.database.db);
    const page = await list(`q=${encodeURIComponent('Смирнов')}&limit=5`, tree.admin);
    expect(page.total).toEqual({ count: MEMBER_COUNT_CAP, exact: false });
    expect(page.items).toHaveLength(5);
  });

  it('a rare combination over a large subtree is not counted; over a small one it is', async () => {
    // primaryB1 grows past the size a count may read whole; the counts are rebuilt for it.
    await sql`
      insert into members (org_id, last_name, first_name, name_key, alt_key, registered_on, card_number)
      select ${tree.orgs.primaryB1.id}, 'Петров', 'Пётр' || n, 'петров петр' || n,
        'петр' || n || ' петров', '2020-01-01', '66' || lpad(n::text, 14, '0')
      from generate_series(1, ${MEMBER_COUNT_SCAN_LIMIT}) n`.execute(t.database.db);
    await rebuildAllStats(t.database.db);
    const rare = 'status=deregistered&category=working';
    expect((await list(`under=${tree.orgs.regionB.id}&${rare}`, tree.admin)).total).toBeNull();
    expect((await list(`under=${tree.orgs.regionA.id}&${rare}`, tree.admin)).total).toEqual({
      count: 0,
      exact: true,
    });
    // The maintained counts still answer the common filters of the large subtree.
    expect((await list(`under=${tree.orgs.regionB.id}&status=active`, tree.admin)).total).toEqual({
      count: MEMBER_COUNT_SCAN_LIMIT + MEMBER_COUNT_CAP + 1,
      exact: true,
    });
  });
});

describe('members list order', () => {
  const under = () => `under=${tree.orgs.terrA.id}&status=active`;

  it('by birth date, oldest first, unknown dates last; pages cover the list once', async () => {
    const order = ['Орлова', 'Аксёнова', 'Белов', 'Ершов', 'Гусев', 'Дронова'];
    expect(surnames(await list(`${under()}&sort=birthDate`))).toEqual(order);
    expect(await allPages(`${under()}&sort=birthDate`)).toEqual(order);
    expect(await allPages(`${under()}&sort=birthDate`, 1)).toEqual(order);
  });

  it('by birth date, youngest first, unknown dates still last', async () => {
    const order = ['Ершов', 'Белов', 'Аксёнова', 'Орлова', 'Дронова', 'Гусев'];
    expect(surnames(await list(`${under()}&sort=-birthDate`))).toEqual(order);
    expect(await allPages(`${under()}&sort=-birthDate`)).toEqual(order);
  });

  it('by registration date either way, and by name backwards', async () => {
    const oldest = ['Аксёнова', 'Дронова', 'Орлова', 'Белов', 'Ершов', 'Гусев'];
    expect(await allPages(`${under()}&sort=registeredOn`)).toEqual(oldest);
    expect(await allPages(`${under()}&sort=-registeredOn`)).toEqual([...oldest].reverse());
    expect(await allPages(`${under()}&sort=-name`)).toEqual([
      'Орлова',
      'Ершов',
      'Дронова',
      'Гусев',
      'Белов',
      'Аксёнова',
    ]);
  });

  it('a cursor of another order, or one naming no row, is 422 (never a 500)', async () => {
    const first = await list(`${under()}&sort=birthDate&limit=1`);
    const mixed = await t.api(
      'GET',
      `/api/v1/members?${under()}&sort=registeredOn&cursor=${first.nextCursor}`,
      { cookie: editorTerrA },
    );
    expect(mixed.statusCode).toBe(422);
    for (const forged of [
      ['birthDate', '1990-02-30', '1.', '5'],
      ['birthDate', '1990-01-01', '1.', 'x'],
      ['name', 'а', '99999999999999999999'],
    ]) {
      const response = await t.api(
        'GET',
        `/api/v1/members?${under()}&sort=${forged[0]}&cursor=${encodeCursor(forged)}`,
        { cookie: editorTerrA },
      );
      expect(response.statusCode, JSON.stringify(forged)).toBe(422);
    }
  });

  it('members lacking a field keep the order by org: another sort is 422', async () => {
    const response = await t.api('GET', '/api/v1/members?missing=birthDate&sort=birthDate', {
      cookie: editorTerrA,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0].field).toBe('sort');
  });
});
