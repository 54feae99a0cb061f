import { type Kysely, sql } from 'kysely';

// The members list sorted by a date: each order, either way, is one range of one index, also
// within a subtree (org_path second: rows of other subtrees are skipped inside the index, never
// fetched), and a subtree's unknown birth dates are a range of their own. Measured on the seed
// of 3.7 M members (EXPLAIN ANALYZE, BUFFERS): a page reads 45–190 buffers at the root and in a
// region, where (birth_date) alone read up to 47,800 to sort the unknown dates.
// (birth_date, org_path, id) serves every lookup members_birth_idx did (a date in a subtree,
// the members turning 35), so that index goes.
const statements = [
  `create index members_birth_list_idx on members (birth_date, org_path, id)`,
  `create index members_registered_list_idx on members (registered_on, org_path, id)`,
  `drop index members_birth_idx`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible');
}
