import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';
import { isUnder35 } from '../stats/member-stats.js';
import { countMovement, countOnRecord } from './as-of.queries.js';

// The register as of a date against a plain recount: random histories of registration periods
// (admissions, transfers, deregistrations, readmissions) and category changes, then the counts
// of random subtrees on random days compared with the same counts done by hand in JavaScript.

let t: TestApp;
let orgs: { id: string; path: string }[];
let subtrees: string[];
let memberIds: string[];

const categories = ['working', 'student', 'pensioner'] as const;
const day = (n: number) =>
  new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

interface Period {
  org: number;
  from: number;
  to: number | null;
  reason: string | null;
}
interface History {
  periods: Period[];
  sex: 'male' | 'female';
  birth: number;
  /** [day the category begins, category]; the first from the start of time. */
  categories: [number, (typeof categories)[number]][];
}

/** A member's life: periods one after another; a transfer opens the next the day it closes. */
const historyArb = (orgCount: number) =>
  fc
    .record({
      start: fc.integer({ min: 0, max: 300 }),
      steps: fc.array(
        fc.record({
          gap: fc.integer({ min: 0, max: 200 }),
          kind: fc.constantFrom('transfer', 'own_wish', 'left_job', 'readmit-later'),
          org: fc.integer({ min: 0, max: orgCount - 1 }),
        }),
        { maxLength: 4 },
      ),
      firstOrg: fc.integer({ min: 0, max: orgCount - 1 }),
      open: fc.boolean(),
      sex: fc.constantFrom('male' as const, 'female' as const),
      birth: fc.integer({ min: -20_000, max: 0 }),
      changes: fc.array(
        fc.tuple(fc.integer({ min: 0, max: 1200 }), fc.constantFrom(...categories)),
        { maxLength: 3 },
      ),
      first: fc.constantFrom(...categories),
    })
    .map(({ start, steps, firstOrg, open, sex, birth, changes, first }): History => {
      const periods: Period[] = [];
      let current: Period = { org: firstOrg, from: start, to: null, reason: null };
      for (const step of steps) {
        const end = current.from + step.gap;
        if (step.kind === 'transfer') {
          if (step.org === current.org) continue;
          periods.push({ ...current, to: end, reason: 'transfer' });
          current = { org: step.org, from: end, to: null, reason: null };
        } else {
          periods.push({
            ...current,
            to: end,
            reason: step.kind === 'own_wish' ? 'own_wish' : 'left_job',
          });
          current = { org: step.org, from: end + 1 + step.gap, to: null, reason: null };
        }
      }
      if (open) periods.push(current);
      const sorted = [...changes].sort((a, b) => a[0] - b[0]);
      return { periods, sex, birth, categories: [[-1e9, first], ...sorted] };
    });

const categoryOn = (h: History, d: number) =>
  h.categories.filter(([from]) => from <= d).at(-1)?.[1] ?? null;

beforeAll(async () => {
  t = await createTestApp();
  const tree = await buildTree(t);
  const { rows } = await sql<{ id: string; path: string; level: string }>`
    select id, path, level from orgs order by id`.execute(t.database.db);
  orgs = rows.filter((o) => o.level === 'primary');
  subtrees = rows.map((o) => o.path);
  memberIds = [];
  for (let i = 0; i < 12; i++) {
    const response = await t.api('POST', '/api/v1/members', {
      cookie: tree.admin,
      body: {
        orgId: tree.orgs.primaryA1.id,
        lastName: `Случайная${'абвгдежзиклм'[i]}`,
        firstName: 'Анна',
      },
    });
    memberIds.push(response.json().id);
  }
}, 60_000);

afterAll(() => t?.close());

async function writeHistories(histories: History[]) {
  const db = t.database.db;
  await sql`delete from member_periods`.execute(db);
  await sql`delete from member_category_changes`.execute(db);
  for (const [i, h] of histories.entries()) {
    const memberId = memberIds[i] as string;
    const current = h.categories.at(-1)?.[1] ?? null;
    for (const p of h.periods) {
      await sql`insert into member_periods
          (member_id, org_id, registered_on, deregistered_on, reason, sex, birth_date, category)
        values (${memberId}, ${orgs[p.org]?.id}, ${day(p.from)}, ${p.to === null ? null : day(p.to)},
                ${p.reason}, ${h.sex}, ${day(h.birth)}, ${current})`.execute(db);
    }
    for (let k = 1; k < h.categories.length; k++) {
      const [from] = h.categories[k] as [number, string];
      const old = (h.categories[k - 1] as [number, string])[1];
      // Where the member was on the day of the change (the last period begun by then).
      const at = h.periods.filter((p) => p.from <= from).at(-1) ?? h.periods[0];
      const orgPath = orgs[at?.org ?? 0]?.path as string;
      await sql`insert into member_category_changes (member_id, changed_on, old_category, org_path)
        values (${memberId}, ${day(from)}, ${old}, ${orgPath})`.execute(db);
    }
  }
}

const inside = (orgIndex: number, path: string) => (orgs[orgIndex]?.path ?? '').startsWith(path);
const onRecord = (p: Period, d: number) => p.from <= d && (p.to === null || p.to > d);

describe('the register as of a date', () => {
  it('counts on any day equal a recount from the periods', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(historyArb(3), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 1500 }),
        fc.nat(),
        async (histories, d, pick) => {
          await writeHistories(histories);
          const path = subtrees[pick % subtrees.length] as string;
          const expected = {
            total: 0,
            working: 0,
            students: 0,
            pensioners: 0,
            women: 0,
            under35: 0,
          };
          for (const h of histories) {
            const periods = h.periods.filter((q) => inside(q.org, path) && onRecord(q, d)).length;
            for (let k = 0; k < periods; k++) {
              expected.total++;
              const category = categoryOn(h, d);
              if (category === 'working') expected.working++;
              if (category === 'student') expected.students++;
              if (category === 'pensioner') expected.pensioners++;
              if (h.sex === 'female') expected.women++;
              if (isUnder35(day(h.birth), day(d))) expected.under35++;
            }
          }
          expect(await countOnRecord(t.database.db, path, day(d))).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  }, 300_000);

  it('movement between two days adds up: closing = opening + in − out', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(historyArb(3), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 1500 }),
        fc.integer({ min: 0, max: 700 }),
        fc.nat(),
        async (histories, from, length, pick) => {
          await writeHistories(histories);
          const path = subtrees[pick % subtrees.length] as string;
          const db = t.database.db;
          const [opening, closing, movement] = await Promise.all([
            countOnRecord(db, path, day(from)),
            countOnRecord(db, path, day(from + length)),
            countMovement(db, path, day(from), day(from + length)),
          ]);
          const left = Object.values(movement.left_by_reason).reduce((a, b) => a + b, 0);
          expect(closing.total).toBe(
            opening.total +
              movement.admitted +
              movement.transferred_in -
              left -
              movement.transferred_out,
          );
        },
      ),
      { numRuns: 40 },
    );
  }, 300_000);
});
