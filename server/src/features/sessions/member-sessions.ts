import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { MemberActor } from '../../lib/actor.js';
import { spentBudget, withSpentBudget } from './sessions.queries.js';
import { minuteOf, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './sessions.service.js';

// A member's own sessions in the cabinet: a cookie of their own (never the staff one), the same
// limits as staff (30 idle minutes, 12 hours), the token kept as sha256. A member taken off
// record, or merged away, has no session any more.

type Db = Kysely<Database>;

/** The member's cabinet session: a cookie of its own, never the staff one. */
export const MEMBER_COOKIE = 'prf_member';

const TOUCH_INTERVAL_MS = 60 * 1000;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function startMemberSession(
  db: Db,
  memberId: string,
  meta: { ip: string | null; userAgent: string | null; now: Date },
) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(meta.now.getTime() + SESSION_ABSOLUTE_MS);
  const sessionId = hashToken(token);
  await db
    .insertInto('member_sessions')
    .values({
      id: sessionId,
      member_id: memberId,
      created_at: meta.now,
      last_seen_at: meta.now,
      expires_at: expiresAt,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 500) ?? null,
    })
    .execute();
  return { token, expiresAt, sessionId };
}

/** The member behind a token, or null (an unknown, expired or idle session is deleted), and
 * the request counted in the session's budget for the minute (as a staff session's). */
export async function resolveMemberSession(
  db: Db,
  token: string,
  now: Date,
): Promise<{ actor: MemberActor; budgetUsed: number } | null> {
  const id = hashToken(token);
  const row = await withSpentBudget(db, 'member_sessions', id, {
    minute: minuteOf(now),
    counted: true,
  })
    .selectFrom('member_sessions')
    .innerJoin('members', 'members.id', 'member_sessions.member_id')
    .select([
      'member_sessions.member_id',
      'member_sessions.expires_at',
      'member_sessions.last_seen_at',
      'members.org_id',
      'members.status',
      spentBudget.as('budget_used'),
    ])
    .where('member_sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const lastSeen = new Date(row.last_seen_at).getTime();
  if (
    new Date(row.expires_at).getTime() <= now.getTime() ||
    now.getTime() - lastSeen > SESSION_IDLE_MS ||
    row.status !== 'active'
  ) {
    await endMemberSession(db, id);
    return null;
  }
  if (now.getTime() - lastSeen > TOUCH_INTERVAL_MS) {
    await db
      .updateTable('member_sessions')
      .set({ last_seen_at: now })
      .where('id', '=', id)
      .execute();
  }
  return {
    actor: { kind: 'member', memberId: row.member_id, orgId: row.org_id, sessionId: id },
    budgetUsed: row.budget_used ?? 0,
  };
}

/** Ends the session a cookie holds (signing in again on a shared phone). */
export const endMemberSessionByToken = (db: Db, token: string) =>
  endMemberSession(db, hashToken(token));

export async function endMemberSession(db: Db, sessionId: string) {
  await db.deleteFrom('member_sessions').where('id', '=', sessionId).execute();
}

/** Sessions past their absolute limit, and every session's budget of minutes long over. */
export async function purgeMemberSessions(db: Db, now: Date) {
  await db.deleteFrom('member_sessions').where('expires_at', '<', now).execute();
  await db
    .deleteFrom('session_budgets')
    .where('minute', '<', new Date(now.getTime() - 60 * 60 * 1000))
    .execute();
}

/** A member's open sessions: when, from where, on what (the export of what is held). */
export function sessionsOfMember(db: Db, memberId: string) {
  return db
    .selectFrom('member_sessions')
    .select(['created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
    .where('member_id', '=', memberId)
    .orderBy('created_at', 'desc')
    .execute();
}
