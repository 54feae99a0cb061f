import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StaffActor as Actor } from '../../lib/actor.js';
import { childPath, rootPath } from '../../lib/tree-path.js';
import { authorize, canSee, mayGrantRole } from './access.js';

const actorAt = (scopePath: string, role: Actor['role'] = 'viewer'): Actor => ({
  kind: 'staff',
  userId: '1',
  login: 'u',
  role,
  orgId: '1',
  orgPath: scopePath,
  sessionId: 's',
});

// Random trees as lists of parent indexes; paths built exactly as the service builds them.
const treeArb = fc.array(fc.nat(), { minLength: 1, maxLength: 60 }).map((parents) => {
  const paths = [rootPath('1')];
  const parentOf: number[] = [-1];
  parents.forEach((p, i) => {
    const parent = p % paths.length;
    parentOf.push(parent);
    paths.push(childPath(paths[parent] as string, String(i + 2)));
  });
  return { paths, parentOf };
});

const isAncestorOrSelf = (parentOf: number[], ancestor: number, node: number) => {
  for (let n = node; n !== -1; n = parentOf[n] as number) if (n === ancestor) return true;
  return false;
};

describe('subtree access rule', () => {
  it('a user sees a record exactly when its org lies in the subtree of the user org', () => {
    fc.assert(
      fc.property(treeArb, fc.nat(), fc.nat(), ({ paths, parentOf }, u, r) => {
        const userOrg = u % paths.length;
        const recordOrg = r % paths.length;
        const expected = isAncestorOrSelf(parentOf, userOrg, recordOrg);
        expect(canSee(actorAt(paths[userOrg] as string), paths[recordOrg] as string)).toBe(
          expected,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('org 1 does not see org 12 although "1." is a string prefix of "12."', () => {
    expect(canSee(actorAt('7.1.'), '7.12.')).toBe(false);
    expect(canSee(actorAt('7.1.'), '7.1.12.')).toBe(true);
  });
});

describe('authorize', () => {
  it('outside the scope is 404 even for an action the role lacks', () => {
    expect(() => authorize(actorAt('1.2.'), 'org:update', { path: '1.3.' })).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });

  it('a missing record is the same 404', () => {
    expect(() => authorize(actorAt('1.2.'), 'org:read', undefined)).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });

  it('a viewer is refused a change on a visible record with 403', () => {
    expect(() => authorize(actorAt('1.2.'), 'org:update', { path: '1.2.5.' })).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
  });

  it('no caller at all is 401', () => {
    expect(() => authorize(null, 'org:read', { path: '1.' })).toThrow(
      expect.objectContaining({ code: 'unauthenticated' }),
    );
  });

  it('a role grants only roles up to its own', () => {
    expect(mayGrantRole(actorAt('1.', 'editor'), 'admin')).toBe(false);
    expect(mayGrantRole(actorAt('1.', 'editor'), 'editor')).toBe(true);
    expect(mayGrantRole(actorAt('1.', 'admin'), 'admin')).toBe(true);
    expect(mayGrantRole(actorAt('1.', 'viewer'), 'editor')).toBe(false);
  });
});
