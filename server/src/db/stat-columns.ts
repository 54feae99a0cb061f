// The columns of `org_stats`: per org, the counts of its whole subtree (stats/member-stats says
// what each member and org adds to them).

export const MEMBER_STAT_COLUMNS = [
  'active',
  'deregistered',
  'working',
  'student',
  'pensioner',
  'category_unknown',
  'male',
  'female',
  'sex_unknown',
  'birth_date_unknown',
  'dues_form_unknown',
  'pd_consent_unknown',
  'workplace_unknown',
  'position_unknown',
  'study_course_unknown',
  'under35',
] as const;

export const ORG_STAT_COLUMNS = [
  'primaries',
  'territorials',
  'regionals',
  'no_dues_rate',
  'no_is_small',
  'no_has_committee',
  'no_chairman',
  'no_edu_org',
  'no_edu_org_inn',
  'no_edu_org_head',
  'no_edu_org_head_position',
  'chairmen',
  'chairmen_female',
  'chairmen_under35',
  'chairmen_released',
  'edu_employees',
  'edu_students',
] as const;

export const STAT_COLUMNS = [...MEMBER_STAT_COLUMNS, ...ORG_STAT_COLUMNS] as const;
export type StatColumn = (typeof STAT_COLUMNS)[number];
