import type { MemberIndicator, OrgIndicator } from '@profreestr/contracts';
import { type RawBuilder, sql } from 'kysely';
import type { StatColumn } from './stat-columns.js';

// What "missing" means for each completeness indicator, once: the maintained count it is held
// in, and the SQL condition the drill-downs filter on. The conditions are written exactly as
// the partial indexes of migration 0006, so the planner matches them to those indexes.

export const memberIndicatorColumn: Record<MemberIndicator, StatColumn> = {
  category: 'category_unknown',
  sex: 'sex_unknown',
  birthDate: 'birth_date_unknown',
  duesPaymentForm: 'dues_form_unknown',
  pdConsent: 'pd_consent_unknown',
  workplace: 'workplace_unknown',
  position: 'position_unknown',
  studyCourse: 'study_course_unknown',
};

export const orgIndicatorColumn: Record<OrgIndicator, StatColumn> = {
  duesRate: 'no_dues_rate',
  isSmall: 'no_is_small',
  hasCommittee: 'no_has_committee',
  chairman: 'no_chairman',
  eduOrg: 'no_edu_org',
  eduOrgInn: 'no_edu_org_inn',
  eduOrgHead: 'no_edu_org_head',
  eduOrgHeadPosition: 'no_edu_org_head_position',
};

/** On members: the member (active) lacks the field. */
export const memberMissingSql: Record<MemberIndicator, RawBuilder<boolean>> = {
  category: sql`category is null`,
  sex: sql`sex is null`,
  birthDate: sql`birth_date is null`,
  duesPaymentForm: sql`dues_payment_form is null`,
  pdConsent: sql`pd_consent_on is null`,
  workplace: sql`workplace is null`,
  position: sql`position is null`,
  studyCourse: sql`category = 'student' and study_course is null`,
};

/** On orgs: the passport (of an active primary) lacks the field. */
export const orgMissingSql: Record<OrgIndicator, RawBuilder<boolean>> = {
  duesRate: sql`dues_rate is null`,
  isSmall: sql`is_small is null`,
  hasCommittee: sql`has_committee is null`,
  chairman: sql`coalesce(chairman ->> 'lastName', '') = ''`,
  eduOrg: sql`coalesce(edu_org ->> 'name', '') = ''`,
  eduOrgInn: sql`coalesce(edu_org ->> 'inn', '') = ''`,
  eduOrgHead: sql`coalesce(edu_org ->> 'headName', '') = ''`,
  eduOrgHeadPosition: sql`coalesce(edu_org ->> 'headPosition', '') = ''`,
};
