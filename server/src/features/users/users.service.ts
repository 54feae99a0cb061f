import {
  type Role,
  roleLabels,
  type User,
  type UserAccount,
  type UserCreate,
  type UserUpdate,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { conflict, forbidden, invalid, unauthenticated } from '../../lib/app-error.js';
import type { Ctx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { hashPassword } from '../../lib/passwords.js';
import { type Actor, authorize, mayGrantRole } from '../access/access.js';
import { recordAudit } from '../audit/audit.service.js';
import { endUserSessions, removeSecondFactor } from '../auth/sessions.service.js';
import { getOrgPlacement, listScope } from '../orgs/orgs.service.js';
import {
  findUserById,
  findUserCredentials,
  findUserIdsInSubtree,
  findUsersInSubtree,
  insertUser,
  updateUserRow,
} from './users.queries.js';

const NOT_FOUND = 'Пользователь не найден';

export const toUser = (row: {
  id: string;
  login: string;
  role: string;
  org_id: string;
  full_name: string;
}): User => ({
  id: row.id,
  login: row.login,
  role: row.role as Role,
  orgId: row.org_id,
  fullName: row.full_name,
});

/** For admins' lists: access and the second factor, never the secret itself. */
const toUserAccount = (
  row: Parameters<typeof toUser>[0] & { disabled_at: unknown; mfa_secret: string | null },
): UserAccount => ({
  ...toUser(row),
  disabled: row.disabled_at !== null,
  mfaEnabled: row.mfa_secret !== null,
});

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  const row = await findUserById(ctx.db, id);
  authorize(ctx.actor, 'user:read', row, NOT_FOUND);
  return toUser(row);
}

/** The caller themself: visible to every role, which may not read other users. */
export async function getCurrentUser(ctx: Ctx): Promise<User> {
  const row = await findUserById(ctx.db, ctx.actor.userId);
  if (!row) throw unauthenticated();
  return toUser(row);
}

export async function listUsers(
  ctx: Ctx,
  query: { under?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const scopePath = await listScope(ctx, 'user:read', query.under);
  const after = decodeCursor<[string, string]>(query.cursor, ['string', 'string']);
  const rows = await findUsersInSubtree(ctx.db, scopePath, after, query.limit + 1);
  return toPage(rows, query.limit, toUserAccount, (r) => [r.login, r.id]);
}

export async function createUser(ctx: Ctx, input: UserCreate): Promise<User> {
  const org = await getOrgPlacement(ctx.db, input.orgId);
  authorize(ctx.actor, 'user:create', org, 'Организация не найдена');
  if (!mayGrantRole(ctx.actor, input.role)) {
    throw forbidden(`Нельзя выдать роль «${roleLabels[input.role]}»: она выше вашей`);
  }
  if (org.status !== 'active') throw invalid('orgId', 'Организация ликвидирована');
  // Hash outside the transaction: it is the slow part and touches no data.
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    if (await findUserCredentials(trx, input.login)) throw duplicateLogin();
    const id = await insertUser(trx, { ...input, passwordHash }).catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505') throw duplicateLogin();
      throw error;
    });
    await recordAudit(trx, ctx, {
      action: 'user.create',
      target: { type: 'user', id, orgPath: org.path },
      details: { login: input.login, role: input.role, orgId: input.orgId },
    });
    return {
      id,
      login: input.login,
      role: input.role,
      orgId: input.orgId,
      fullName: input.fullName,
    };
  });
}

const duplicateLogin = () =>
  conflict('Пользователь с таким логином уже есть', [
    { field: 'login', message: 'Пользователь с таким логином уже есть' },
  ]);

/**
 * An admin changes a user of their subtree: role (never above their own, nor of a user above
 * them), name, disabled. A new role or disabling ends the user's sessions at once.
 */
/** A user an admin may change: in their subtree (else 404), and not above them (else 403). */
async function managedUser(ctx: Ctx, id: string) {
  const row = await findUserById(ctx.db, id);
  authorize(ctx.actor, 'user:manage', row, NOT_FOUND);
  if (!mayGrantRole(ctx.actor, row.role as Role)) {
    throw forbidden('Нельзя изменить пользователя с ролью выше вашей');
  }
  return row;
}

