import { pathIds } from '../../lib/tree-path.js';

// What a member contributes to the counts of its org and every org above it. Pure, so the
// rules are tested apart from the database; the property test checks the whole against SQL.

export const STAT_COLUMNS = [
  'active',
  'deregistered',
  'working',
  'student',
  'pensioner',
  'category_unknown',
  'male',
  'female',
  'sex_unknown',
] as const;
export type StatColumn = (typeof STAT_COLUMNS)[number];
export type StatsDelta = Record<StatColumn, number>;

export interface MemberFacts {
  /** The path of the member's org. */
  path: string;
  status: string;
  category: string | null;
  sex: string | null;
}

export const zeroDelta = (): StatsDelta =>
  Object.fromEntries(STAT_COLUMNS.map((c) => [c, 0])) as StatsDelta;

/** The counts one member adds. */
export function contribution(m: Pick<MemberFacts, 'status' | 'category' | 'sex'>): StatsDelta {
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
  return d;
}

export const scaled = (d: StatsDelta, k: number): StatsDelta =>
  Object.fromEntries(STAT_COLUMNS.map((c) => [c, d[c] * k])) as StatsDelta;

const isZero = (d: StatsDelta) => STAT_COLUMNS.every((c) => d[c] === 0);

/** Adds `delta` to every org on `path` (the org and its ancestors) in `into`. */
export function addAlongPath(into: Map<string, StatsDelta>, path: string, delta: StatsDelta) {
  for (const id of pathIds(path)) {
    const current = into.get(id) ?? zeroDelta();
    for (const c of STAT_COLUMNS) current[c] += delta[c];
    into.set(id, current);
  }
}

/** Per-org changes of the counts when a member goes from `before` to `after` (null = none). */
export function memberDeltas(
  before: MemberFacts | null,
  after: MemberFacts | null,
  deltas = new Map<string, StatsDelta>(),
) {
  if (before) addAlongPath(deltas, before.path, scaled(contribution(before), -1));
  if (after) addAlongPath(deltas, after.path, contribution(after));
  return dropZeros(deltas);
}

export function dropZeros(deltas: Map<string, StatsDelta>) {
  for (const [id, d] of deltas) if (isZero(d)) deltas.delete(id);
  return deltas;
}
