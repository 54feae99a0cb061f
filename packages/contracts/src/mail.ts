import { z } from 'zod';
import { idSchema, pageOf, pageQuerySchema } from './common.js';
import { letterKinds, letterStatuses, memberCategories, orgLevels } from './enums.js';
import { plainText } from './fields.js';

// Letters: the outbox every letter passes through, the admins' view of it, bounces.

/** `GET /mail/messages` items (admins: letters about their subtree). */
export const letterSchema = z.object({
  id: idSchema,
  kind: z.enum(letterKinds),
  to: z.string(),
  subject: z.string(),
  status: z.enum(letterStatuses),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type Letter = z.infer<typeof letterSchema>;

/** `GET /mail/messages/:id`: the letter as it goes out. */
export const letterDetailSchema = letterSchema.extend({
  toName: z.string().nullable(),
  messageId: z.string(),
  text: z.string(),
  html: z.string(),
  nextAttemptAt: z.string().nullable(),
  /** When the delivered letter's text was deleted by the retention rule (null: kept). */
  textPurgedAt: z.string().nullable(),
});
export type LetterDetail = z.infer<typeof letterDetailSchema>;

export const letterPageSchema = pageOf(letterSchema);
export type LetterPage = z.infer<typeof letterPageSchema>;

export const letterQuerySchema = pageQuerySchema.extend({
  kind: z.enum(letterKinds).optional(),
  status: z.enum(letterStatuses).optional(),
  /** The recipient's address, or its beginning. */
  to: plainText().trim().max(254).optional(),
});
export type LetterQuery = z.infer<typeof letterQuerySchema>;

/** `POST /mail/bounces` (the mail provider's webhook). */
export const bounceSchema = z
  .object({
    messageId: plainText().trim().min(3).max(998),
    type: z.enum(['hard', 'soft']),
    reason: plainText().trim().max(2000).optional(),
  })
  .strict();
export type Bounce = z.infer<typeof bounceSchema>;

// ---- Mailings ----

/** Who a mailing goes to: chairmen (of orgs at these levels) or members (of these categories). */
export const mailingAudienceSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('chairmen'),
      under: idSchema,
      levels: z.array(z.enum(orgLevels)).max(orgLevels.length).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('members'),
      under: idSchema,
      categories: z.array(z.enum(memberCategories)).max(memberCategories.length).optional(),
    })
    .strict(),
]);
export type MailingAudience = z.infer<typeof mailingAudienceSchema>;

export const mailingCreateSchema = z
  .object({
    subject: plainText('Тема: строка')
      .trim()
      .min(1, 'Укажите тему письма')
      .max(200, 'Тема не длиннее 200 символов'),
    body: plainText('Текст: строка')
      .trim()
      .min(1, 'Напишите текст письма')
      .max(20_000, 'Текст не длиннее 20 000 символов'),
    audience: mailingAudienceSchema,
  })
  .strict();
export type MailingCreate = z.infer<typeof mailingCreateSchema>;

export const mailingStatuses = ['draft', 'sending', 'sent'] as const;
export type MailingStatus = (typeof mailingStatuses)[number];

const mailingCountsSchema = z.object({
  total: z.number().int(),
  queued: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  bounced: z.number().int(),
  skipped: z.number().int(),
});

/** `POST /mailings` and `GET /mailings/:id`. */
export const mailingSchema = z.object({
  id: idSchema,
  subject: z.string(),
  body: z.string(),
  audience: mailingAudienceSchema,
  status: z.enum(mailingStatuses),
  /** The audience as counted now (a draft) or when sending began. */
  recipients: z.object({
    total: z.number().int(),
    withoutEmail: z.number().int(),
    withoutConsent: z.number().int(),
  }),
  /** Per-recipient delivery, once sending has begun. */
  counts: mailingCountsSchema,
  /** Recipients written so far while sending (of `recipients.total`). */
  prepared: z.number().int(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type Mailing = z.infer<typeof mailingSchema>;

/** `GET /mailings`: without the text and the per-recipient counts (those are the mailing's own page). */
export const mailingListItemSchema = mailingSchema.omit({ body: true, counts: true });
export type MailingListItem = z.infer<typeof mailingListItemSchema>;
export const mailingPageSchema = pageOf(mailingListItemSchema);

export const mailingRecipientStatuses = ['queued', 'sent', 'failed', 'bounced', 'skipped'] as const;
export type MailingRecipientStatus = (typeof mailingRecipientStatuses)[number];

export const mailingRecipientSchema = z.object({
  kind: z.enum(['chairman', 'member']),
  id: idSchema,
  orgId: idSchema,
  name: z.string(),
  email: z.string().nullable(),
  status: z.enum(mailingRecipientStatuses),
  /** Why a recipient was skipped (`no_email`, `no_consent`) or the delivery's error. */
  reason: z.string().nullable(),
});
export type MailingRecipient = z.infer<typeof mailingRecipientSchema>;

export const mailingRecipientPageSchema = pageOf(mailingRecipientSchema);

export const mailingRecipientQuerySchema = pageQuerySchema.extend({
  status: z.enum(mailingRecipientStatuses).optional(),
});

/** `POST /unsubscribe?token=…` (and the page a letter's link opens). */
export const unsubscribeQuerySchema = z.object({
  token: plainText().trim().min(10).max(200),
});

/** `POST /email/confirm` (the page a confirmation letter's link opens). */
export const emailConfirmSchema = z.object({ token: plainText().trim().min(10).max(200) }).strict();
