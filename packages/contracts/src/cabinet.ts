import { z } from 'zod';
import { idSchema, pageOf, pageQuerySchema } from './common.js';
import { memberStatuses, roles } from './enums.js';
import { phoneField, requiredEmail, sixDigitCode, textField } from './fields.js';
import { applicationSchema } from './join.js';
import { memberSchema, notifyPatchSchema, registrationPeriodSchema } from './members.js';
import { ownAidRequestSchema } from './social-support.js';

// The member's personal cabinet (../shared/API.md, part 2, "Member cabinet").

/** What a member agrees to; each grant and withdrawal is an entry of the consents ledger. */
export const consentKinds = [
  'pd',
  'notify_email',
  'notify_sms',
  'notify_push',
  'bonus_programme',
] as const;
export type ConsentKind = (typeof consentKinds)[number];

/**
 * The wording a person agrees to, with its version: the ledger keeps the version, so a later
 * change of wording never rewrites what someone agreed to.
 */
export const consentTexts: Record<ConsentKind, { version: string; title: string; text: string }> = {
  pd: {
    version: '2026-01',
    title: 'Обработка персональных данных',
    text:
      'Я согласен(на), чтобы Профсоюз хранил и обрабатывал мои персональные данные (ФИО, дату ' +
      'рождения, место работы или учёбы, контакты) для учёта членства, статистики и защиты моих ' +
      'интересов (152-ФЗ). Согласие можно отозвать в личном кабинете.',
  },
  notify_email: {
    version: '2026-01',
    title: 'Письма на e-mail',
    text: 'Получать новости и рассылки Профсоюза по электронной почте.',
  },
  notify_sms: {
    version: '2026-01',
    title: 'SMS',
    text: 'Получать короткие сообщения Профсоюза на телефон.',
  },
  notify_push: {
    version: '2026-01',
    title: 'Уведомления в приложении',
    text: 'Получать уведомления в браузере или приложении.',
  },
  bonus_programme: {
    version: '2026-01',
    title: 'Бонусная программа PROFCARDS',
    text:
      'Участвовать в программе PROFCARDS: партнёры узнают по номеру карты только то, что она ' +
      'действует, и начисляют кешбэк.',
  },
};

/** `POST /cabinet/auth/code`: always 202, whoever the address belongs to. */
export const cabinetCodeRequestSchema = z.object({ email: requiredEmail }).strict();
export type CabinetCodeRequest = z.infer<typeof cabinetCodeRequestSchema>;

/** `POST /cabinet/auth/login`. */
export const cabinetLoginSchema = z.object({ email: requiredEmail, code: sixDigitCode }).strict();
export type CabinetLogin = z.infer<typeof cabinetLoginSchema>;

export const cabinetOrgSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** Shown only when the chairman agreed to letters (their e-mail) — never the phone. */
  chairman: z.object({ fullName: z.string(), email: z.string().nullable() }).nullable(),
});

/** `GET /cabinet/me`, also the answer of sign-in. */
export const cabinetMeSchema = z.object({ member: memberSchema, org: cabinetOrgSchema });
export type CabinetMe = z.infer<typeof cabinetMeSchema>;

/** `PATCH /cabinet/me`: the member's own contacts and letters; anything else is `invalid`. */
export const cabinetPatchSchema = z
  .object({
    phone: phoneField,
    address: textField(500),
    notify: notifyPatchSchema,
  })
  .partial()
  .strict();
export type CabinetPatch = z.infer<typeof cabinetPatchSchema>;

export const consentEntrySchema = z.object({
  kind: z.enum(consentKinds),
  granted: z.boolean(),
  version: z.string(),
  at: z.string(),
  /** Who made the entry: the member in the cabinet, staff on the card, an application. */
  by: z.enum(['member', 'staff', 'application', 'system']),
});
export type ConsentEntry = z.infer<typeof consentEntrySchema>;

export const consentListSchema = z.object({ items: z.array(consentEntrySchema) });

/** `POST /cabinet/consents`. */
export const consentChangeSchema = z
  .object({
    kind: z.enum(consentKinds, 'Выберите согласие из списка'),
    granted: z.boolean('Да или нет'),
  })
  .strict();
export type ConsentChange = z.infer<typeof consentChangeSchema>;

/** Who read or changed the member's card: staff by name, role and org; the member; the system. */
export const accessLogEntrySchema = z.object({
  id: idSchema,
  at: z.string(),
  action: z.string(),
  /** The action in words. */
  label: z.string(),
  actor: z.object({
    kind: z.enum(['staff', 'member', 'partner', 'applicant', 'system']),
    fullName: z.string().nullable(),
    role: z.enum(roles).nullable(),
    orgName: z.string().nullable(),
  }),
});
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;
export const accessLogPageSchema = pageOf(accessLogEntrySchema);
export const accessLogQuerySchema = pageQuerySchema;

/** `GET /cabinet/card`: the virtual card; `qr` is a signed token of the number, nothing personal. */
export const virtualCardSchema = z.object({
  cardNumber: z.string(),
  holder: z.string(),
  orgName: z.string(),
  status: z.enum(memberStatuses),
  qr: z.string(),
  /** When the QR token stops being accepted; the cabinet fetches a new one before. */
  qrExpiresAt: z.string(),
});
export type VirtualCard = z.infer<typeof virtualCardSchema>;

export const cabinetLetterSchema = z.object({
  kind: z.string(),
  subject: z.string(),
  status: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

/**
 * `GET /cabinet/export`: everything held about the member. Each later feature adds its own
 * part (purchases, survey answers) as a key of `parts`-like arrays here.
 */
export const cabinetExportSchema = z.object({
  exportedAt: z.string(),
  member: memberSchema,
  org: cabinetOrgSchema,
  periods: z.array(registrationPeriodSchema),
  history: z.array(
    z.object({ at: z.string(), action: z.string(), changes: z.unknown(), by: z.string() }),
  ),
  consents: z.array(consentEntrySchema),
  accessLog: z.array(accessLogEntrySchema),
  letters: z.array(cabinetLetterSchema),
  /** The online application that put the member on record, if any. */
  applications: z.array(applicationSchema),
  /** Open cabinet sessions: when, from which address, on what device. */
  sessions: z.array(
    z.object({
      createdAt: z.string(),
      lastSeenAt: z.string(),
      expiresAt: z.string(),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
    }),
  ),
  purchases: z.array(z.unknown()),
  surveyAnswers: z.array(z.unknown()),
  /** Requests for aid and their decisions (additional social support). */
  aidRequests: z.array(ownAidRequestSchema),
});
export type CabinetExport = z.infer<typeof cabinetExportSchema>;

/** Staff: `POST /members/:id/cabinet-invitation` → 202. */
export const cabinetInvitationSchema = z.object({ queued: z.literal(true), to: z.string() });
