import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;
export type SessionStage = 'active' | 'mfa_verify' | 'mfa_enroll';

export async function insertSession(
  db: Db,
  session: {
    id: string;
    userId: string;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
    stage: SessionStage;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      expires_at: session.expiresAt,
      ip: session.ip,
      user_agent: session.userAgent,
      stage: session.stage,
      created_at: session.now,
      last_seen_at: session.now,
    })
    .execute();
}

/** The minute a request is counted in; `writtenAt`: the request may write (marked then). */
export interface SessionBudget {
  minute: Date;
  counted: boolean;
  writtenAt?: Date | undefined;
}

/**
 * Counts one request of a session that exists in its minute's budget (`session_budgets`,
 * shared by every server), as a CTE of the statement that reads the session: no round trip of
 * its own. Read the count with `spentBudget` (null when `counted` is false).
 */
export function withSpentBudget(
  db: Db,
  sessions: 'sessions' | 'member_sessions',
  sessionId: string,
  budget: SessionBudget,
) {
  return db.with('spent', (qc) =>
    qc
      .insertInto('session_budgets')
      .columns(['id', 'minute', 'used', 'written_at'])
      .expression((eb) =>
        eb
          .selectFrom(sessions)
          .select([
            'id',
            sql<Date>`${budget.minute}::timestamptz`.as('minute'),
            sql<number>`1`.as('used'),
            sql<Date | null>`${budget.writtenAt ?? null}::timestamptz`.as('written_at'),
          ])
          .where('id', '=', sessionId)
          .where(sql<boolean>`${budget.counted}`),
      )
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          used: sql`case when session_budgets.minute = excluded.minute
            then session_budgets.used + 1 else 1 end`,
          minute: (eb) => eb.ref('excluded.minute'),
          written_at: sql`coalesce(excluded.written_at, session_budgets.written_at)`,
        }),
      )
      .returning(['used', 'written_at']),
  );
}

/** The requests counted so far in the session's minute (null: not counted). */
export const spentBudget = sql<number | null>`(select used from spent)`;
/** When the session last made a request that may write (null: never, or not counted). */
export const lastWrite = sql<Date | null>`(select written_at from spent)`;

/** One round trip per request: the session, its user and the user's org path, and the
 * request counted in the session's budget. */
export function findSessionActor(db: Db, sessionId: string, budget: SessionBudget) {
  return withSpentBudget(db, 'sessions', sessionId, budget)
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select([
      'sessions.id as session_id',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'sessions.stage',
      'users.id as user_id',
      'users.login',
      'users.role',
      'users.org_id',
      'users.disabled_at',
      'orgs.path as org_path',
      spentBudget.as('budget_used'),
      lastWrite.as('written_at'),
    ])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
}

export async function touchSession(db: Db, sessionId: string, at: Date) {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Db, sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of a user, but `except` (the caller's own, on a password change). */
export async function deleteUserSessions(db: Db, userId: string, except?: string) {
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .$if(except !== undefined, (q) => q.where('id', '!=', except as string))
    .execute();
}

export async function disableMfaSecret(db: Db, userId: string) {
  await db
    .updateTable('users')
    .set({ mfa_secret: null, mfa_pending_secret: null, mfa_enabled_at: null, mfa_last_step: 0 })
    .where('id', '=', userId)
    .execute();
  await db.deleteFrom('mfa_recovery_codes').where('user_id', '=', userId).execute();
}

export async function promoteSession(db: Db, oldId: string, newId: string, at: Date) {
  await db
    .updateTable('sessions')
    .set({ id: newId, stage: 'active', last_seen_at: at })
    .where('id', '=', oldId)
    .execute();
}
