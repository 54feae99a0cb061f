import { z } from 'zod';
import { auditRecordStates } from './audit-labels.js';
import { idSchema, pageOf, pageQuerySchema } from './common.js';
import { auditResults, roles } from './enums.js';
import { dateOf, plainText } from './fields.js';
import { passwordSchema, userSchema } from './users.js';

// Sign-in with a second factor, password changes, user management and the audit log.

/**
 * `POST /auth/login`. Without a second factor: `{ user }` and a full session, as the contract
 * says. With one (`mfa: 'verify'`) or when the role must have one and the user has none yet
 * (`mfa: 'enroll'`), the session only allows the next step (`/auth/mfa/*`) and signing out.
 */
export const loginResponseSchema = z.object({
  user: userSchema,
  mfa: z.enum(['verify', 'enroll']).optional(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const mfaStatusSchema = z.object({
  enabled: z.boolean(),
  /** The user's role must use a second factor (MFA_REQUIRED_ROLES). */
  required: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
export type MfaStatus = z.infer<typeof mfaStatusSchema>;

/**
 * What a staff caller may do, action by action, within their own subtree: the server's policy
 * answers it (`GET /auth/me`), so the web shows a button only where the server would allow it.
 */
export const staffActions = [
  'org:read',
  'org:create',
  'org:update',
  'org:move',
  'org:merge',
  'org:liquidate',
  'user:read',
  'user:create',
  'user:manage',
  'audit:read',
  'mail:read',
  'mail:manage',
  'mailing:read',
  'mailing:create',
  'member:read',
  'member:create',
  'member:update',
  'member:transfer',
  'member:deregister',
  'member:readmit',
  'member:merge',
  'member:mark-distinct',
  'member:invite',
  'application:read',
  'application:decide',
  // Statistical reports: reading those of the subtree; filling the org's own; accepting or
  // returning those of the orgs below; opening a campaign; adding a version of a form.
  'report:read',
  'report:fill',
  'report:review',
  'campaign:create',
  'report-form:create',
  // The e-card: reading a member's carriers; handing over and blocking a card (the org's
  // editors); ordering a producer's batch and moving its status (admins).
  'card:read',
  'card:manage',
  'card-batch:manage',
  // PROFCARDS: the programme's statistics; partners, their rates and keys (the centre's admins).
  'bonus:read',
  'partner:manage',
  // Surveys and tests: reading those that reach the subtree and their results; building,
  // publishing and reminding (the subtree's editors).
  'survey:read',
  'survey:manage',
  // Additional social support: reading the catalogue of the subtree and the aid requests its
  // members make or its benefits receive; keeping the catalogue; deciding a request (the staff
  // of the offering org or above).
  'benefit:read',
  'benefit:manage',
  'aid:read',
  'aid:decide',
] as const;
export type StaffAction = (typeof staffActions)[number];

/**
 * `GET /auth/me`: the user, their second factor, the actions their role allows in their
 * subtree and the roles they may give a new colleague.
 */
export const meResponseSchema = z.object({
  user: userSchema,
  mfa: mfaStatusSchema,
  permissions: z.array(z.enum(staffActions)),
  grantableRoles: z.array(z.enum(roles)),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

/** A 6-digit code from the authenticator app, or a recovery code (`xxxxx-xxxxx`). */
export const mfaCodeRequestSchema = z
  .object({
    code: z.string().trim().min(1, 'Введите код').max(32, 'Код слишком длинный'),
  })
  .strict();
export type MfaCodeRequest = z.infer<typeof mfaCodeRequestSchema>;

/** `POST /auth/mfa/setup`: a new secret, not active until confirmed by `/auth/mfa/enable`. */
export const mfaSetupResponseSchema = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
});
export type MfaSetupResponse = z.infer<typeof mfaSetupResponseSchema>;

/** Shown once: each code signs in once instead of the app's code. */
export const recoveryCodesResponseSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodesResponse = z.infer<typeof recoveryCodesResponseSchema>;

/** `POST /auth/mfa/enable` and `/auth/mfa/verify`: the full session starts. */
export const mfaSignedInResponseSchema = z.object({
  user: userSchema,
  recoveryCodes: z.array(z.string()).optional(),
});
export type MfaSignedInResponse = z.infer<typeof mfaSignedInResponseSchema>;

/** `POST /auth/password`: the caller's own password; other sessions end. */
export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, 'Укажите текущий пароль').max(200),
    newPassword: passwordSchema,
  })
  .strict();
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

/** `PATCH /users/:id` (admins): role, name, disabling, the org (inside the admin's subtree).
 * A change of role or org, or disabling, ends the user's sessions. */
export const userUpdateSchema = z
  .object({
    role: z.enum(roles).optional(),
    fullName: plainText().trim().min(1, 'Укажите ФИО').max(200).optional(),
    disabled: z.boolean().optional(),
    orgId: idSchema.optional(),
  })
  .strict();
export type UserUpdate = z.infer<typeof userUpdateSchema>;

/** `POST /users/:id/password` (admins): a new password for a user; their sessions end. */
export const userPasswordResetSchema = z.object({ password: passwordSchema }).strict();
export type UserPasswordReset = z.infer<typeof userPasswordResetSchema>;

/** A user as admins manage them (`GET /users`): the contract's user, plus access, MFA and the
 * org's name. */
export const userAccountSchema = userSchema.extend({
  disabled: z.boolean(),
  mfaEnabled: z.boolean(),
  orgName: z.string(),
});
export type UserAccount = z.infer<typeof userAccountSchema>;

/** A record an audit entry names, by its name now (null outside the reader's subtree). */
export const auditRecordRefSchema = z.object({
  type: z.string(),
  id: z.string(),
  name: z.string().nullable(),
  state: z.enum(auditRecordStates),
});

export const auditEntrySchema = z.object({
  id: idSchema,
  at: z.string(),
  /** `fullName`: the user's name now (null when gone or outside the reader's subtree). */
  actor: z
    .object({
      id: idSchema.nullable(),
      login: z.string().nullable(),
      fullName: z.string().nullable(),
    })
    .nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  target: auditRecordRefSchema.nullable(),
  result: z.enum(auditResults),
  details: z.record(z.string(), z.unknown()).nullable(),
  /** The records the details name (an org, a refused request's record), by their names now. */
  refs: z.array(auditRecordRefSchema),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditPageSchema = pageOf(auditEntrySchema);

/** `GET /audit` (admins): entries about records of the caller's subtree, newest first. */
export const auditQuerySchema = pageQuerySchema.extend({
  under: idSchema.optional(),
  actor: z.string().trim().max(64).optional(),
  /** An action (`member.read`) or its prefix (`member.`). */
  action: z.string().trim().max(64).optional(),
  targetType: z.string().trim().max(32).optional(),
  targetId: z.string().trim().max(32).optional(),
  result: z.enum(auditResults).optional(),
  from: dateOf().optional(),
  to: dateOf().optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
