import { createHash, randomBytes } from 'node:crypto';
import type { LoginRequest, Role, User } from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { unauthenticated } from '../../lib/app-error.js';
import { dummyPasswordHash, verifyPassword } from '../../lib/passwords.js';
import type { Actor } from '../access/access.js';
import { recordAudit } from '../audit/audit.service.js';
import { getUserCredentials, toUser } from '../users/users.service.js';
import { deleteSession, findSessionActor, insertSession, touchSession } from './auth.queries.js';

export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 30 * 60 * 1000;
// last_seen_at is written at most this often, so reads do not turn into writes.
const TOUCH_INTERVAL_MS = 60 * 1000;

interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  now?: Date;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function login(
  db: Kysely<Database>,
  input: LoginRequest,
  meta: RequestMeta,
): Promise<{ token: string; user: User; expiresAt: Date }> {
  const login = input.login.trim().toLowerCase();
  const user = await getUserCredentials(db, login);
  const passwordOk = await verifyPassword(
    user?.password_hash ?? (await dummyPasswordHash()),
    input.password,
  );
  if (!user || !passwordOk || user.disabled_at) {
    await recordAudit(
      db,
      { actor: null, ip: meta.ip },
      {
        action: 'auth.login',
        result: 'failed',
        target: user ? { type: 'user', id: user.id } : undefined,
        details: { login },
      },
    );
    throw unauthenticated('Неверный логин или пароль');
  }
  const token = randomBytes(32).toString('base64url');
  const now = meta.now ?? new Date();
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  await db.transaction().execute(async (trx) => {
    await insertSession(trx, {
      id: hashToken(token),
      userId: user.id,
      expiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    await recordAudit(
      trx,
      { actor: { userId: user.id, login: user.login }, ip: meta.ip },
      {
        action: 'auth.login',
        target: { type: 'user', id: user.id },
      },
    );
  });
  return { token, user: toUser(user), expiresAt };
}

export async function logout(db: Kysely<Database>, actor: Actor, ip: string | null) {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, actor.sessionId);
    await recordAudit(
      trx,
      { actor, ip },
      {
        action: 'auth.logout',
        target: { type: 'user', id: actor.userId },
      },
    );
  });
}

/** The caller behind a session token, or null when the session is unknown, expired or idle. */
export async function resolveActor(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
): Promise<Actor | null> {
  const sessionId = hashToken(token);
  const row = await findSessionActor(db, sessionId);
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
    userId: row.user_id,
    login: row.login,
    role: row.role as Role,
    orgId: row.org_id,
    scopePath: row.org_path,
    sessionId,
  };
}
