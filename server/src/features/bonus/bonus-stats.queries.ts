import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { subtreeUpperBound } from '../../lib/tree-path.js';

// The programme's monthly statistics of a subtree: Kysely only.

type Db = Kysely<Database>;

/**
 * Per Moscow month of `[from, to]` (first days of months): purchases, amount, cashback and
 * distinct members, of the purchases that stand (neither cancelled nor refunded after
 * confirmation). The conditions are written out, not bound, so the planner sees they imply
 * the partial index purchases_stats_month_idx (the root's plan); a subtree reads its range of
 * purchases_stats_path_idx. Both index-only. The root's subtree is every purchase: its range
 * is not tested row by row (a fifth of the root's time).
 */
export function findMonthlyStats(db: Db, path: string, from: string, to: string) {
  const root = path.split('.').length === 2;
  return db
    .selectFrom('purchases')
    .select([
      'month',
      sql<string>`count(*)`.as('purchases'),
      sql<string>`sum(amount)`.as('amount'),
      sql<string>`sum(cashback)`.as('cashback'),
      sql<string>`count(distinct member_id)`.as('participants'),
    ])
    .$if(!root, (q) =>
      q.where('org_path', '>=', path).where('org_path', '<', subtreeUpperBound(path)),
    )
    .where(sql<boolean>`status <> 'cancelled' and reversed_at is null`)
    .where('month', '>=', from)
    .where('month', '<=', to)
    .groupBy('month')
    .orderBy('month')
    .execute();
}

/** Members of the subtree on record who take part in the programme (one index-only count). */
export async function countProgrammeMembers(db: Db, path: string) {
  const row = await db
    .selectFrom('members')
    .select(sql<string>`count(*)`.as('n'))
    .where('org_path', '>=', path)
    .where('org_path', '<', subtreeUpperBound(path))
    .where(sql<boolean>`bonus_programme and status = 'active'`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
