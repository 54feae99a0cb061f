import { type Role, type StaffAction, staffActions } from '@profreestr/contracts';
import type { Actor, StaffActor } from '../../lib/actor.js';
import { forbidden, notFound, unauthenticated } from '../../lib/app-error.js';
import { isInSubtree } from '../../lib/tree-path.js';

/** An action of staff within their subtree (the list lives in contracts: `GET /auth/me` sends it). */
export type Action = StaffAction;

const viewerActions: Action[] = [
  'org:read',
  'member:read',
  'application:read',
  'report:read',
  'card:read',
  'bonus:read',
  // Surveys reaching the subtree and their results (suppressed below 5 respondents).
  'survey:read',
  // The benefits catalogue and the aid requests of the subtree (a chairman sees his members').
  'benefit:read',
  'aid:read',
];
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
  // Mailings to the chairmen and members of their subtree.
  'mailing:read',
  'mailing:create',
  // Online applications: accepting puts a member on record, so it is a member editor's act.
  'application:decide',
  'member:invite',
  // A report is filled by its org's own editors and reviewed by those of the orgs above
  // (reports/report-policy adds which is which).
  'report:fill',
  'report:review',
  // Handing a delivered card to its member, blocking a lost one (with a reissue).
  'card:manage',
  // Building, publishing a survey or test of the subtree, reminding who has not answered.
  'survey:manage',
  // Keeping the catalogue of benefits; deciding aid requests (social-support adds: only for a
  // benefit their subtree offers).
  'benefit:manage',
  'aid:decide',
];
// Only admins list and change users (role, org, disabling, password, the second factor) and
// read the audit log.
// …and look after the outbox of their subtree (letters, their errors, sending one again).
const adminActions: Action[] = [
  ...editorActions,
  'user:read',
  'user:manage',
  'audit:read',
  'mail:read',
  'mail:manage',
  'campaign:create',
  // Only the centre's admins, the rule in reports/report-policy.
  'report-form:create',
  // Ordering cards from the producer for the subtree.
  'card-batch:manage',
  // Only the centre's admins (bonus/partner-policy).
  'partner:manage',
];

const roleActions: Record<Role, ReadonlySet<Action>> = {
  viewer: new Set(viewerActions),
  editor: new Set(editorActions),
  admin: new Set(adminActions),
};

export const roleRank: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

export const mayGrantRole = (actor: StaffActor, role: Role) =>
  roleRank[role] <= roleRank[actor.role];

export const roleAllows = (role: Role, action: Action) => roleActions[role].has(action);

/** The subtree rule alone: pure, so it is property-tested. */
export const canSee = (actor: Pick<StaffActor, 'orgPath'>, targetPath: string) =>
  isInSubtree(targetPath, actor.orgPath);

/**
 * The policy in one line: staff act within their subtree as their role allows. The other kinds
 * of caller (members, partners, applicants, the system) have routes of their own and none of
 * these actions.
 */
export const can = (actor: Actor | null, action: Action, target: { path: string }) =>
  actor?.kind === 'staff' && canSee(actor, target.path) && roleAllows(actor.role, action);

/** What `GET /auth/me` tells the web: the actions the caller's role allows in their subtree. */
export const permissionsOf = (actor: StaffActor): Action[] =>
  staffActions.filter((action) => roleAllows(actor.role, action));

/** The roles a caller may give a new colleague (never above their own). */
export const grantableRoles = (actor: StaffActor): Role[] =>
  (Object.keys(roleRank) as Role[]).filter((role) => mayGrantRole(actor, role));

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
  if (!actor || actor.kind === 'applicant') throw unauthenticated();
  if (actor.kind !== 'staff' || !target || !canSee(actor, target.path)) {
    throw notFound(notFoundMessage);
  }
  if (!can(actor, action, target)) throw forbidden();
}

/** For lists: the caller's role must allow the action; rows are then limited to the subtree. */
export function authorizeList(actor: Actor, action: Action): asserts actor is StaffActor {
  if (actor.kind !== 'staff' || !roleAllows(actor.role, action)) throw forbidden();
}
