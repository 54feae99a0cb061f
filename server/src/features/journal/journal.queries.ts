import type { AuditResult } from '@profreestr/contracts';
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { subtreeUpperBound } from '../../lib/tree-path.js';

// Reading the audit log for people: admins' search of their subtree, a member's trail.

export interface AuditFilter {
  scopePath: string;
  /** Users of the subtree: their own entries (sign-ins, MFA changes) belong to it too. */
  actorIds: readonly string[];
  /** Also entries tied to no org and no user (a sign-in with an unknown login): the centre's. */
  withUnplaced?: boolean;
  actor?: string | undefined;
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  result?: AuditResult | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

type Where = (
  eb: ExpressionBuilder<Database & { a: Database['audit_log'] }, 'a'>,
) => Expression<SqlBool>;

/**
 * Entries about the subtree (the target's org lies in it) or by its users, newest first;
 * `to` is inclusive (the whole day). One branch per way an entry belongs, each ordered and
 * limited on its own, then merged: as one query with an OR the planner could only walk the
 * time index past every other org's entries (60 ms for a primary at 2 M rows, growing with
 * the log), where a branch alone takes the subtree's index or the time index, whichever fits.
 */
export async function findAuditEntries(
  db: Kysely<Database>,
  filter: AuditFilter,
  after: readonly [string, string] | undefined,
  limit: number,
) {
  const upper = subtreeUpperBound(filter.scopePath);
  const branch = (belongs: Where) =>
    db
      .selectFrom('audit_log as a')
      .selectAll('a')
      .select(
        sql<string>`to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('at_iso'),
      )
      .where(belongs)
      .$if(!!filter.actor, (q) => q.where('a.actor_login', '=', filter.actor as string))
      .$if(!!filter.action, (q) =>
        (filter.action as string).endsWith('.')
          ? q.where('a.action', 'like', `${(filter.action as string).replace(/[%_\\]/g, '\\$&')}%`)
          : q.where('a.action', '=', filter.action as string),
      )
      .$if(!!filter.targetType, (q) => q.where('a.target_type', '=', filter.targetType as string))
      .$if(!!filter.targetId, (q) => q.where('a.target_id', '=', filter.targetId as string))
      .$if(!!filter.result, (q) => q.where('a.result', '=', filter.result as AuditResult))
      .$if(!!filter.from, (q) => q.where('a.at', '>=', sql<Date>`${filter.from}::date`))
      .$if(!!filter.to, (q) => q.where('a.at', '<', sql<Date>`${filter.to}::date + 1`))
      .$if(!!after, (q) =>
        q.where((eb) =>
          eb(
            eb.refTuple('a.at', 'a.id'),
            '<',
            eb.tuple(
              sql<Date>`${(after as [string, string])[0]}::timestamptz`,
              (after as [string, string])[1],
            ),
          ),
        ),
      )
      .orderBy('a.at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(limit);

  const branches = [
    branch((eb) =>
      eb.and([eb('a.org_path', '>=', filter.scopePath), eb('a.org_path', '<', upper)]),
    ),
    ...(filter.actorIds.length
      ? [branch((eb) => eb('a.actor_user_id', '=', sql<string>`any(${filter.actorIds}::bigint[])`))]
      : []),
    ...(filter.withUnplaced
      ? [branch((eb) => eb.and([eb('a.org_path', 'is', null), eb('a.actor_user_id', 'is', null)]))]
      : []),
  ];
  type Row = Awaited<ReturnType<(typeof branches)[number]['execute']>>[number];
  const { rows } = await sql<Row>`
    select * from (${sql.join(
      branches.map((b) => sql`(${b})`),
      sql` union `,
    )}) x
    order by at desc, id desc
    limit ${limit}`.execute(db);
  return rows;
}
