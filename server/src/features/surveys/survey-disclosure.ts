// Which subtrees' results may be shown without exposing a small group. A subtree with fewer
// than MIN_GROUP respondents shows no breakdown; and since an org's figures minus its shown
// children's are the figures of the rest (its other children, its own chairman), the rest of
// every shown org must be nobody or at least MIN_GROUP too: else the smallest shown children
// are withheld as well, until it is. Shown orgs form a tree from the survey's org down (a
// withheld org's children are withheld), so what anyone can work out by adding and subtracting
// shown figures is always a group of 0 or ≥ MIN_GROUP respondents. Pure: property-tested.

export const MIN_GROUP = 5;

export interface Group {
  id: string;
  respondents: number;
}

/** The children of a shown org that may be shown beside it. */
export function shownChildren(parentRespondents: number, children: readonly Group[]): Set<string> {
  const shown = children
    .filter((c) => c.respondents >= MIN_GROUP)
    // Smallest first (then by id, so the answer never depends on the order given).
    .sort((a, b) => a.respondents - b.respondents || (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  let rest = parentRespondents - shown.reduce((sum, c) => sum + c.respondents, 0);
  while (rest > 0 && rest < MIN_GROUP && shown.length > 0) {
    rest += (shown.shift() as Group).respondents;
  }
  return new Set(shown.map((c) => c.id));
}

/**
 * Whether an org's figures may be shown: `chain` runs from the survey's org down to it, each
 * step with the respondents of all the children of the org before it.
 */
export function isShown(
  rootRespondents: number,
  chain: readonly { id: string; siblings: readonly Group[] }[],
): boolean {
  if (rootRespondents < MIN_GROUP) return false;
  let parent = rootRespondents;
  for (const step of chain) {
    if (!shownChildren(parent, step.siblings).has(step.id)) return false;
    parent = step.siblings.find((s) => s.id === step.id)?.respondents ?? 0;
  }
  return true;
}
