import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

// Two cards of one person become one: the kept card takes the other's registration periods,
// the other leaves the register, and its number is kept in member_merges so it is never reused.

export async function movePeriods(db: Kysely<Database>, fromId: string, toId: string) {
  await db
    .updateTable('member_periods')
    .set({ member_id: toId })
    .where('member_id', '=', fromId)
    .execute();
}

export async function recordMerge(
  db: Kysely<Database>,
  merge: { mergedId: string; cardNumber: string; keptId: string; userId: string },
) {
  await db
    .insertInto('member_merges')
    .values({
      merged_id: merge.mergedId,
      card_number: merge.cardNumber,
      kept_id: merge.keptId,
      user_id: merge.userId,
    })
    .execute();
  // Cards merged into the one leaving now point on to where it goes.
  await db
    .updateTable('member_merges')
    .set({ kept_id: merge.keptId })
    .where('kept_id', '=', merge.mergedId)
    .execute();
}

export async function deleteMemberRow(db: Kysely<Database>, id: string) {
  await db.deleteFrom('members').where('id', '=', id).execute();
}

/** Of these numbers, those that belonged to cards merged into another (an import batch). */
export async function retiredCardNumbers(db: Kysely<Database>, numbers: readonly string[]) {
  if (numbers.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('member_merges')
    .select('card_number')
    .where('card_number', 'in', numbers)
    .execute();
  return new Set(rows.map((r) => r.card_number));
}