export async function updateUser(ctx: Ctx, id: string, input: UserUpdate): Promise<UserAccount> {
  const row = await managedUser(ctx, id);
  if (input.role && !mayGrantRole(ctx.actor, input.role)) {
    throw forbidden(`Нельзя выдать роль «${roleLabels[input.role]}»: она выше вашей`);
  }
  if (id === ctx.actor.userId && (input.role !== undefined || input.disabled !== undefined)) {
    throw invalid(
      input.role !== undefined ? 'role' : 'disabled',
      'Свою роль и доступ изменить нельзя',
    );
  }
  const roleChanged = input.role !== undefined && input.role !== row.role;
  const disabledChanged =
    input.disabled !== undefined && input.disabled !== (row.disabled_at !== null);
  const patch = {
    ...(input.role ? { role: input.role } : {}),
    ...(input.fullName ? { full_name: input.fullName } : {}),
    ...(disabledChanged ? { disabled_at: input.disabled ? new Date() : null } : {}),
  };
  return ctx.db.transaction().execute(async (trx) => {
    await updateUserRow(trx, id, patch);
    if (roleChanged || (disabledChanged && input.disabled)) await endUserSessions(trx, id);
    await recordAudit(trx, ctx, {
      action: 'user.update',
      target: { type: 'user', id, orgPath: row.path },
      details: {
        ...(roleChanged ? { role: { from: row.role, to: input.role } } : {}),
        ...(disabledChanged ? { disabled: input.disabled } : {}),
        ...(input.fullName && input.fullName !== row.full_name ? { fullName: true } : {}),
      },
    });
    return toUserAccount({ ...row, ...patch });
  });
}

/** An admin takes the second factor off a user of their subtree (a lost phone); the user
 * enrols again at the next sign-in if their role requires it. */
export async function resetUserMfa(ctx: Ctx, id: string) {
  const row = await managedUser(ctx, id);
  // One's own factor goes off only with a code (POST /auth/mfa/disable), never by a reset.
  if (id === ctx.actor.userId) {
    throw invalid('id', 'Свой второй фактор отключают в разделе «Безопасность» кодом');
  }
  await ctx.db.transaction().execute(async (trx) => {
    await removeSecondFactor(trx, id);
    await endUserSessions(trx, id);
    await recordAudit(trx, ctx, {
      action: 'mfa.reset',
      target: { type: 'user', id, orgPath: row.path },
    });
  });
}

/** A new password (already checked against the rules), then `also` in the same transaction. */
export async function setUserPassword(
  ctx: Ctx,
  id: string,
  password: string,
  also: (trx: Kysely<Database>) => Promise<void>,
) {
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    await updateUserRow(trx, id, { password_hash: passwordHash });
    await also(trx);
  });
}

/** Users of a subtree, by id (whose own entries the audit search includes). */
export const userIdsInSubtree = findUserIdsInSubtree;

/** For sign-in: the stored hash travels no further than the auth service. */
export const getUserCredentials = findUserCredentials;

/** First start only. */
export async function createInitialAdmin(
  db: Kysely<Database>,
  orgId: string,
  password: string,
): Promise<string> {
  return insertUser(db, {
    login: 'admin',
    passwordHash: await hashPassword(password),
    role: 'admin',
    orgId,
    fullName: 'Администратор',
  });
}

/**
 * The user as an actor for work done on their behalf later (an import job): their role and
 * scope as they are now. Null when the user is gone or disabled.
 */
export async function actorOfUser(db: Kysely<Database>, userId: string): Promise<Actor | null> {
  const row = await findUserById(db, userId);
  if (!row || row.disabled_at) return null;
  return {
    userId: row.id,
    login: row.login,
    role: row.role as Role,
    orgId: row.org_id,
    scopePath: row.path,
    sessionId: '',
  };
}
