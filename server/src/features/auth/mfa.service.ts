import { createHash, randomBytes } from 'node:crypto';
import type { MfaStatus, User } from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { SecurityConfig } from '../../config.js';
import type { Database } from '../../db/schema.js';
import { AppError, forbidden, unauthenticated } from '../../lib/app-error.js';
import { inTransaction, type StaffCtx } from '../../lib/context.js';
import { base32Encode, matchTotp, newTotpSecret, otpauthUrl } from '../../lib/totp.js';
import { recordAudit } from '../audit/audit.service.js';
import { completeSession, removeSecondFactor } from '../sessions/sessions.service.js';
import { getCurrentUser } from '../users/users.service.js';
import {
  enableMfaSecret,
  findMfaState,
  replaceRecoveryCodes,
  setPendingSecret,
  useRecoveryCode,
  useTotpStep,
} from './auth.queries.js';
import { accountRule, assertNotLocked, clearFailures, recordFailure } from './throttle.js';

// The second factor: TOTP from an authenticator app, and ten single-use recovery codes. A
// code, right or wrong, is checked under the same throttle as passwords (six digits would
// otherwise fall to guessing), and an accepted TOTP step is never accepted again.

const ISSUER = 'Профреестр';
const RECOVERY_CODES = 10;

type Security = Pick<SecurityConfig, 'mfaRequiredRoles' | 'now'>;

const hashCode = (code: string) =>
  createHash('sha256').update(normaliseRecovery(code)).digest('hex');
const normaliseRecovery = (code: string) => code.toLowerCase().replace(/[^a-z2-7]/g, '');

function newRecoveryCodes() {
  return Array.from({ length: RECOVERY_CODES }, () => {
    const text = base32Encode(randomBytes(7)).slice(0, 10).toLowerCase();
    return `${text.slice(0, 5)}-${text.slice(5)}`;
  });
}

async function state(db: Kysely<Database>, userId: string) {
  const row = await findMfaState(db, userId);
  if (!row) throw unauthenticated();
  return row;
}

export async function mfaStatus(ctx: StaffCtx, security: Security): Promise<MfaStatus> {
  const row = await state(ctx.db, ctx.actor.userId);
  return {
    enabled: row.mfa_secret !== null,
    required: security.mfaRequiredRoles.includes(row.role as User['role']),
    recoveryCodesLeft: row.mfa_secret ? Number(row.recovery_left ?? 0) : 0,
  };
}

const wrongCode = () => new AppError('unauthenticated', 'Неверный или уже использованный код');

/**
 * Checks a code of the user: TOTP (with its secret, `pending` while enrolling) or, when
 * allowed, a recovery code, which is then spent. Failures count toward the account's lock.
 */
async function checkCode(
  db: Kysely<Database>,
  security: Security,
  userId: string,
  code: string,
  options: { pending?: boolean; recovery?: boolean } = {},
) {
  const now = security.now();
  const key = `mfa:${userId}`;
  await assertNotLocked(db, [key], now);
  const row = await state(db, userId);
  const secret = options.pending ? row.mfa_pending_secret : row.mfa_secret;
  if (!secret) {
    throw new AppError(
      'conflict',
      options.pending ? 'Сначала получите новый ключ' : 'Второй фактор не включён',
    );
  }
  const digits = code.replace(/\s/g, '');
  const step = matchTotp(secret, digits, now, Number(row.mfa_last_step));
  const accepted =
    step !== null
      ? await useTotpStep(db, userId, step)
      : options.recovery === true && (await useRecoveryCode(db, userId, hashCode(code), now));
  if (!accepted) {
    await recordFailure(db, [[key, accountRule]], now);
    throw wrongCode();
  }
  await clearFailures(db, key);
  return { secret, step: step ?? Number(row.mfa_last_step), usedRecovery: step === null };
}

/** A new secret to scan; active only once `enableMfa` confirms a code from it. */
export async function setupMfa(ctx: StaffCtx) {
  const secret = newTotpSecret();
  await setPendingSecret(ctx.db, ctx.actor.userId, secret);
  return { secret, otpauthUrl: otpauthUrl(ISSUER, ctx.actor.login, secret) };
}

/** Confirms the pending secret with a code: the second factor is on, the recovery codes are
 * shown once, and a half-open session becomes a full one. */
export async function enableMfa(
  ctx: StaffCtx,
  security: Security,
  code: string,
  pendingSession: boolean,
) {
  const { secret, step } = await checkCode(ctx.db, security, ctx.actor.userId, code, {
    pending: true,
  });
  const codes = newRecoveryCodes();
  return inTransaction(ctx, async (tx) => {
    await enableMfaSecret(tx.db, ctx.actor.userId, secret, step, security.now());
    await replaceRecoveryCodes(tx.db, ctx.actor.userId, codes.map(hashCode));
    await recordAudit(tx, {
      action: 'mfa.enable',
      target: { type: 'user', id: ctx.actor.userId },
    });
    const token = pendingSession
      ? await completeSession(tx.db, ctx.actor.sessionId, security.now())
      : null;
    return { token, recoveryCodes: codes, user: await getCurrentUser(tx) };
  });
}

/** The second step of a sign-in: a TOTP or a recovery code. */
export async function verifyMfa(ctx: StaffCtx, security: Security, code: string) {
  const { usedRecovery } = await checkCode(ctx.db, security, ctx.actor.userId, code, {
    recovery: true,
  });
  return inTransaction(ctx, async (tx) => {
    const token = await completeSession(tx.db, ctx.actor.sessionId, security.now());
    await recordAudit(tx, {
      action: 'auth.mfa',
      target: { type: 'user', id: ctx.actor.userId },
      details: { recoveryCode: usedRecovery },
    });
    return { token, user: await getCurrentUser(tx) };
  });
}

export async function disableMfa(ctx: StaffCtx, security: Security, code: string) {
  if (security.mfaRequiredRoles.includes(ctx.actor.role)) {
    throw forbidden('Для вашей роли второй фактор обязателен');
  }
  await checkCode(ctx.db, security, ctx.actor.userId, code, { recovery: true });
  await inTransaction(ctx, async (tx) => {
    await removeSecondFactor(tx.db, ctx.actor.userId);
    await recordAudit(tx, {
      action: 'mfa.disable',
      target: { type: 'user', id: ctx.actor.userId },
    });
  });
}

export async function renewRecoveryCodes(ctx: StaffCtx, security: Security, code: string) {
  await checkCode(ctx.db, security, ctx.actor.userId, code);
  const codes = newRecoveryCodes();
  await inTransaction(ctx, async (tx) => {
    await replaceRecoveryCodes(tx.db, ctx.actor.userId, codes.map(hashCode));
    await recordAudit(tx, {
      action: 'mfa.recovery_codes',
      target: { type: 'user', id: ctx.actor.userId },
    });
  });
  return codes;
}
