import { auditDetailKeys, todayIso } from '@profreestr/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putOnRecord } from '../../../test/member-fixture.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';
import { recordAudit } from './audit.service.js';

// The audit log: reads and denials are written, admins search it within their subtree, and a
// member's card shows who viewed or changed it.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;
let memberA: string;
let memberB: string;
let adminA: string;
let viewerA: string;

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
  await tree.user('admin-a', 'admin', tree.orgs.regionA.id);
  await tree.user('viewer-a', 'viewer', tree.orgs.terrA.id);
  adminA = await t.login('admin-a');
  viewerA = await t.login('viewer-a');
  const person = { lastName: 'Аудитова', firstName: 'Ольга', birthDate: '1985-03-04' };
  memberA = (await putOnRecord(t, tree.admin, { ...person, orgId: tree.orgs.primaryA1.id })).id;
  memberB = (
    await putOnRecord(t, tree.admin, {
      ...person,
      lastName: 'Чужова',
      orgId: tree.orgs.primaryB1.id,
    })
  ).id;
});
afterAll(() => t.close());

interface Ref {
  type: string;
  id: string;
  name: string | null;
  state: string;
}

const audit = async (cookie: string, query: string) => {
  const response = await t.api('GET', `/api/v1/audit?${query}`, { cookie });
  expect(response.statusCode).toBe(200);
  return response.json().items as {
    action: string;
    result: string;
    actor: { login: string; fullName: string | null } | null;
    target: Ref | null;
    details: Record<string, unknown> | null;
    refs: Ref[];
    ip: string | null;
    at: string;
  }[];
};

describe('what is written', () => {
  it('a read of a member card is written with who, from where and when', async () => {
    await t.api('GET', `/api/v1/members/${memberA}`, { cookie: viewerA });
    const entries = await audit(adminA, `targetType=member&targetId=${memberA}&action=member.read`);
    expect(entries[0]).toMatchObject({
      action: 'member.read',
      result: 'ok',
      actor: { login: 'viewer-a' },
      target: { type: 'member', id: memberA },
      ip: '127.0.0.1',
    });
    expect(Date.parse(entries[0]?.at ?? '')).not.toBeNaN();
  });

  it('a denied request is written: viewer of A asking for a member of B (404) and for a change (403)', async () => {
    expect((await t.api('GET', `/api/v1/members/${memberB}`, { cookie: viewerA })).statusCode).toBe(
      404,
    );
    const patch = await t.api('PATCH', `/api/v1/members/${memberA}`, {
      cookie: viewerA,
      body: { workplace: 'Школа' },
    });
    expect(patch.statusCode).toBe(403);
    const denied = await audit(tree.admin, 'action=access.denied&actor=viewer-a');
    expect(denied.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ route: '/api/v1/members/:id', status: 404, id: memberB }),
        expect.objectContaining({ method: 'PATCH', status: 403, id: memberA }),
      ]),
    );
    expect(denied.every((e) => e.result === 'denied')).toBe(true);
  });

  it('the table refuses UPDATE and DELETE, even from the application', async () => {
    const db = t.database.db;
    await expect(sql`update audit_log set result = 'ok'`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
  });
});

