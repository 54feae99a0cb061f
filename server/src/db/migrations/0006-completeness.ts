import { type Kysely, sql } from 'kysely';

// Completeness and short passports: org_stats grows the counts of what is missing (members and
// primaries), of chairmen, coverage denominators and orgs by level, all rolled up to every
// ancestor like the member counts. "Under 35" depends on the date: the counts hold it as of
// stats_clock.age_date, which a daily step moves forward (members turning 35 leave the count).
const memberColumns = [
  'birth_date_unknown',
  'dues_form_unknown',
  'pd_consent_unknown',
  'workplace_unknown',
  'position_unknown',
  'study_course_unknown',
  'under35',
];
const orgColumns = [
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
];
const allColumns = [
  'active',
  'deregistered',
  'working',
  'student',
  'pensioner',
  'category_unknown',
  'male',
  'female',
  'sex_unknown',
  ...memberColumns,
  ...orgColumns,
];

const blank = (expression: string) => `coalesce(${expression}, '') = ''`;
const activeMember = `status = 'active'`;
// One partial index per missing member field: the drill-down reads only the members lacking it,
// in (org, name) order, whatever the share that lacks it.
const memberMissing: Record<string, string> = {
  category: 'category is null',
  sex: 'sex is null',
  birth_date: 'birth_date is null',
  dues_form: 'dues_payment_form is null',
  pd_consent: 'pd_consent_on is null',
  workplace: 'workplace is null',
  position: 'position is null',
  study_course: `category = 'student' and study_course is null`,
};
const orgMissing: Record<string, string> = {
  dues_rate: 'dues_rate is null',
  is_small: 'is_small is null',
  has_committee: 'has_committee is null',
  chairman: blank(`chairman ->> 'lastName'`),
  edu_org: blank(`edu_org ->> 'name'`),
  edu_org_inn: blank(`edu_org ->> 'inn'`),
  edu_org_head: blank(`edu_org ->> 'headName'`),
  edu_org_head_position: blank(`edu_org ->> 'headPosition'`),
};
const under35 = (birth: string) =>
  `(${birth} is not null and (${birth} + interval '35 years')::date > (select age_date from stats_clock))`;
const hasChairman = `not ${blank(`chairman ->> 'lastName'`)}`;

const statements = [
  ...[...memberColumns, ...orgColumns].map(
    (c) => `alter table org_stats add column ${c} integer not null default 0`,
  ),
  `create table stats_clock (
    id boolean primary key default true check (id),
    age_date date not null
  )`,
  `insert into stats_clock (age_date) values (current_date)`,
  // Daily copies of the counts of orgs above primaries: the dashboard's trend.
  `create table org_stats_daily (
    org_id bigint not null references orgs (id),
    day date not null,
    ${allColumns.map((c) => `${c} integer not null`).join(',\n    ')},
    primary key (org_id, day)
  )`,
  ...Object.entries(memberMissing).map(
    ([name, condition]) =>
      `create index members_no_${name}_idx on members (org_path, name_key, id)
        where ${activeMember} and ${condition}`,
  ),
  ...Object.entries(orgMissing).map(
    ([name, condition]) =>
      `create index orgs_no_${name}_idx on orgs (path)
        where level = 'primary' and status = 'active' and ${condition}`,
  ),
  // The counts of members already on file.
  `update org_stats s set
      birth_date_unknown = c.birth_date_unknown, dues_form_unknown = c.dues_form_unknown,
      pd_consent_unknown = c.pd_consent_unknown, workplace_unknown = c.workplace_unknown,
      position_unknown = c.position_unknown, study_course_unknown = c.study_course_unknown,
      under35 = c.under35
    from (
      select unnest(string_to_array(rtrim(org_path, '.'), '.'))::bigint as org_id,
        ${Object.entries({
          birth_date_unknown: memberMissing.birth_date,
          dues_form_unknown: memberMissing.dues_form,
          pd_consent_unknown: memberMissing.pd_consent,
          workplace_unknown: memberMissing.workplace,
          position_unknown: memberMissing.position,
          study_course_unknown: memberMissing.study_course,
          under35: under35('birth_date'),
        })
          .map(
            ([c, condition]) => `count(*) filter (where ${activeMember} and ${condition}) as ${c}`,
          )
          .join(',\n        ')}
      from members where ${activeMember} group by 1
    ) c
    where s.org_id = c.org_id`,
  // The counts of orgs already on file.
  `update org_stats s set ${orgColumns.map((c) => `${c} = c.${c}`).join(', ')}
    from (
      select unnest(string_to_array(rtrim(path, '.'), '.'))::bigint as org_id,
        count(*) filter (where level = 'primary') as primaries,
        count(*) filter (where level = 'territorial') as territorials,
        count(*) filter (where level = 'regional') as regionals,
        ${Object.entries(orgMissing)
          .map(
            ([name, condition]) =>
              `count(*) filter (where level = 'primary' and ${condition}) as no_${name}`,
          )
          .join(',\n        ')},
        count(*) filter (where ${hasChairman}) as chairmen,
        count(*) filter (where ${hasChairman} and chairman ->> 'sex' = 'female') as chairmen_female,
        count(*) filter (where ${hasChairman} and ${under35(`(chairman ->> 'birthDate')::date`)}) as chairmen_under35,
        count(*) filter (where ${hasChairman} and (chairman ->> 'isReleased')::boolean) as chairmen_released,
        coalesce(sum((edu_org ->> 'employees')::int) filter (where level = 'primary'), 0) as edu_employees,
        coalesce(sum((edu_org ->> 'students')::int) filter (where level = 'primary'), 0) as edu_students
      from orgs where status = 'active' group by 1
    ) c
    where s.org_id = c.org_id`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible');
}
