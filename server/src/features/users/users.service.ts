import {
  type Role,
  roleLabels,
  type User,
  type UserAccount,
  type UserCreate,
  type UserListQuery,
  type UserUpdate,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { StaffActor } from '../../lib/actor.js';
import { conflict, forbidden, invalid, unauthenticated } from '../../lib/app-error.js';
import { inTransaction, type StaffCtx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { hashPassword } from '../../lib/passwords.js';
import { authorize, mayGrantRole, roleRank } from '../access/access.js';
import { getOrgPlacement, listScope } from '../access/placement.js';
import { recordAudit } from '../audit/audit.service.js';
import { namesOfOrgs } from '../orgs/orgs.service.js';
import { endUserSessions, removeSecondFactor } from '../sessions/sessions.service.js';
import {
  findUserById,
  findUserCredentials,
  findUserIdsInSubtree,
  findUserNames,
  findUsersInSubtree,
  insertUser,
  searchKey,
  updateUserRow,
} from './users.queries.js';

const NOT_FOUND = 'Пользователь не найден';

export const toUser = (row: {
  id: string;
  login: string;
  role: Role;
  org_id: string;
  full_name: string;
}): User => ({
  id: row.id,
  login: row.login,
  role: row.role,
  orgId: row.org_id,
  fullName: row.full_name,
});

/** For admins' lists: access, the second factor (never the secret itself), the org's name. */
const toUserAccount = (
  row: Parameters<typeof toUser>[0] & {
    disabled_at: unknown;
    mfa_secret: string | null;
    org_name: string;
  },
): UserAccount => ({
  ...toUser(row),
  disabled: row.disabled_at !== null,
  mfaEnabled: row.mfa_secret !== null,
  orgName: row.org_name,
});

export async function getUser(ctx: StaffCtx, id: string): Promise<User> {
  const row = await findUserById(ctx.db, id);
  authorize(ctx.actor, 'user:read', row, NOT_FOUND);
  return toUser(row);
}

/** The caller themself: visible to every role, which may not read other users. */
export async function getCurrentUser(ctx: StaffCtx): Promise<User> {
  const row = await findUserById(ctx.db, ctx.actor.userId);
  if (!row) throw unauthenticated();
  return toUser(row);
}

/** Admins list the users of their subtree (or `under`'s), optionally searched, by login. */
export async function listUsers(ctx: StaffCtx, query: UserListQuery) {
  const scopePath = await listScope(ctx, 'user:read', query.under);
  const after = decodeCursor(query.cursor, ['text', 'id']);
  const words = searchKey(query.q ?? '')
    .split(/\s+/)
    .filter(Boolean);
  const rows = await findUsersInSubtree(ctx.db, { scopePath, words }, after, query.limit + 1);
  return toPage(rows, query.limit, toUserAccount, (r) => [r.login, r.id]);
}

export async function createUser(ctx: StaffCtx, input: UserCreate): Promise<User> {
  const org = await getOrgPlacement(ctx.db, input.orgId);
  authorize(ctx.actor, 'user:create', org, 'Организация не найдена');
  if (!mayGrantRole(ctx.actor, input.role)) {
    throw forbidden(`Нельзя выдать роль «${roleLabels[input.role]}»: она выше вашей`);
  }
  if (org.status !== 'active') throw invalid('orgId', 'Организация ликвидирована');
  // Hash outside the transaction: it is the slow part and touches no data.
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, async (tx) => {
    if (await findUserCredentials(tx.db, input.login)) throw duplicateLogin();
    const id = await insertUser(tx.db, { ...input, passwordHash }).catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505') throw duplicateLogin();
      throw error;
    });
    await recordAudit(tx, {
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

/** A user an admin may change: in their subtree (else 404), and not above them (else 403). */
async function managedUser(ctx: StaffCtx, id: string) {
  const row = await findUserById(ctx.db, id);
  authorize(ctx.actor, 'user:manage', row, NOT_FOUND);
  if (!mayGrantRole(ctx.actor, row.role)) {
    throw forbidden('Нельзя изменить пользователя с ролью выше вашей');
  }
  // A peer (the same role in the same org) is not the caller's to manage: resetting a fellow
  // admin's password or second factor would let one admin sign in as another. Peers are looked
  // after from the org above; the caller's own account only through «Безопасность».
  const peer = roleRank[row.role] === roleRank[ctx.actor.role] && row.path === ctx.actor.orgPath;
  if (peer && id !== ctx.actor.userId) {
    throw forbidden(
      'Пользователя с такой же ролью в вашей организации меняет администратор вышестоящей организации',
    );
  }
  return row;
}

/** The user's new org: inside the admin's subtree (else 404) and active. */
async function newOrgOf(ctx: StaffCtx, orgId: string) {
  const org = (await namesOfOrgs(ctx.db, [orgId])).get(orgId);
  authorize(ctx.actor, 'user:manage', org, 'Организация не найдена');
  if (org.status !== 'active') throw invalid('orgId', 'Организация ликвидирована');
  return org;
}

/**
 * An admin changes a user of their subtree: role (never above their own, nor of a user above
 * them), name, disabled, the org (inside the admin's subtree). A new role or org, or
 * disabling, ends the user's sessions at once: what they may see has changed.
 */
export async function updateUser(
  ctx: StaffCtx,
  id: string,
  input: UserUpdate,
): Promise<UserAccount> {
  const row = await managedUser(ctx, id);
  if (input.role && !mayGrantRole(ctx.actor, input.role)) {
    throw forbidden(`Нельзя выдать роль «${roleLabels[input.role]}»: она выше вашей`);
  }
  if (id === ctx.actor.userId) {
    if (input.role !== undefined || input.disabled !== undefined) {
      throw invalid(
        input.role !== undefined ? 'role' : 'disabled',
        'Свою роль и доступ изменить нельзя',
      );
    }
    if (input.orgId !== undefined && input.orgId !== row.org_id) {
      throw invalid('orgId', 'Свою организацию изменить нельзя');
    }
  }
  const roleChanged = input.role !== undefined && input.role !== row.role;
  const disabledChanged =
    input.disabled !== undefined && input.disabled !== (row.disabled_at !== null);
  const newOrg =
    input.orgId !== undefined && input.orgId !== row.org_id
      ? await newOrgOf(ctx, input.orgId)
      : null;
  const patch = {
    ...(input.role ? { role: input.role } : {}),
    ...(input.fullName ? { full_name: input.fullName } : {}),
    ...(disabledChanged ? { disabled_at: input.disabled ? new Date() : null } : {}),
    ...(newOrg ? { org_id: newOrg.id } : {}),
  };
  return inTransaction(ctx, async (tx) => {
    await updateUserRow(tx.db, id, patch);
    if (roleChanged || newOrg || (disabledChanged && input.disabled)) {
      await endUserSessions(tx.db, id);
    }
    await recordAudit(tx, {
      action: 'user.update',
      // Where the user is now: the new org's admins see the move too.
      target: { type: 'user', id, orgPath: newOrg?.path ?? row.path },
      details: {
        ...(roleChanged ? { role: { from: row.role, to: input.role } } : {}),
        ...(disabledChanged ? { disabled: input.disabled } : {}),
        ...(input.fullName && input.fullName !== row.full_name ? { fullName: true } : {}),
        ...(newOrg ? { orgId: { from: row.org_id, to: newOrg.id } } : {}),
      },
    });
    return toUserAccount({
      ...row,
      ...patch,
      ...(newOrg ? { path: newOrg.path, org_name: newOrg.name } : {}),
    });
  });
}

/** An admin gives a user of their subtree a new password (a forgotten one); the user's
 * sessions end. One's own password is changed with the current one (`POST /auth/password`). */
export async function resetUserPassword(ctx: StaffCtx, id: string, password: string) {
  const row = await managedUser(ctx, id);
  if (id === ctx.actor.userId) {
    throw invalid('password', 'Свой пароль меняют в разделе «Безопасность» с текущим паролем');
  }
  // Hash outside the transaction: it is the slow part and touches no data.
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx, async (tx) => {
    await updateUserRow(tx.db, id, { password_hash: passwordHash });
    await endUserSessions(tx.db, id);
    await recordAudit(tx, {
      action: 'user.password',
      target: { type: 'user', id, orgPath: row.path },
    });
  });
}

/** An admin takes the second factor off a user of their subtree (a lost phone); the user
 * enrols again at the next sign-in if their role requires it. */
export async function resetUserMfa(ctx: StaffCtx, id: string) {
  const row = await managedUser(ctx, id);
  // One's own factor goes off only with a code (POST /auth/mfa/disable), never by a reset.
  if (id === ctx.actor.userId) {
    throw invalid('id', 'Свой второй фактор отключают в разделе «Безопасность» кодом');
  }
  await inTransaction(ctx, async (tx) => {
    await removeSecondFactor(tx.db, id);
    await endUserSessions(tx.db, id);
    await recordAudit(tx, {
      action: 'mfa.reset',
      target: { type: 'user', id, orgPath: row.path },
    });
  });
}

/** A new password (already checked against the rules), then `also` in the same transaction. */
export async function setUserPassword(
  ctx: StaffCtx,
  id: string,
  password: string,
  also: (tx: StaffCtx) => Promise<void>,
) {
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx, async (tx) => {
    await updateUserRow(tx.db, id, { password_hash: passwordHash });
    await also(tx);
  });
}

/** Users of a subtree, by id (whose own entries the audit search includes). */
export const userIdsInSubtree = findUserIdsInSubtree;

/** Logins, current names and places of users by id, for lists that name them (the audit
 * journal). */
export async function namesOfUsers(db: Kysely<Database>, ids: readonly string[]) {
  const rows = ids.length ? await findUserNames(db, ids) : [];
  return new Map(
    rows.map((r) => [
      r.id,
      { login: r.login, fullName: r.full_name, path: r.path, disabled: r.disabled_at !== null },
    ]),
  );
}

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
export async function actorOfUser(
  db: Kysely<Database>,
  userId: string,
): Promise<StaffActor | null> {
  const row = await findUserById(db, userId);
  if (!row || row.disabled_at) return null;
  return {
    kind: 'staff',
    userId: row.id,
    login: row.login,
    role: row.role,
    orgId: row.org_id,
    orgPath: row.path,
    sessionId: '',
  };
}
