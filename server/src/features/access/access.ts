import type { Role } from '@profreestr/contracts';
import { forbidden, notFound, unauthenticated } from '../../lib/app-error.js';
import { isInSubtree } from '../../lib/tree-path.js';

/** Who is calling: resolved from the session on every request, so a moved org or a changed role applies at once. */
export interface Actor {
  userId: string;
  login: string;
  role: Role;
  orgId: string;
  /** Materialized path of the user's org: the root of everything they may see. */
  scopePath: string;
  sessionId: string;
}

export type Action =
  | 'org:read'
  | 'org:create'
  | 'org:update'
  | 'org:move'
  | 'org:merge'
  | 'org:liquidate'
  | 'user:read'
  | 'user:create'
  | 'user:manage'
  | 'audit:read'
  | 'member:read'
  | 'member:create'
  | 'member:update'
  | 'member:transfer'
  | 'member:deregister'
  | 'member:readmit'
  | 'member:merge'
  | 'member:mark-distinct';

const viewerActions: Action[] = ['org:read', 'member:read'];
const editorActions: Action[] = [
  ...viewerActions,
  'org:create',
  'org:update',
  'org:move',
  'org:merge',
  'org:liquidate',
  // An editor may add a colleague (never above their own role) but neither lists nor manages
  // logins: those are admins' to look after.
  'user:create',
  'member:create',
  'member:update',
  'member:transfer',
  'member:deregister',
  'member:readmit',
  // Resolving suspected duplicates: merging two cards of one person, or «Не дубль».
  'member:merge',
  'member:mark-distinct',
];
// Only admins list and change users (role, org, disabling, password, the second factor) and
// read the audit log.
const adminActions: Action[] = [...editorActions, 'user:read', 'user:manage', 'audit:read'];

const roleActions: Record<Role, ReadonlySet<Action>> = {
  viewer: new Set(viewerActions),
  editor: new Set(editorActions),
  admin: new Set(adminActions),
};

export const roleRank: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

export const mayGrantRole = (actor: Actor, role: Role) => roleRank[role] <= roleRank[actor.role];

export const roleAllows = (role: Role, action: Action) => roleActions[role].has(action);

/** The subtree rule alone: pure, so it is property-tested. */
export const canSee = (actor: Pick<Actor, 'scopePath'>, targetPath: string) =>
  isInSubtree(targetPath, actor.scopePath);

/**
 * The one access check. A target outside the caller's subtree is reported exactly like a
 * missing one (404); a visible target the role may not act on is 403.
 */
export function authorize(
  actor: Actor | null,
  action: Action,
  target: { path: string } | undefined,
  notFoundMessage?: string,
): asserts target is { path: string } {
  if (!actor) throw unauthenticated();
  if (!target || !canSee(actor, target.path)) throw notFound(notFoundMessage);
  if (!roleAllows(actor.role, action)) throw forbidden();
}

/** For lists: the caller's role must allow the action; rows are then limited to the subtree. */
export function authorizeList(actor: Actor, action: Action): void {
  if (!roleAllows(actor.role, action)) throw forbidden();
}
