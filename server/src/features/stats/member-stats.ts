import { STAT_COLUMNS, type StatColumn } from '../../db/stat-columns.js';
import { pathIds } from '../../lib/tree-path.js';

// What a member, or an org, contributes to the counts of its org and every org above it. Pure,
// so the rules are tested apart from the database; the property test checks the whole against
// SQL. "Under 35" is counted as of a date (`asOf`): the counts hold it as of the stats clock.

export {
  MEMBER_STAT_COLUMNS,
  ORG_STAT_COLUMNS,
  STAT_COLUMNS,
  type StatColumn,
} from '../../db/stat-columns.js';
export type StatsDelta = Record<StatColumn, number>;

export interface MemberFacts {
  /** The path of the member's org. */
  path: string;
  status: string;
  category: string | null;
  sex: string | null;
  birthDate: string | null;
  duesPaymentForm: string | null;
  pdConsentOn: string | null;
  workplace: string | null;
  position: string | null;
  studyCourse: number | null;
}

export interface OrgFacts {
  path: string;
  level: string;
  status: string;
  duesRate: number | null;
  isSmall: boolean | null;
  hasCommittee: boolean | null;
  chairman: {
    lastName: string | null;
    sex: string | null;
    birthDate: string | null;
    isReleased: boolean | null;
  } | null;
  eduOrg: {
    name: string | null;
    inn: string | null;
    headName: string | null;
    headPosition: string | null;
    employees: number | null;
    students: number | null;
  } | null;
}

const ZERO = Object.freeze(Object.fromEntries(STAT_COLUMNS.map((c) => [c, 0])) as StatsDelta);
// A spread copies the template's shape at once; an import makes one per member.
export const zeroDelta = (): StatsDelta => ({ ...ZERO });

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The day someone born on `birth` turns 35, as PostgreSQL's `date + interval '35 years'`. */
export function turns35On(birth: string): string {
  const year = Number(birth.slice(0, 4)) + 35;
  const monthDay = birth.slice(4);
  return `${year}${monthDay === '-02-29' && !isLeap(year) ? '-02-28' : monthDay}`;
}

/** Younger than 35 on `asOf` (ISO dates compare as strings). */
export const isUnder35 = (birth: string | null, asOf: string) =>
  birth !== null && turns35On(birth) > asOf;

const flag = (condition: boolean) => (condition ? 1 : 0);
const blank = (text: string | null | undefined) => !text;

/** The counts one member adds. */
export function contribution(m: Omit<MemberFacts, 'path'>, asOf: string): StatsDelta {
  const d = zeroDelta();
  if (m.status !== 'active') {
    d.deregistered = 1;
    return d;
  }
  d.active = 1;
  const category = m.category as 'working' | 'student' | 'pensioner' | null;
  d[category ?? 'category_unknown'] = 1;
  const sex = m.sex as 'male' | 'female' | null;
  d[sex ?? 'sex_unknown'] = 1;
  d.birth_date_unknown = flag(m.birthDate === null);
  d.dues_form_unknown = flag(m.duesPaymentForm === null);
  d.pd_consent_unknown = flag(m.pdConsentOn === null);
  d.workplace_unknown = flag(m.workplace === null);
  d.position_unknown = flag(m.position === null);
  d.study_course_unknown = flag(category === 'student' && m.studyCourse === null);
  d.under35 = flag(isUnder35(m.birthDate, asOf));
  return d;
}

/** The counts one org adds to itself and its ancestors (a liquidated one adds nothing). */
export function orgContribution(o: Omit<OrgFacts, 'path'>, asOf: string): StatsDelta {
  const d = zeroDelta();
  if (o.status !== 'active') return d;
  const primary = o.level === 'primary';
  d.primaries = flag(primary);
  d.territorials = flag(o.level === 'territorial');
  d.regionals = flag(o.level === 'regional');
  if (primary) {
    d.no_dues_rate = flag(o.duesRate === null);
    d.no_is_small = flag(o.isSmall === null);
    d.no_has_committee = flag(o.hasCommittee === null);
    d.no_chairman = flag(blank(o.chairman?.lastName));
    d.no_edu_org = flag(blank(o.eduOrg?.name));
    d.no_edu_org_inn = flag(blank(o.eduOrg?.inn));
    d.no_edu_org_head = flag(blank(o.eduOrg?.headName));
    d.no_edu_org_head_position = flag(blank(o.eduOrg?.headPosition));
    d.edu_employees = o.eduOrg?.employees ?? 0;
    d.edu_students = o.eduOrg?.students ?? 0;
  }
  const chairman = o.chairman;
  if (chairman && !blank(chairman.lastName)) {
    d.chairmen = 1;
    d.chairmen_female = flag(chairman.sex === 'female');
    d.chairmen_under35 = flag(isUnder35(chairman.birthDate, asOf));
    d.chairmen_released = flag(chairman.isReleased === true);
  }
  return d;
}

export const scaled = (d: StatsDelta, k: number): StatsDelta =>
  Object.fromEntries(STAT_COLUMNS.map((c) => [c, d[c] * k])) as StatsDelta;

const isZero = (d: StatsDelta) => STAT_COLUMNS.every((c) => d[c] === 0);

/**
 * The one roll-up: counts that change at orgs (by path) become per-org deltas of those orgs
 * and every ancestor. Summed per path first, so a batch climbs the tree once per org, not once
 * per record; orgs whose counts do not change are left out.
 */
export function rollUp(changes: Iterable<readonly [path: string, counts: StatsDelta]>) {
  const perPath = new Map<string, StatsDelta>();
  for (const [path, counts] of changes) {
    const sum = perPath.get(path) ?? zeroDelta();
    for (const c of STAT_COLUMNS) sum[c] += counts[c];
    perPath.set(path, sum);
  }
  const deltas = new Map<string, StatsDelta>();
  for (const [path, sum] of perPath) {
    for (const id of pathIds(path)) {
      const current = deltas.get(id) ?? zeroDelta();
      for (const c of STAT_COLUMNS) current[c] += sum[c];
      deltas.set(id, current);
    }
  }
  for (const [id, d] of deltas) if (isZero(d)) deltas.delete(id);
  return deltas;
}

type Change<F> = readonly [before: F | null, after: F | null];

/** What records going from `before` to `after` (null = none) change, counted by `count`. */
function changeDeltas<F extends { path: string }>(
  count: (facts: F, asOf: string) => StatsDelta,
  changes: readonly Change<F>[],
  asOf: string,
) {
  return rollUp(
    changes.flatMap(([before, after]) => [
      ...(before ? [[before.path, scaled(count(before, asOf), -1)] as const] : []),
      ...(after ? [[after.path, count(after, asOf)] as const] : []),
    ]),
  );
}

/** Member changes: one, or an import batch. */
export const memberDeltas = (changes: readonly Change<MemberFacts>[], asOf: string) =>
  changeDeltas(contribution, changes, asOf);

/** An org created, edited, liquidated or merged away. */
export const orgDeltas = (before: OrgFacts | null, after: OrgFacts | null, asOf: string) =>
  changeDeltas(orgContribution, [[before, after]], asOf);
