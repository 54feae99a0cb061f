import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** Where an org sits (id, path, level, status): what every feature's access check needs. */
export function findOrgPlacement(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('orgs')
    .select(['id', 'path', 'level', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Codes and names of orgs: the labels of rows that belong to them (a list, an export). */
export function findOrgLabels(db: Kysely<Database>, ids: readonly string[]) {
  return db.selectFrom('orgs').select(['id', 'code', 'name']).where('id', 'in', ids).execute();
}
