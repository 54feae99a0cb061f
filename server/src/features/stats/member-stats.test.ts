import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contribution,
  isUnder35,
  memberDeltas,
  orgContribution,
  orgDeltas,
  STAT_COLUMNS,
  turns35On,
} from './member-stats.js';

const asOf = '2026-11-25';
const member = {
  path: '1.2.3.10.',
  status: 'active',
  category: 'working',
  sex: 'female',
  birthDate: '1990-05-01',
  duesPaymentForm: 'payroll',
  pdConsentOn: '2024-01-10',
  workplace: 'Школа № 5',
  position: 'Учитель',
  studyCourse: null,
};
const primary = {
  path: '1.2.3.10.',
  level: 'primary',
  status: 'active',
  duesRate: 1,
  isSmall: false,
  hasCommittee: true,
  chairman: { lastName: 'Соколова', sex: 'female', birthDate: '1995-03-03', isReleased: false },
  eduOrg: {
    name: 'Школа № 5',
    inn: '7707083893',
    headName: 'Петров П. П.',
    headPosition: 'Директор',
    employees: 80,
    students: 0,
  },
};

describe('member contributions to subtree counts', () => {
  it('an active member counts in status, category, sex and each missing field; one off record only as such', () => {
    expect(
      contribution(
        { ...member, category: 'student', sex: null, workplace: null, studyCourse: null },
        asOf,
      ),
    ).toMatchObject({
      active: 1,
      student: 1,
      sex_unknown: 1,
      working: 0,
      deregistered: 0,
      workplace_unknown: 1,
      study_course_unknown: 1,
      position_unknown: 0,
    });
    expect(contribution({ ...member, status: 'deregistered', sex: null }, asOf)).toEqual({
      ...Object.fromEntries(STAT_COLUMNS.map((c) => [c, 0])),
      deregistered: 1,
    });
  });

  it('the course is missing only for students', () => {
    expect(contribution({ ...member, studyCourse: null }, asOf).study_course_unknown).toBe(0);
  });

  it('a transfer inside one territorial org leaves its counts and those above untouched', () => {
    const after = { ...member, path: '1.2.3.11.' };
    const deltas = memberDeltas([[member, after]], asOf);
    expect([...deltas.keys()].sort()).toEqual(['10', '11']);
    expect(deltas.get('10')?.active).toBe(-1);
    expect(deltas.get('11')?.female).toBe(1);
  });

  it('a change that alters nothing counted writes nothing', () => {
    expect(memberDeltas([[member, { ...member, phone: '+79120000000' } as never]], asOf).size).toBe(
      0,
    );
  });

  it('a batch rolls up the same counts as its changes one by one', () => {
    const facts = fc.record({
      path: fc.constantFrom('1.2.3.10.', '1.2.3.11.', '1.2.4.12.', '1.5.13.'),
      status: fc.constantFrom('active', 'deregistered'),
      category: fc.constantFrom('working', 'student', 'pensioner', null),
      sex: fc.constantFrom('male', 'female', null),
      birthDate: fc.constantFrom(null, '1980-01-01', '2000-06-30'),
      duesPaymentForm: fc.constantFrom('payroll', null),
      pdConsentOn: fc.constantFrom('2024-01-10', null),
      workplace: fc.constantFrom('Школа', null),
      position: fc.constantFrom('Учитель', null),
      studyCourse: fc.constantFrom(1, null),
    });
    const pair = fc.tuple(fc.option(facts), fc.option(facts));
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 30 }), (pairs) => {
        const summed = new Map<string, Record<string, number>>();
        for (const p of pairs) {
          for (const [id, d] of memberDeltas([p], asOf)) {
            const into = summed.get(id) ?? {};
            for (const c of STAT_COLUMNS) into[c] = (into[c] ?? 0) + d[c];
            summed.set(id, into);
          }
        }
        const batch = memberDeltas(pairs, asOf);
        for (const [id, into] of summed) {
          const expected = batch.get(id) ?? Object.fromEntries(STAT_COLUMNS.map((c) => [c, 0]));
          expect(STAT_COLUMNS.map((c) => into[c] ?? 0)).toEqual(
            STAT_COLUMNS.map((c) => expected[c]),
          );
        }
        for (const id of batch.keys()) expect(summed.has(id)).toBe(true);
      }),
    );
  });
});

describe('org contributions', () => {
  it('a complete primary counts once as a primary and as a chairman, missing nothing', () => {
    expect(orgContribution(primary, asOf)).toMatchObject({
      primaries: 1,
      no_dues_rate: 0,
      no_chairman: 0,
      chairmen: 1,
      chairmen_female: 1,
      chairmen_under35: 1,
      edu_employees: 80,
    });
  });

  it('a primary without passport data lacks every org indicator; a territorial lacks none', () => {
    const bare = { ...primary, duesRate: null, isSmall: null, hasCommittee: null };
    const empty = orgContribution({ ...bare, chairman: null, eduOrg: null }, asOf);
    expect(empty).toMatchObject({
      no_dues_rate: 1,
      no_is_small: 1,
      no_has_committee: 1,
      no_chairman: 1,
      no_edu_org: 1,
      no_edu_org_inn: 1,
      no_edu_org_head: 1,
      no_edu_org_head_position: 1,
      chairmen: 0,
    });
    const territorial = orgContribution({ ...bare, level: 'territorial', eduOrg: null }, asOf);
    expect(territorial).toMatchObject({ territorials: 1, primaries: 0, no_dues_rate: 0 });
  });

  it('liquidating an org takes everything it counted away from its ancestors', () => {
    const deltas = orgDeltas(primary, { ...primary, status: 'liquidated' }, asOf);
    expect(deltas.get('1')).toMatchObject({ primaries: -1, chairmen: -1, edu_employees: -80 });
  });
});

describe('under 35', () => {
  it('someone born on 29 February turns 35 on 28 February of a common year, as in PostgreSQL', () => {
    expect(turns35On('1992-02-29')).toBe('2027-02-28');
    expect(turns35On('1993-02-28')).toBe('2028-02-28');
    expect(turns35On('1988-02-29')).toBe('2023-02-28');
  });

  it('is under 35 until the 35th birthday, and never again after it', () => {
    const day = fc
      .date({ min: new Date('1950-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, day, (birth, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        // Monotone: once 35, still 35 later.
        if (!isUnder35(birth, early)) expect(isUnder35(birth, late)).toBe(false);
        expect(isUnder35(birth, turns35On(birth))).toBe(false);
      }),
    );
  });
});
