import type { MailingAudience, SurveyState } from '@profreestr/contracts';
import { forbidden, invalid, notFound } from '../../lib/app-error.js';
import type { StaffCtx } from '../../lib/context.js';
import { isInSubtree } from '../../lib/tree-path.js';
import { authorize, canSee, roleAllows } from '../access/access.js';
import { getOrgPlacement, ORG_NOT_FOUND } from '../access/placement.js';

// Who reaches a survey: staff of the subtree it was made for (and above) see it, drafts
// included; once published, staff of any org inside its audience's subtree see it too (their
// subtree's results), but only those above it manage it. Anyone else: 404, as for none.

export const SURVEY_NOT_FOUND = 'Опрос не найден';

export interface Placed {
  org_path: string;
  status: 'draft' | 'publishing' | 'published';
}

/** The survey, when it reaches the caller and their role allows `action` (else 404 / 403). */
export function reachSurvey<R extends Placed>(
  ctx: StaffCtx,
  row: R | undefined,
  action: 'survey:read',
): R {
  const above = !!row && canSee(ctx.actor, row.org_path);
  const below = !!row && row.status !== 'draft' && isInSubtree(ctx.actor.orgPath, row.org_path);
  if (!row || (!above && !below)) throw notFound(SURVEY_NOT_FOUND);
  if (!roleAllows(ctx.actor.role, action)) throw forbidden();
  return row;
}

/** The caller may change the survey: made for their subtree, their role managing surveys. */
export const mayManageSurvey = (actor: StaffCtx['actor'], row: Placed) =>
  canSee(actor, row.org_path) && roleAllows(actor.role, 'survey:manage');

/** The survey, when the caller may change it (`mayManageSurvey`). */
export function manageSurvey<R extends Placed>(ctx: StaffCtx, row: R | undefined): R {
  const reached = reachSurvey(ctx, row, 'survey:read');
  if (!mayManageSurvey(ctx.actor, reached)) throw forbidden();
  return reached;
}

/** The org an audience is under: visible to the caller (else 404), theirs to manage, active. */
export async function audienceOrg(ctx: StaffCtx, audience: MailingAudience) {
  const org = await getOrgPlacement(ctx.db, audience.under);
  authorize(ctx.actor, 'survey:manage', org, ORG_NOT_FOUND);
  if (org.status !== 'active') throw invalid('audience.under', 'Организация ликвидирована');
  return org;
}

/** Where a survey stands for respondents at `now`. */
export function surveyState(
  row: { status: Placed['status']; opens_at: Date; closes_at: Date },
  now = new Date(),
): SurveyState {
  if (row.status === 'draft') return 'draft';
  if (now < new Date(row.opens_at)) return 'upcoming';
  return now < new Date(row.closes_at) ? 'open' : 'closed';
}

/** Ids from the survey's own org down to `path` (an org inside its subtree). */
export const idsDownFrom = (surveyPath: string, path: string) =>
  path
    .slice(0, -1)
    .split('.')
    .slice(surveyPath.slice(0, -1).split('.').length - 1);
