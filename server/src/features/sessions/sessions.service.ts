import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { StaffActor } from '../../lib/actor.js';
import {
  deleteSession,
  deleteUserSessions,
  disableMfaSecret,
  findSessionActor,
  insertSession,
  promoteSession,
  type SessionStage,
  touchSession,
} from './sessions.queries.js';

// Server-side sessions: the cookie holds a random token, the table its sha256. A session ends
// after 30 idle minutes, 12 hours after sign-in, at sign-out, and when its user is disabled,
// changes role or changes password. A new token is issued at sign-in and again when the
// second factor completes it, so a token seen before sign-in is worth nothing after.

export type { SessionStage };

export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 30 * 60 * 1000;
// A half-open session (password given, code not yet) lasts minutes, not hours.
const PENDING_MS = 10 * 60 * 1000;
// last_seen_at is written at most this often, so reads do not turn into writes.
const TOUCH_INTERVAL_MS = 60 * 1000;

type Db = Kysely<Database>;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export async function startSession(
  db: Db,
  userId: string,
  stage: SessionStage,
  meta: { ip: string | null; userAgent: string | null; now: Date },
) {
  const token = newToken();
  const expiresAt = new Date(
    meta.now.getTime() + (stage === 'active' ? SESSION_ABSOLUTE_MS : PENDING_MS),
  );
  await insertSession(db, { id: hashToken(token), userId, expiresAt, stage, ...meta });
  return { token, expiresAt };
}

/** The second factor done: the half-open session becomes a full one under a new token. */
export async function completeSession(db: Db, sessionId: string, now: Date) {
  const token = newToken();
  await promoteSession(db, sessionId, hashToken(token), now);
  return token;
}

export interface ResolvedSession {
  actor: StaffActor;
  stage: SessionStage;
  /** Requests of the session in this minute, this one included (0: not counted). */
  budgetUsed: number;
  /** The session's last request that may have written, this one included (null: none). */
  wroteAt: Date | null;
}

/** The minute a request's budget is counted in. */
export const minuteOf = (now: Date) => new Date(Math.floor(now.getTime() / 60_000) * 60_000);

/** The caller behind a token, or null when the session is unknown, expired, idle or its user
 * disabled (the session is then deleted). A `counted` request is counted in the session's
 * budget for the minute, and one that `writes` marked, by the same statement. */
export async function resolveSession(
  db: Db,
  token: string,
  now: Date,
  request: { counted: boolean; writes: boolean } = { counted: false, writes: false },
): Promise<ResolvedSession | null> {
  const sessionId = hashToken(token);
  const row = await findSessionActor(db, sessionId, {
    minute: minuteOf(now),
    counted: request.counted,
    writtenAt: request.writes ? now : undefined,
  });
  if (!row) return null;
  const lastSeen = new Date(row.last_seen_at).getTime();
  const expired =
    new Date(row.expires_at).getTime() <= now.getTime() ||
    now.getTime() - lastSeen > SESSION_IDLE_MS ||
    row.disabled_at !== null;
  if (expired) {
    await deleteSession(db, sessionId);
    return null;
  }
  if (now.getTime() - lastSeen > TOUCH_INTERVAL_MS) await touchSession(db, sessionId, now);
  return {
    stage: row.stage,
    budgetUsed: row.budget_used ?? 0,
    wroteAt: row.written_at ? new Date(row.written_at) : null,
    actor: {
      kind: 'staff',
      userId: row.user_id,
      login: row.login,
      role: row.role,
      orgId: row.org_id,
      orgPath: row.org_path,
      sessionId,
    },
  };
}

export const endSession = deleteSession;

/** Every session of the user ends (disabled, role changed), or every other one (`except`). */
export const endUserSessions = deleteUserSessions;

/** An admin takes the second factor off a user who lost their device (the users feature
 * checks access and writes the audit entry); here, beside sessions, so users need not import
 * the MFA service that imports them. */
export const removeSecondFactor = disableMfaSecret;
