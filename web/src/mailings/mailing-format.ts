import {
  type Mailing,
  type MailingAudience,
  type MailingRecipientStatus,
  type MailingStatus,
  memberCategoryLabels,
  orgLevelLabels,
} from '@profreestr/contracts';

export const MAILINGS_TITLE = 'Рассылки';
export const MAILINGS_PATH = '/mailings';
export const NEW_MAILING_PATH = '/mailings/new';
export const mailingPath = (id: string) => `/mailings/${id}`;

/** Said to a caller without `mailing:read` (or `mailing:create`, for the form). */
export const MAILINGS_REFUSAL = 'Рассылки доступны редакторам и администраторам.';
export const COMPOSE_REFUSAL = 'Создавать рассылки могут редакторы и администраторы.';

export const mailingStatusLabels: Record<MailingStatus, string> = {
  draft: 'Черновик',
  sending: 'Отправляется',
  sent: 'Отправлена',
};

export const recipientStatusLabels: Record<MailingRecipientStatus, string> = {
  queued: 'В очереди',
  sent: 'Отправлено',
  failed: 'Не доставлено',
  bounced: 'Возвращено',
  skipped: 'Пропущено',
};

/** Why a recipient got no letter, or the delivery's error as the mail server said it. */
export function reasonText(reason: string | null): string | null {
  if (!reason) return null;
  if (reason === 'no_email') return 'нет e-mail';
  if (reason === 'no_consent') return 'нет согласия на письма';
  return reason;
}

export const subjectText = (subject: string) => subject.trim() || 'Без темы';

/** Those of the audience a letter goes to: an address and their consent. */
export const receivingCount = (recipients: Mailing['recipients']) =>
  Math.max(0, recipients.total - recipients.withoutEmail - recipients.withoutConsent);

/** «Члены Профсоюза: все категории», «Председатели организаций: Первичная, Территориальная». */
export function audienceText(audience: MailingAudience): string {
  if (audience.kind === 'members') {
    const chosen = audience.categories ?? [];
    return chosen.length === 0
      ? 'Члены Профсоюза: все категории'
      : `Члены Профсоюза: ${chosen.map((c) => memberCategoryLabels[c].toLocaleLowerCase('ru-RU')).join(', ')}`;
  }
  const chosen = audience.levels ?? [];
  return chosen.length === 0
    ? 'Председатели организаций всех уровней'
    : `Председатели организаций: ${chosen.map((l) => orgLevelLabels[l].toLocaleLowerCase('ru-RU')).join(', ')}`;
}

/**
 * The text as sent: line breaks as `\n`, a line of spaces blank (the letter's paragraphs are
 * split by blank lines, as people see them).
 */
export const normalizeBody = (body: string): string =>
  body
    .replace(/\r\n?/g, '\n')
    .replace(/^[ \t]+$/gm, '')
    .trim();

/** The paragraphs of the letter, as the server splits them; lines inside one are kept. */
export const paragraphsOf = (body: string): string[] =>
  normalizeBody(body)
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.trim() !== '');
