import { todayIso } from '@profreestr/contracts';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';
import { STAT_COLUMNS } from './member-stats.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
});
afterAll(() => t.close());

/** Every org's counts recomputed from the members table by plain SQL. */
async function recomputed() {
  const { rows } = await sql<Record<string, number | string>>`
    select o.id::text as org_id,
      count(m.id) filter (where m.status = 'active')::int as active,
      count(m.id) filter (where m.status <> 'active')::int as deregistered,
      count(m.id) filter (where m.status = 'active' and m.category = 'working')::int as working,
      count(m.id) filter (where m.status = 'active' and m.category = 'student')::int as student,
      count(m.id) filter (where m.status = 'active' and m.category = 'pensioner')::int as pensioner,
      count(m.id) filter (where m.status = 'active' and m.category is null)::int as category_unknown,
      count(m.id) filter (where m.status = 'active' and m.sex = 'male')::int as male,
      count(m.id) filter (where m.status = 'active' and m.sex = 'female')::int as female,
      count(m.id) filter (where m.status = 'active' and m.sex is null)::int as sex_unknown
    from orgs o
    left join members m on m.org_path >= o.path and m.org_path < left(o.path, -1) || '/'
    group by o.id order by o.id`.execute(t.database.db);
  return rows;
}

async function maintained() {
  const rows = await t.database.db
    .selectFrom('org_stats')
    .select(['org_id', ...STAT_COLUMNS])
    .orderBy('org_id')
    .execute();
  return rows.map((r) => ({ ...r, org_id: String(r.org_id) }));
}

const category = fc.constantFrom('working', 'student', 'pensioner', null);
const sex = fc.constantFrom('male', 'female', null);
const pick = fc.nat();

type Command =
  | { kind: 'create'; org: number; category: string | null; sex: string | null }
  | { kind: 'patch'; member: number; category: string | null; sex: string | null }
  | { kind: 'transfer'; member: number; org: number }
  | { kind: 'deregister'; member: number }
  | { kind: 'readmit'; member: number; org: number }
  | { kind: 'moveTerritorial'; territorial: number; region: number }
  | { kind: 'merge'; from: number; into: number };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('create' as const), org: pick, category, sex }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('patch' as const), member: pick, category, sex }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('transfer' as const), member: pick, org: pick }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deregister' as const), member: pick }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('readmit' as const), member: pick, org: pick }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('moveTerritorial' as const),
      territorial: pick,
      region: pick,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('merge' as const), from: pick, into: pick }),
  },
);

async function ids(query: string) {
  const { rows } = await sql<{ id: string }>`${sql.raw(query)}`.execute(t.database.db);
  return rows.map((r) => String(r.id));
}
const at = <T>(items: T[], i: number) => items[i % items.length] as T;

async function run(command: Command) {
  const admin = tree.admin;
  const primaries = await ids(
    `select id from orgs where level = 'primary' and status = 'active' order by id`,
  );
  const active = await ids(`select id from members where status = 'active' order by id`);
  const off = await ids(`select id from members where status = 'deregistered' order by id`);
  const today = todayIso();
  const post = (url: string, body: unknown) => t.api('POST', url, { cookie: admin, body });
  switch (command.kind) {
    case 'create':
      return post('/api/v1/members', {
        orgId: at(primaries, command.org),
        lastName: 'Случайная',
        firstName: `Запись${'а'.repeat(active.length % 20)}`,
        category: command.category,
        sex: command.sex,
      });
    case 'patch':
      if (!active.length) return;
      return t.api('PATCH', `/api/v1/members/${at(active, command.member)}`, {
        cookie: admin,
        body: { category: command.category, sex: command.sex },
      });
    case 'transfer':
      if (!active.length) return;
      return post(`/api/v1/members/${at(active, command.member)}/transfer`, {
        toOrgId: at(primaries, command.org),
        on: today,
      });
    case 'deregister':
      if (!active.length) return;
      return post(`/api/v1/members/${at(active, command.member)}/deregister`, {
        on: today,
        reason: 'other',
      });
    case 'readmit':
      if (!off.length) return;
      return post(`/api/v1/members/${at(off, command.member)}/readmit`, {
        orgId: at(primaries, command.org),
        on: today,
      });
    case 'moveTerritorial': {
      const territorials = await ids(`select id from orgs where level = 'territorial' order by id`);
      const regions = await ids(`select id from orgs where level = 'regional' order by id`);
      return post(`/api/v1/orgs/${at(territorials, command.territorial)}/move`, {
        parentId: at(regions, command.region),
      });
    }
    case 'merge': {
      if (primaries.length < 4) {
        return post('/api/v1/orgs', {
          code: `P-NEW-${Date.now()}-${command.from}`,
          level: 'primary',
          parentId: tree.orgs.terrB.id,
          name: 'ППО новая',
        });
      }
      return post(`/api/v1/orgs/${at(primaries, command.from)}/merge`, {
        intoId: at(primaries, command.into),
        on: today,
      });
    }
  }
}

describe('maintained subtree counts', () => {
  it('after any sequence of member and org changes, every count equals a recount by plain SQL', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 12 }), async (commands) => {
        for (const command of commands) {
          const response = await run(command);
          // Refusals (a transfer to the same org, a move that breaks a level rule) are fine;
          // a server error is not.
          if (response) expect(response.statusCode).toBeLessThan(500);
        }
        expect(await maintained()).toEqual(await recomputed());
      }),
      { numRuns: 12 },
    );
  });

  it('GET /orgs/:id/stats reads the root as one row, with the right totals', async () => {
    const response = await t.api('GET', `/api/v1/orgs/${tree.centralId}/stats`, {
      cookie: tree.admin,
    });
    expect(response.statusCode).toBe(200);
    const root = (await recomputed()).find((r) => r.org_id === tree.centralId);
    expect(response.json().members).toEqual({
      active: root?.active,
      deregistered: root?.deregistered,
      byCategory: {
        working: root?.working,
        student: root?.student,
        pensioner: root?.pensioner,
        unknown: root?.category_unknown,
      },
      bySex: { male: root?.male, female: root?.female, unknown: root?.sex_unknown },
    });
  });

  it('stats of an org outside the scope are 404', async () => {
    await tree.user('viewer.b1', 'viewer', tree.orgs.primaryB1.id);
    const viewer = await t.login('viewer.b1');
    const response = await t.api('GET', `/api/v1/orgs/${tree.orgs.primaryA1.id}/stats`, {
      cookie: viewer,
    });
    expect(response.statusCode).toBe(404);
  });
});
