import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

// The passport's three lists (activists, staff, events) share one shape: rows of one org,
// keyset-paged. One set of queries serves all three; the table name is never user input.
export type PartTable = 'org_activists' | 'org_staff' | 'org_events';

export interface PartOrder {
  /** Sort columns, compared as a tuple for the keyset; the last one is `id`. */
  columns: readonly [string, 'id'];
  direction: 'asc' | 'desc';
}

// biome-ignore lint/suspicious/noExplicitAny: one query set over three tables of one shape
const loose = (db: Kysely<Database>) => db as unknown as Kysely<any>;

export function findParts(
  db: Kysely<Database>,
  table: PartTable,
  orgId: string,
  order: PartOrder,
  after: readonly [string, string] | undefined,
  limit: number,
) {
  const [first] = order.columns;
  let query = loose(db).selectFrom(table).selectAll().where('org_id', '=', orgId);
  if (after) {
    query = query.where((eb) =>
      eb(
        eb.refTuple(first, 'id'),
        order.direction === 'asc' ? '>' : '<',
        eb.tuple(after[0], after[1]),
      ),
    );
  }
  return query
    .orderBy(first, order.direction)
    .orderBy('id', order.direction)
    .limit(limit)
    .execute() as Promise<Record<string, unknown>[]>;
}

export function findPart(db: Kysely<Database>, table: PartTable, orgId: string, id: string) {
  return loose(db)
    .selectFrom(table)
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst() as Promise<Record<string, unknown> | undefined>;
}

export async function insertPart(
  db: Kysely<Database>,
  table: PartTable,
  values: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  return loose(db).insertInto(table).values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updatePart(
  db: Kysely<Database>,
  table: PartTable,
  id: string,
  values: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  return loose(db)
    .updateTable(table)
    .set({ ...values, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deletePart(db: Kysely<Database>, table: PartTable, id: string) {
  await loose(db).deleteFrom(table).where('id', '=', id).execute();
}
