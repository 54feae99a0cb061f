import { type Kysely, sql } from 'kysely';

// Counts of members for every subtree, rolled up to each ancestor, so the root answers as fast
// as a primary. The application keeps them exact in the transactions that change members and
// orgs; this migration fills them once for the members already on file.
const statements = [
  `create table org_stats (
    org_id bigint primary key references orgs (id),
    active integer not null default 0,
    deregistered integer not null default 0,
    working integer not null default 0,
    student integer not null default 0,
    pensioner integer not null default 0,
    category_unknown integer not null default 0,
    male integer not null default 0,
    female integer not null default 0,
    sex_unknown integer not null default 0
  )`,
  `insert into org_stats (org_id) select id from orgs`,
  `update org_stats s set
      active = c.active, deregistered = c.deregistered, working = c.working,
      student = c.student, pensioner = c.pensioner, category_unknown = c.category_unknown,
      male = c.male, female = c.female, sex_unknown = c.sex_unknown
    from (
      select unnest(string_to_array(rtrim(org_path, '.'), '.'))::bigint as org_id,
        count(*) filter (where status = 'active') as active,
        count(*) filter (where status <> 'active') as deregistered,
        count(*) filter (where status = 'active' and category = 'working') as working,
        count(*) filter (where status = 'active' and category = 'student') as student,
        count(*) filter (where status = 'active' and category = 'pensioner') as pensioner,
        count(*) filter (where status = 'active' and category is null) as category_unknown,
        count(*) filter (where status = 'active' and sex = 'male') as male,
        count(*) filter (where status = 'active' and sex = 'female') as female,
        count(*) filter (where status = 'active' and sex is null) as sex_unknown
      from members group by 1
    ) c
    where s.org_id = c.org_id`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible');
}
