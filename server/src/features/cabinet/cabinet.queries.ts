import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;

/**
 * Who read or changed a member's card, newest first: the audit log's entries about the card
 * (an index on target and time), with the staff user's name, role and org.
 */
export function findCardAccess(
  db: Db,
  memberId: string,
  after: readonly [string, string] | undefined,
  limit: number,
) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .leftJoin('orgs as o', 'o.id', 'u.org_id')
    .select([
      'a.id',
      'a.action',
      'a.actor_kind',
      'u.full_name',
      'u.role',
      'o.name as org_name',
      sql<string>`to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('at_iso'),
    ])
    .where('a.target_type', '=', 'member')
    .where('a.target_id', '=', memberId)
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
    .limit(limit)
    .execute();
}

/** The letters sent to a member (what, when, whether delivered; not their bodies). */
export function findMemberLetters(db: Db, memberId: string) {
  return db
    .selectFrom('mail_messages')
    .select(['kind', 'subject', 'status', 'created_at', 'sent_at'])
    .where('member_id', '=', memberId)
    .orderBy('id', 'desc')
    .limit(5000)
    .execute();
}
