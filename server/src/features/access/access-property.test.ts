import { roles } from '@profreestr/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StaffActor as Actor } from '../../lib/actor.js';
import { AppError } from '../../lib/app-error.js';
import { childPath, rootPath } from '../../lib/tree-path.js';
import { authorize } from './access.js';

// 10,000 random (user, record) pairs over random trees: `authorize` lets a member's card be read
// exactly when the record's org lies in the subtree of the user's org. The expectation walks
// parent links up from the record; it never looks at the paths' strings.

interface Tree {
  /** Materialized path of each node, built as the service builds them. */
  paths: string[];
  /** Index of each node's parent; -1 for the root. */
  parentOf: number[];
}

// Ids drawn from a small range, so that prefixes like `1.` / `12.` / `1.12.` meet often.
const treeArb: fc.Arbitrary<Tree> = fc
  .integer({ min: 1, max: 60 })
  .chain((size) =>
    fc.tuple(
      fc.uniqueArray(fc.integer({ min: 1, max: 150 }), { minLength: size, maxLength: size }),
      fc.array(fc.nat(), { minLength: size - 1, maxLength: size - 1 }),
    ),
  )
  .map(([ids, parentPicks]) => {
    const paths = [rootPath(String(ids[0]))];
    const parentOf = [-1];
    parentPicks.forEach((pick, i) => {
      const parent = pick % paths.length;
      parentOf.push(parent);
      paths.push(childPath(paths[parent] as string, String(ids[i + 1])));
    });
    return { paths, parentOf };
  });

/** True when `ancestor` is `node` or one of the nodes met walking up from `node`. */
function liesInSubtree(parentOf: readonly number[], ancestor: number, node: number): boolean {
  for (let n = node; n !== -1; n = parentOf[n] as number) if (n === ancestor) return true;
  return false;
}

const actor = (role: Actor['role'], scopePath: string): Actor => ({
  kind: 'staff',
  userId: '1',
  login: 'u',
  role,
  orgId: '1',
  orgPath: scopePath,
  sessionId: 's',
});

describe('authorize over random trees (10,000 user/record pairs)', () => {
  it('reading a member passes exactly when the record org is in the user subtree, else 404 not_found', () => {
    const seen = { allowed: 0, refused: 0 };
    fc.assert(
      fc.property(
        treeArb,
        fc.constantFrom(...roles),
        fc.nat(),
        fc.nat(),
        ({ paths, parentOf }, role, userPick, recordPick) => {
          const userOrg = userPick % paths.length;
          const recordOrg = recordPick % paths.length;
          const user = actor(role, paths[userOrg] as string);
          const record = { path: paths[recordOrg] as string };
          let thrown: unknown;
          try {
            authorize(user, 'member:read', record);
          } catch (error) {
            thrown = error;
          }
          if (liesInSubtree(parentOf, userOrg, recordOrg)) {
            seen.allowed++;
            expect(thrown).toBeUndefined();
          } else {
            seen.refused++;
            expect(thrown).toBeInstanceOf(AppError);
            expect(thrown).toMatchObject({ code: 'not_found', status: 404 });
          }
        },
      ),
      { numRuns: 10_000 },
    );
    // Both outcomes must really have been exercised, or the property proves little.
    expect(seen.allowed + seen.refused).toBe(10_000);
    expect(seen.allowed).toBeGreaterThan(1_000);
    expect(seen.refused).toBeGreaterThan(1_000);
  });
});
