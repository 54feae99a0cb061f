import type { LoginRequest, PasswordChange, User } from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { SecurityConfig } from '../../config.js';
import type { Database } from '../../db/schema.js';
import { invalid, unauthenticated } from '../../lib/app-error.js';
import { inTransaction, type StaffCtx } from '../../lib/context.js';
import { dummyPasswordHash, verifyPassword } from '../../lib/passwords.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  endSession,
  endUserSessions,
  type SessionStage,
  startSession,
} from '../sessions/sessions.service.js';
import { getUserCredentials, setUserPassword, toUser } from '../users/users.service.js';
import { hasSignedInFrom, rememberSignInAddress } from './auth.queries.js';
import {
  accountRule,
  assertNotLocked,
  clearFailures,
  ipRule,
  lockedSeconds,
  rateLimited,
  recordFailure,
} from './throttle.js';

interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  now: Date;
}

export interface LoginOutcome {
  token: string;
  user: User;
  /** Absent: signed in. Otherwise the second step the session waits for. */
  mfa?: 'verify' | 'enroll';
}

const WRONG_PAIR = 'Неверный логин или пароль';
/** How long an address an account signed in from counts as known to it. */
const KNOWN_ADDRESS_DAYS = 90;

export async function login(
  db: Kysely<Database>,
  security: Pick<SecurityConfig, 'mfaRequiredRoles'>,
  input: LoginRequest,
  meta: RequestMeta,
): Promise<LoginOutcome> {
  const login = input.login.trim().toLowerCase();
  const accountKey = `login:${login}`;
  const ipKey = `ip:${meta.ip ?? 'unknown'}`;
  const locks = await lockedSeconds(db, [accountKey, ipKey], meta.now);
  const refuse = async (seconds: number) => {
    await recordAudit(
      { db, actor: null, ip: meta.ip },
      { action: 'auth.login', result: 'denied', details: { login, reason: 'rate_limited' } },
    );
    return rateLimited(seconds);
  };
  const accountLock = locks.get(accountKey);
  if (accountLock) throw await refuse(accountLock);
  const user = await getUserCredentials(db, login);
  const passwordOk = await verifyPassword(
    user?.password_hash ?? (await dummyPasswordHash()),
    input.password,
  );
  if (!user || !passwordOk || user.disabled_at) {
    await recordFailure(
      db,
      [
        [accountKey, accountRule],
        [ipKey, ipRule],
      ],
      meta.now,
    );
    await recordAudit(
      { db, actor: null, ip: meta.ip },
      {
        action: 'auth.login',
        result: 'failed',
        target: user ? { type: 'user', id: user.id, orgPath: user.path } : undefined,
        details: { login },
      },
    );
    // A locked address slows every failure and every unknown account down…
    const ipLock = locks.get(ipKey);
    if (ipLock) throw await refuse(ipLock);
    throw unauthenticated(WRONG_PAIR);
  }
  // …but the right password of an account that is not itself locked goes through when the
  // account signed in from this address before, or has a second factor (its code is asked
  // next): a school or a region behind one NAT is not shut out by one person guessing, while a
  // locked address cannot test passwords across accounts it was never used with.
  const ipLock = locks.get(ipKey);
  if (ipLock && !user.mfa_secret) {
    const since = new Date(meta.now.getTime() - KNOWN_ADDRESS_DAYS * 24 * 60 * 60 * 1000);
    if (!meta.ip || !(await hasSignedInFrom(db, user.id, meta.ip, since))) {
      throw await refuse(ipLock);
    }
  }
  await clearFailures(db, accountKey);
  const stage: SessionStage = user.mfa_secret
    ? 'mfa_verify'
    : security.mfaRequiredRoles.includes(user.role as User['role'])
      ? 'mfa_enroll'
      : 'active';
  return db.transaction().execute(async (trx) => {
    const { token } = await startSession(trx, user.id, stage, meta);
    if (meta.ip) await rememberSignInAddress(trx, user.id, meta.ip, meta.now);
    await recordAudit(
      {
        db: trx,
        actor: {
          kind: 'staff',
          userId: user.id,
          login: user.login,
          role: user.role as User['role'],
          orgId: user.org_id,
          orgPath: user.path,
          sessionId: '',
        },
        ip: meta.ip,
      },
      {
        action: 'auth.login',
        target: { type: 'user', id: user.id, orgPath: user.path },
        ...(stage === 'active' ? {} : { details: { awaiting: stage } }),
      },
    );
    const outcome: LoginOutcome = { token, user: toUser(user) };
    if (stage !== 'active') outcome.mfa = stage === 'mfa_verify' ? 'verify' : 'enroll';
    return outcome;
  });
}

export async function logout(ctx: StaffCtx) {
  await inTransaction(ctx, async (tx) => {
    await endSession(tx.db, tx.actor.sessionId);
    await recordAudit(tx, { action: 'auth.logout', target: { type: 'user', id: tx.actor.userId } });
  });
}

/** The caller's own password; their other sessions end (a thief's among them). */
// A wrong current password counts toward the account's lock, as at sign-in: a borrowed session
// must not become a way to guess the password.
export async function changePassword(ctx: StaffCtx, input: PasswordChange, now: Date) {
  const accountKey = `login:${ctx.actor.login}`;
  await assertNotLocked(ctx.db, [accountKey], now);
  const user = await getUserCredentials(ctx.db, ctx.actor.login);
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    await recordFailure(ctx.db, [[accountKey, accountRule]], now);
    throw invalid('currentPassword', 'Текущий пароль указан неверно');
  }
  if (input.newPassword === input.currentPassword) {
    throw invalid('newPassword', 'Новый пароль совпадает с текущим');
  }
  await setUserPassword(ctx, user.id, input.newPassword, async (tx) => {
    await endUserSessions(tx.db, user.id, tx.actor.sessionId);
    await recordAudit(tx, {
      action: 'auth.password',
      target: { type: 'user', id: user.id },
    });
  });
}
