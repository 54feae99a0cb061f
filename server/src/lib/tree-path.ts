// Organizations form a tree kept as a materialized path of ids: `1.7.412.` is org 412 under
// 7 under 1. A subtree is then one contiguous btree range, so scope checks need no query.

export const rootPath = (id: string) => `${id}.`;

export const childPath = (parentPath: string, id: string) => `${parentPath}${id}.`;

/** True when `path` is `scopePath` itself or lies below it. */
export const isInSubtree = (path: string, scopePath: string) => path.startsWith(scopePath);

/**
 * Exclusive upper bound of the subtree range: every descendant path starts with `scopePath`,
 * and with collation "C" `/` is the character right after `.`, so [path, bound) holds them all.
 */
export const subtreeUpperBound = (scopePath: string) => `${scopePath.slice(0, -1)}/`;

/** Ids from the root down to the org itself. */
export const pathIds = (path: string) => path.slice(0, -1).split('.');

/** The path of the parent: `1.7.412.` → `1.7.`. */
export const parentPathOf = (path: string) => path.replace(/[0-9]+\.$/, '');
