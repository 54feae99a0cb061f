import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putOnRecord } from '../../../test/member-fixture.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';

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

const audit = async (cookie: string, query: string) => {
  const response = await t.api('GET', `/api/v1/audit?${query}`, { cookie });
  expect(response.statusCode).toBe(200);
  return response.json().items as {
    action: string;
    result: string;
    actor: { login: string } | null;
    target: { type: string; id: string } | null;
    details: Record<string, unknown> | null;
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
