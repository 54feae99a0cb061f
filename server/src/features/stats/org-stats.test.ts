import { addDays, addYears, todayIso } from '@profreestr/contracts';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { buildTree } from '../../../test/tree-fixture.js';
import { STAT_COLUMNS } from './member-stats.js';
import { advanceStatsClock } from './stats.service.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildTree>>;

beforeAll(async () => {
  t = await createTestApp();
  tree = await buildTree(t);
});
afterAll(() => t.close());

/**
 * Every org's counts recomputed by plain SQL from the members and orgs at or below it, with
 * "under 35" as of the stats clock: the reference the maintained counts must equal.
 */
async function recomputed() {
  const { rows } = await sql<Record<string, number | string>>`
    with clock as (select age_date from stats_clock)
    select o.id::text as org_id, m.*, d.*
    from orgs o
    cross join lateral (
      select
        count(*) filter (where status = 'active')::int as active,
        count(*) filter (where status <> 'active')::int as deregistered,
        count(*) filter (where status = 'active' and category = 'working')::int as working,
        count(*) filter (where status = 'active' and category = 'student')::int as student,
        count(*) filter (where status = 'active' and category = 'pensioner')::int as pensioner,
        count(*) filter (where status = 'active' and category is null)::int as category_unknown,
        count(*) filter (where status = 'active' and sex = 'male')::int as male,
        count(*) filter (where status = 'active' and sex = 'female')::int as female,
        count(*) filter (where status = 'active' and sex is null)::int as sex_unknown,
        count(*) filter (where status = 'active' and birth_date is null)::int as birth_date_unknown,
        count(*) filter (where status = 'active' and dues_payment_form is null)::int as dues_form_unknown,
        count(*) filter (where status = 'active' and pd_consent_on is null)::int as pd_consent_unknown,
        count(*) filter (where status = 'active' and workplace is null)::int as workplace_unknown,
        count(*) filter (where status = 'active' and position is null)::int as position_unknown,
        count(*) filter (where status = 'active' and category = 'student' and study_course is null)::int as study_course_unknown,
        count(*) filter (where status = 'active' and birth_date > (
          (select age_date from clock) - interval '35 years')::date)::int as under35
      from members where org_path >= o.path and org_path < left(o.path, -1) || '/'
    ) m
    cross join lateral (
      select
        count(*) filter (where level = 'primary')::int as primaries,
        count(*) filter (where level = 'territorial')::int as territorials,
        count(*) filter (where level = 'regional')::int as regionals,
        count(*) filter (where level = 'primary' and dues_rate is null)::int as no_dues_rate,
        count(*) filter (where level = 'primary' and is_small is null)::int as no_is_small,
        count(*) filter (where level = 'primary' and has_committee is null)::int as no_has_committee,
        count(*) filter (where level = 'primary' and chairman ->> 'lastName' is null)::int as no_chairman,
        count(*) filter (where level = 'primary' and edu_org ->> 'name' is null)::int as no_edu_org,
        count(*) filter (where level = 'primary' and edu_org ->> 'inn' is null)::int as no_edu_org_inn,
        count(*) filter (where level = 'primary' and edu_org ->> 'headName' is null)::int as no_edu_org_head,
        count(*) filter (where level = 'primary' and edu_org ->> 'headPosition' is null)::int as no_edu_org_head_position,
        count(chairman ->> 'lastName')::int as chairmen,
        count(*) filter (where chairman ->> 'sex' = 'female' and chairman ->> 'lastName' is not null)::int as chairmen_female,
        count(*) filter (where chairman ->> 'lastName' is not null and (chairman ->> 'birthDate')::date > (
          (select age_date from clock) - interval '35 years')::date)::int as chairmen_under35,
        count(*) filter (where chairman ->> 'isReleased' = 'true' and chairman ->> 'lastName' is not null)::int as chairmen_released,
        coalesce(sum((edu_org ->> 'employees')::int) filter (where level = 'primary'), 0)::int as edu_employees,
        coalesce(sum((edu_org ->> 'students')::int) filter (where level = 'primary'), 0)::int as edu_students
      from orgs where path >= o.path and path < left(o.path, -1) || '/' and status = 'active'
    ) d
    order by o.id`.execute(t.database.db);
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
// Birth dates around the 35th birthday as of the real today (never 29 February), so that
// advancing the clock moves members and chairmen out of "under 35".
const boundary = addYears(todayIso(), -35);
const birthDate = fc.option(
  fc.integer({ min: -3, max: 40 }).map((days) => {
    const iso = addDays(boundary, days);
    return iso.endsWith('-02-29') ? iso.replace('-29', '-28') : iso;
  }),
);
const maybe = <T>(value: T) => fc.option(fc.constant(value));
const card = fc.record({
  category,
  sex,
  birthDate,
  duesPaymentForm: fc.constantFrom('payroll', 'cash', null),
  pdConsent: maybe({ givenOn: '2024-03-01' }),
  workplace: maybe('Школа № 1'),
  position: maybe('Учитель'),
  studyCourse: fc.option(fc.integer({ min: 1, max: 6 })),
});
const passport = fc.record(
  {
    duesRate: fc.option(fc.constantFrom(1, 1.5)),
    isSmall: fc.option(fc.boolean()),
    hasCommittee: fc.option(fc.boolean()),
    chairman: fc.option(
      fc.record({
        lastName: fc.constant('Соколова'),
        firstName: fc.constant('Анна'),
        sex,
        birthDate,
        isReleased: fc.option(fc.boolean()),
      }),
    ),
    eduOrg: fc.option(
      fc.record({
        name: maybe('Школа № 7'),
        inn: maybe('7707083893'),
        headName: maybe('Петрова Е. А.'),
        headPosition: maybe('Директор'),
        employees: fc.option(fc.integer({ min: 0, max: 300 })),
        students: fc.option(fc.integer({ min: 0, max: 2000 })),
      }),
    ),
  },
  { requiredKeys: [] },
);

type Card = typeof card extends fc.Arbitrary<infer C> ? C : never;
type Passport = typeof passport extends fc.Arbitrary<infer P> ? P : never;
type Command =
  | { kind: 'create'; org: number; card: Card }
  | { kind: 'patch'; member: number; card: Card }
  | { kind: 'transfer'; member: number; org: number }
  | { kind: 'deregister'; member: number }
  | { kind: 'readmit'; member: number; org: number }
  | { kind: 'mergeCards'; member: number; org: number; card: Card; keepTwin: boolean }
  | { kind: 'moveTerritorial'; territorial: number; region: number }
  | { kind: 'merge'; from: number; into: number }
  | { kind: 'editPassport'; org: number; passport: Passport }
  | { kind: 'liquidate'; org: number }
  | { kind: 'advanceClock'; days: number };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('create' as const), org: pick, card }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('patch' as const), member: pick, card }) },
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
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('mergeCards' as const),
      member: pick,
      org: pick,
      card,
      keepTwin: fc.boolean(),
    }),
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
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('editPassport' as const), org: pick, passport }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('liquidate' as const), org: pick }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('advanceClock' as const),
      days: fc.integer({ min: 1, max: 20 }),
    }),
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
        ...command.card,
        // Distinct people: the same name and birth date would be one person.
        middleName: `Отчество${'в'.repeat((active.length + off.length) % 40)}`,
      });
    case 'patch':
      if (!active.length) return;
      return t.api('PATCH', `/api/v1/members/${at(active, command.member)}`, {
        cookie: admin,
        body: command.card,
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
    case 'mergeCards': {
      // A second card of an existing member (no birth date, so it may be on record too), then
      // the two merged in either direction.
      const all = [...active, ...off];
      if (!all.length) return;
      const id = at(all, command.member);
      const person = await t.database.db
        .selectFrom('members')
        .select(['last_name', 'first_name', 'middle_name'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const { birthDate: _unknown, ...card } = command.card;
      const twin = await post('/api/v1/members', {
        orgId: at(primaries, command.org),
        ...card,
        studyCourse: card.category === 'student' ? card.studyCourse : null,
        lastName: person.last_name,
        firstName: person.first_name,
        middleName: person.middle_name,
      });
      if (twin.statusCode !== 201) return twin;
      const twinId: string = twin.json().id;
      const [kept, other] = command.keepTwin ? [twinId, id] : [id, twinId];
      return post(`/api/v1/members/${kept}/merge`, { duplicateId: other });
    }
    case 'moveTerritorial': {
      const territorials = await ids(`select id from orgs where level = 'territorial' order by id`);
      const regions = await ids(`select id from orgs where level = 'regional' order by id`);
      return post(`/api/v1/orgs/${at(territorials, command.territorial)}/move`, {
        parentId: at(regions, command.region),
      });
    }
    case 'merge': {
      if (primaries.length < 4) return addPrimary(command.from);
      return post(`/api/v1/orgs/${at(primaries, command.from)}/merge`, {
        intoId: at(primaries, command.into),
        on: today,
      });
    }
    case 'editPassport': {
      const orgs = await ids(`select id from orgs where status = 'active' order by id`);
      return t.api('PATCH', `/api/v1/orgs/${at(orgs, command.org)}`, {
        cookie: admin,
        body: command.passport,
      });
    }
    case 'liquidate':
      if (primaries.length < 4) return addPrimary(command.org);
      return post(`/api/v1/orgs/${at(primaries, command.org)}/liquidate`, { on: today });
    case 'advanceClock': {
      const clock = await t.database.db
        .selectFrom('stats_clock')
        .select(sql<string>`age_date::text`.as('day'))
        .executeTakeFirstOrThrow();
      await advanceStatsClock(t.database.db, addDays(clock.day, command.days));
      return;
    }
  }
}

const addPrimary = (n: number) =>
  t.api('POST', '/api/v1/orgs', {
    cookie: tree.admin,
    body: {
      code: `P-NEW-${Date.now()}-${n}`,
      level: 'primary',
      parentId: tree.orgs.terrB.id,
      name: 'ППО новая',
    },
  });

describe('maintained subtree counts', () => {
  it('after any sequence of member and org changes, every count equals a recount by plain SQL', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 16 }), async (commands) => {
        for (const command of commands) {
          const response = await run(command);
          // Refusals (a transfer to the same org, a move that breaks a level rule) are fine;
          // a server error is not.
          if (response) expect(response.statusCode).toBeLessThan(500);
        }
        expect(await maintained()).toEqual(await recomputed());
      }),
      { numRuns: 15 },
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
    // terrB: primaryB1 was liquidated above, and no user is created in a liquidated org
    await tree.user('viewer.tb', 'viewer', tree.orgs.terrB.id);
    const viewer = await t.login('viewer.tb');
    const response = await t.api('GET', `/api/v1/orgs/${tree.orgs.primaryA1.id}/stats`, {
      cookie: viewer,
    });
    expect(response.statusCode).toBe(404);
  });
});
