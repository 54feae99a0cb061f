import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isShown, MIN_GROUP, shownChildren } from './survey-disclosure.js';

// The rule that keeps small groups of respondents out of sight, on random trees: whatever is
// shown, anything worked out by subtracting shown figures is a group of 0 or ≥ 5.

interface Node {
  id: string;
  /** Respondents counted in the org itself (its chairman), not in a child. */
  own: number;
  children: Node[];
}

const total = (n: Node): number => n.own + n.children.reduce((sum, c) => sum + total(c), 0);

let next = 0;
const treeOf = (depth: number): fc.Arbitrary<Node> =>
  fc
    .record({
      own: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 })),
      children:
        depth === 0
          ? fc.constant([] as Node[])
          : fc.array(treeOf(depth - 1), { maxLength: depth === 1 ? 5 : 3 }),
    })
    .map((n) => ({ ...n, id: String(++next) }));

/** The shown orgs, top-down as the service decides them (a withheld org's subtree withheld). */
function shownOrgs(root: Node): Node[] {
  if (total(root) < MIN_GROUP) return [];
  const shown: Node[] = [root];
  const walk = (node: Node) => {
    const ids = shownChildren(
      total(node),
      node.children.map((c) => ({ id: c.id, respondents: total(c) })),
    );
    for (const child of node.children) {
      if (!ids.has(child.id)) continue;
      shown.push(child);
      walk(child);
    }
  };
  walk(root);
  return shown;
}

describe('suppression of small groups', () => {
  it('every shown org has 5 or more, and what its shown children leave is 0 or 5 or more', () => {
    fc.assert(
      fc.property(treeOf(3), (root) => {
        const shown = shownOrgs(root);
        const shownIds = new Set(shown.map((n) => n.id));
        for (const node of shown) {
          expect(total(node)).toBeGreaterThanOrEqual(MIN_GROUP);
          const rest =
            total(node) -
            node.children.filter((c) => shownIds.has(c.id)).reduce((sum, c) => sum + total(c), 0);
          expect(rest === 0 || rest >= MIN_GROUP).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('an org asked for alone is shown exactly when the drill-down from the top shows it', () => {
    fc.assert(
      fc.property(treeOf(3), (root) => {
        const shownIds = new Set(shownOrgs(root).map((n) => n.id));
        const visit = (
          node: Node,
          chain: { id: string; siblings: { id: string; respondents: number }[] }[],
        ) => {
          expect(isShown(total(root), chain)).toBe(shownIds.has(node.id));
          const siblings = node.children.map((c) => ({ id: c.id, respondents: total(c) }));
          for (const child of node.children) visit(child, [...chain, { id: child.id, siblings }]);
        };
        visit(root, []);
      }),
      { numRuns: 300 },
    );
  });

  it('nobody is withheld needlessly: children of 5 or more that leave 0 or 5+ are all shown', () => {
    expect([
      ...shownChildren(12, [
        { id: '1', respondents: 6 },
        { id: '2', respondents: 6 },
      ]),
    ]).toEqual(['1', '2']);
    // 9 = 6 + 3: showing the 6 would give the 3 away.
    expect(
      shownChildren(9, [
        { id: '1', respondents: 6 },
        { id: '2', respondents: 3 },
      ]).size,
    ).toBe(0);
    // 16 = 5 + 8 + 3: withholding the smallest shown (5) leaves 8 out of sight, enough.
    expect([
      ...shownChildren(16, [
        { id: '1', respondents: 5 },
        { id: '2', respondents: 8 },
        { id: '3', respondents: 3 },
      ]),
    ]).toEqual(['2']);
  });
});