describe('searching', () => {
  it('an admin of region A sees entries about A, none about B', async () => {
    await t.api('GET', `/api/v1/members/${memberB}`, { cookie: tree.admin });
    const ofA = await audit(adminA, 'targetType=member&limit=200');
    expect(ofA.some((e) => e.target?.id === memberA)).toBe(true);
    expect(ofA.some((e) => e.target?.id === memberB)).toBe(false);
    const central = await audit(tree.admin, 'targetType=member&limit=200');
    expect(central.some((e) => e.target?.id === memberB)).toBe(true);
  });

  it('an admin of A asking for the audit under B gets 404; a viewer gets 403', async () => {
    const other = await t.api('GET', `/api/v1/audit?under=${tree.orgs.regionB.id}`, {
      cookie: adminA,
    });
    expect(other.statusCode).toBe(404);
    expect((await t.api('GET', '/api/v1/audit', { cookie: viewerA })).statusCode).toBe(403);
  });

  it('pages newest first with a keyset cursor, no entry twice', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let previous = '9999';
    do {
      const response = await t.api(
        'GET',
        `/api/v1/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        { cookie: adminA },
      );
      const page = response.json();
      for (const item of page.items) {
        expect(item.at <= previous).toBe(true);
        previous = item.at;
        seen.push(item.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(3);
  });

  it('filters by a day range and by an action prefix', async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect((await audit(adminA, `from=${today}&to=${today}`)).length).toBeGreaterThan(0);
    expect(await audit(adminA, 'from=2000-01-01&to=2000-01-02')).toEqual([]);
    const members = await audit(adminA, 'action=member.');
    expect(members.every((e) => e.action.startsWith('member.'))).toBe(true);
  });
});

describe("a member's card: who viewed or changed it", () => {
  it('lists the reads and changes of that member only', async () => {
    await t.api('PATCH', `/api/v1/members/${memberA}`, {
      cookie: tree.admin,
      body: { workplace: 'Гимназия № 2' },
    });
    const response = await t.api('GET', `/api/v1/members/${memberA}/audit`, { cookie: adminA });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { action: string; target: { id: string } }[];
    expect(items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['member.read', 'member.update', 'member.create']),
    );
    expect(items.every((e) => e.target.id === memberA)).toBe(true);
  });

  it('an admin of A gets 404 for the trail of a member of B', async () => {
    const response = await t.api('GET', `/api/v1/members/${memberB}/audit`, { cookie: adminA });
    expect(response.statusCode).toBe(404);
  });
});

describe('the journal names records by their names now', () => {
  it('a member by full name, the actor by full name', async () => {
    await t.api('GET', `/api/v1/members/${memberA}`, { cookie: viewerA });
    const [entry] = await audit(adminA, `targetType=member&targetId=${memberA}&action=member.read`);
    expect(entry?.target).toEqual({
      type: 'member',
      id: memberA,
      name: 'Аудитова Ольга',
      state: 'active',
    });
    expect(entry?.actor).toMatchObject({ login: 'viewer-a', fullName: 'Тестовый viewer-a' });
  });

  it("the org a new user was made for is named in the details' refs", async () => {
    const user = await tree.user('named.user', 'viewer', tree.orgs.primaryA2.id);
    const [entry] = await audit(adminA, `targetType=user&targetId=${user.id}&action=user.create`);
    expect(entry?.target).toMatchObject({ name: 'Тестовый named.user', state: 'active' });
    expect(entry?.refs).toEqual([
      { type: 'org', id: tree.orgs.primaryA2.id, name: 'ППО школы № 2', state: 'active' },
    ]);
  });

  it("a record outside the reader's subtree keeps its number only, as a 404 would", async () => {
    await t.api('GET', `/api/v1/members/${memberB}`, { cookie: viewerA });
    const ofA = await audit(adminA, 'action=access.denied&actor=viewer-a');
    const denied = ofA.find((e) => e.details?.id === memberB);
    expect(denied?.refs).toEqual([{ type: 'member', id: memberB, name: null, state: 'hidden' }]);
    expect(JSON.stringify(ofA)).not.toContain('Чужова');
    // The centre sees the same entry with the name.
    const central = await audit(tree.admin, 'action=access.denied&actor=viewer-a');
    expect(central.find((e) => e.details?.id === memberB)?.refs).toEqual([
      { type: 'member', id: memberB, name: 'Чужова Ольга', state: 'active' },
    ]);
  });

  it('a member off record, a liquidated and a merged org are marked as such', async () => {
    const gone = await putOnRecord(t, tree.admin, {
      lastName: 'Ушедшая',
      firstName: 'Анна',
      orgId: tree.orgs.primaryA1.id,
    });
    await t.api('POST', `/api/v1/members/${gone.id}/deregister`, {
      cookie: tree.admin,
      body: { on: todayIso(), reason: 'own_wish' },
    });
    const create = (code: string, name: string) =>
      t.api('POST', '/api/v1/orgs', {
        cookie: tree.admin,
        body: { code, level: 'primary', parentId: tree.orgs.terrA.id, name },
      });
    const closed = (await create('P-AUD1', 'ППО закрытого лицея')).json().id as string;
    const merged = (await create('P-AUD2', 'ППО присоединённой школы')).json().id as string;
    expect(
      (
        await t.api('POST', `/api/v1/orgs/${closed}/liquidate`, {
          cookie: tree.admin,
          body: { on: todayIso() },
        })
      ).statusCode,
    ).toBe(200);
    const merge = await t.api('POST', `/api/v1/orgs/${merged}/merge`, {
      cookie: tree.admin,
      body: { intoId: tree.orgs.primaryA1.id, on: todayIso() },
    });
    expect(merge.statusCode, merge.body).toBe(200);

    const member = await audit(adminA, `targetType=member&targetId=${gone.id}&limit=1`);
    expect(member[0]?.target).toMatchObject({ name: 'Ушедшая Анна', state: 'deregistered' });
    const liquidated = await audit(adminA, `targetType=org&targetId=${closed}&limit=1`);
    expect(liquidated[0]?.target).toMatchObject({
      name: 'ППО закрытого лицея',
      state: 'liquidated',
    });
    const joined = await audit(adminA, `targetType=org&targetId=${merged}&limit=1`);
    expect(joined[0]?.target).toMatchObject({ name: 'ППО присоединённой школы', state: 'merged' });
  });

  it('a card merged into another is marked merged, and the merge names both cards', async () => {
    const kept = await putOnRecord(t, tree.admin, {
      lastName: 'Двойная',
      firstName: 'Вера',
      orgId: tree.orgs.primaryA1.id,
    });
    const other = await putOnRecord(t, tree.admin, {
      lastName: 'Двойная',
      firstName: 'Вера',
      orgId: tree.orgs.primaryA2.id,
      registeredOn: '2015-09-01',
    });
    await t.api('POST', `/api/v1/members/${other.id}/deregister`, {
      cookie: tree.admin,
      body: { on: '2020-06-30', reason: 'left_job' },
    });
    const merge = await t.api('POST', `/api/v1/members/${kept.id}/merge`, {
      cookie: tree.admin,
      body: { duplicateId: other.id },
    });
    expect(merge.statusCode, merge.body).toBe(200);
    const [entry] = await audit(adminA, `targetType=member&targetId=${other.id}&limit=1`);
    expect(entry?.target).toEqual({ type: 'member', id: other.id, name: null, state: 'merged' });
    expect(entry?.refs).toEqual(
      expect.arrayContaining([
        { type: 'member', id: kept.id, name: 'Двойная Вера', state: 'active' },
      ]),
    );
  });

  it('a record that no longer exists is marked missing', async () => {
    await recordAudit(
      { db: t.database.db, actor: null, ip: null },
      {
        action: 'member.read',
        target: { type: 'member', id: '987654321', orgPath: `${tree.centralId}.` },
      },
    );
    const [entry] = await audit(tree.admin, 'targetType=member&targetId=987654321');
    expect(entry?.target).toEqual({
      type: 'member',
      id: '987654321',
      name: null,
      state: 'missing',
    });
  });

  it("a member's trail names the readers", async () => {
    const response = await t.api('GET', `/api/v1/members/${memberA}/audit`, { cookie: adminA });
    const items = response.json().items as { actor: { login: string; fullName: string } }[];
    expect(items.find((e) => e.actor.login === 'viewer-a')?.actor.fullName).toBe(
      'Тестовый viewer-a',
    );
  });

  it('every detail key written to the log so far has a Russian label', async () => {
    // A few more kinds of entries first: a list, an export, a changed user.
    await t.api('GET', `/api/v1/members?under=${tree.orgs.terrA.id}&q=Ауд`, { cookie: adminA });
    await t.api('GET', `/api/v1/members/export?under=${tree.orgs.terrA.id}&format=csv`, {
      cookie: adminA,
    });
    const user = await tree.user('key.user', 'viewer', tree.orgs.primaryA2.id);
    await t.api('PATCH', `/api/v1/users/${user.id}`, {
      cookie: adminA,
      body: { role: 'editor', disabled: true, fullName: 'Другое Имя', orgId: tree.orgs.terrA.id },
    });
    const { rows } = await sql<{ key: string }>`
      select distinct jsonb_object_keys(details) as key from audit_log
      where jsonb_typeof(details) = 'object'`.execute(t.database.db);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.map((r) => r.key).filter((key) => !auditDetailKeys.includes(key))).toEqual([]);
  });
});
