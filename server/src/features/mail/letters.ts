import { formatKopecks, isoToRu, quoted } from '@profreestr/contracts';

// The letters' texts: one template per kind, a plain-text and an HTML body from the same
// parts. Whatever people typed (names, an org's name, a mailing's text) is escaped in HTML.

export interface LetterContent {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** A paragraph of text, a list of lines, or a link with its label. */
type Part = string | { list: string[] } | { link: string; label: string };

/** The one layout of every letter: a greeting, the parts, the signature. */
export function compose(subject: string, greeting: string, parts: Part[]): LetterContent {
  const text = [
    greeting,
    ...parts.map((p) =>
      typeof p === 'string'
        ? p
        : 'list' in p
          ? p.list.map((line) => `— ${line}`).join('\n')
          : `${p.label}: ${p.link}`,
    ),
    'Профреестр — реестр членов Профсоюза',
  ].join('\n\n');
  const html = [
    '<!doctype html><html lang="ru"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: Arial, sans-serif; font-size: 15px; line-height: 1.5; color: #1a1b1e">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...parts.map((p) =>
      typeof p === 'string'
        ? `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`
        : 'list' in p
          ? `<ul>${p.list.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`
          : `<p><a href="${escapeHtml(p.link)}">${escapeHtml(p.label)}</a></p>`,
    ),
    '<p style="color: #868e96; font-size: 13px">Профреестр — реестр членов Профсоюза</p>',
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

export const greetingOf = (person: { firstName?: string | null; middleName?: string | null }) => {
  const name = [person.firstName, person.middleName].filter(Boolean).join(' ');
  return name ? `Здравствуйте, ${name}!` : 'Здравствуйте!';
};

/** «Иванова Анна Петровна» is greeted as «Анна Петровна». */
const greetingOfFullName = (fullName: string) => {
  const [, firstName = null, middleName = null] = fullName.split(' ');
  return greetingOf({ firstName, middleName });
};

export type ChairmanLetterKind =
  | 'member_registered'
  | 'member_deregistered'
  | 'member_transferred_in'
  | 'member_transferred_out';

export interface ChairmanNews {
  kind: ChairmanLetterKind;
  orgName: string;
  /** The other org of a transfer. */
  otherOrgName?: string | undefined;
  on: string;
  people: { id: string; name: string }[];
}

/** How many people a chairman's letter names before "и ещё N". */
const LISTED = 20;

/** A letter to a primary's chairman about members put on record, taken off, moved. */
export function chairmanLetter(
  news: ChairmanNews,
  chairman: { firstName: string | null; middleName: string | null },
  publicUrl: string,
): LetterContent {
  const one = news.people.length === 1 ? news.people[0] : undefined;
  const org = quoted(news.orgName);
  const other = news.otherOrgName ? quoted(news.otherOrgName) : 'другой организации';
  const date = isoToRu(news.on);
  const what: Record<ChairmanLetterKind, { subject: string; lead: string }> = {
    member_registered: {
      subject: one
        ? `Поставлен(а) на учёт: ${one.name}`
        : `Поставлены на учёт: ${news.people.length}`,
      lead: `В организации ${org} ${date} на учёт поставлены:`,
    },
    member_deregistered: {
      subject: one ? `Снят(а) с учёта: ${one.name}` : `Сняты с учёта: ${news.people.length}`,
      lead: `В организации ${org} ${date} сняты с учёта:`,
    },
    member_transferred_in: {
      subject: one ? `Переведён(а) к вам: ${one.name}` : `Переведены к вам: ${news.people.length}`,
      lead: `${date} в организацию ${org} из ${other} переведены:`,
    },
    member_transferred_out: {
      subject: one
        ? `Переведён(а) от вас: ${one.name}`
        : `Переведены от вас: ${news.people.length}`,
      lead: `${date} из организации ${org} в ${other} переведены:`,
    },
  };
  const { subject, lead } = what[news.kind];
  const listed = news.people.slice(0, LISTED).map((p) => p.name);
  const more = news.people.length - listed.length;
  const parts: Part[] = [lead, { list: more > 0 ? [...listed, `и ещё ${more}`] : listed }];
  if (one && news.kind !== 'member_transferred_out') {
    parts.push({ link: `${publicUrl}/members/${one.id}`, label: 'Карточка члена Профсоюза' });
  }
  parts.push(
    'Вы получаете это письмо как председатель первичной организации. Отказаться от писем можно в паспорте организации (уведомления по e-mail).',
  );
  return compose(`Профреестр: ${subject}`, greetingOf(chairman), parts);
}

/** A mailing's letter to one recipient: their name, the text, the way out. */
export function mailingLetter(
  mailing: { subject: string; body: string },
  recipient: { name: string },
  unsubscribePage: string,
): LetterContent {
  return compose(mailing.subject, greetingOfFullName(recipient.name), [
    ...mailing.body.split(/\n{2,}/),
    { link: unsubscribePage, label: 'Отписаться от рассылок' },
  ]);
}

/** To a member whose e-mail staff entered: the link that confirms it is theirs. */
export function emailConfirmationLetter(name: string, link: string): LetterContent {
  return compose('Профреестр: подтвердите адрес электронной почты', greetingOfFullName(name), [
    'Этот адрес указан в вашей учётной карточке члена Профсоюза. Подтвердите, что он ваш: по нему будут приходить письма профсоюзной организации.',
    { link, label: 'Подтвердить адрес' },
    'Ссылка действует 7 дней. Если вы не состоите в Профсоюзе или адрес не ваш, просто не отвечайте на это письмо.',
  ]);
}

export type Person = { firstName?: string | null; middleName?: string | null };

/** The member's one-time code for the cabinet (10 minutes, once). */
export function loginCodeLetter(person: Person, code: string): LetterContent {
  return compose(`Профреестр: код для входа ${code}`, greetingOf(person), [
    `Ваш код для входа в личный кабинет члена Профсоюза: ${code}`,
    'Код действует 10 минут и подходит только для одного входа. Никому его не сообщайте: сотрудники Профсоюза его никогда не спрашивают.',
    'Если вы не входили в кабинет, просто не отвечайте на это письмо.',
  ]);
}

/** The address is on more than one card: no code, lest one person open another's cabinet. */
export function sharedAddressLetter(): LetterContent {
  return compose('Профреестр: вход в личный кабинет', 'Здравствуйте!', [
    'Этот адрес электронной почты указан в карточках нескольких членов Профсоюза, поэтому код для входа в личный кабинет по нему не отправляется: так никто не откроет чужой кабинет.',
    'Попросите председателя своей профсоюзной организации указать в вашей карточке ваш личный адрес, и войдите снова.',
  ]);
}

/** Staff invite a member to the cabinet (also part of the letter accepting an application). */
export function cabinetInvitationLetter(person: Person, link: string): LetterContent {
  return compose('Профреестр: ваш личный кабинет члена Профсоюза', greetingOf(person), [
    'В личном кабинете можно посмотреть свою учётную карточку и электронный профсоюзный билет, поправить телефон и адрес, управлять согласиями и узнать, кто и когда открывал ваши данные.',
    { link, label: 'Войти в личный кабинет' },
    'Пароль не нужен: на этот адрес придёт код для входа.',
  ]);
}

/** The applicant's code confirming their address and the application. */
export function applicationConfirmationLetter(
  person: Person,
  code: string,
  applicationId: string,
): LetterContent {
  return compose(`Профреестр: код подтверждения заявления ${code}`, greetingOf(person), [
    `Чтобы подать заявление о вступлении в Профсоюз, введите на странице заявления код: ${code}`,
    `Номер вашего заявления: ${applicationId}. По нему и этому адресу можно узнать, что решено, на странице «Вступить в Профсоюз».`,
    'Неподтверждённое заявление удаляется через 7 дней. Если вы не подавали заявление, просто не отвечайте на это письмо.',
  ]);
}

/** To the chosen primary's chairman: someone asks to join. */
export function applicationReceivedLetter(
  chairman: Person,
  application: { name: string; orgName: string },
  link: string,
): LetterContent {
  return compose(`Профреестр: заявление о вступлении — ${application.name}`, greetingOf(chairman), [
    `${application.name} подал(а) заявление о вступлении в Профсоюз в организацию ${quoted(application.orgName)}.`,
    { link, label: 'Рассмотреть заявление' },
    'Вы получаете это письмо как председатель первичной организации. Отказаться от писем можно в паспорте организации (уведомления по e-mail).',
  ]);
}

/** To the applicant: accepted, with the card number and the way into the cabinet. */
export function applicationAcceptedLetter(
  person: Person,
  accepted: { orgName: string; cardNumber: string },
  cabinetLink: string,
): LetterContent {
  return compose('Профреестр: вы приняты в Профсоюз', greetingOf(person), [
    `Ваше заявление принято: вы поставлены на учёт в организации ${quoted(accepted.orgName)}. Номер вашего профсоюзного билета: ${accepted.cardNumber.replace(/(\d{4})(?=\d)/g, '$1 ')}.`,
    'В личном кабинете — электронный билет, ваши данные и согласия.',
    { link: cabinetLink, label: 'Войти в личный кабинет' },
  ]);
}

/** To the applicant: refused, and why. */
export function applicationRejectedLetter(
  person: Person,
  rejected: { orgName: string; reason: string },
): LetterContent {
  return compose('Профреестр: заявление о вступлении не принято', greetingOf(person), [
    `Ваше заявление о вступлении в организацию ${quoted(rejected.orgName)} не принято.`,
    `Причина: ${rejected.reason}`,
    'Если у вас есть вопросы, обратитесь к председателю профсоюзной организации.',
  ]);
}

/** What the report letters name: the form, the date it is as of, the deadline, the org. */
export interface ReportRef {
  formTitle: string;
  asOf: string;
  deadline: string;
  orgName: string;
}

/** To the report's org's chairman: the level above returned the report, and why. */
export function reportReturnedLetter(
  chairman: Person,
  report: ReportRef & { comment: string },
  link: string,
): LetterContent {
  return compose(
    `Профреестр: отчёт возвращён на доработку — ${report.formTitle}`,
    greetingOf(chairman),
    [
      `Отчёт организации ${quoted(report.orgName)} по состоянию на ${isoToRu(report.asOf)} возвращён на доработку.`,
      `Комментарий: ${report.comment}`,
      `Исправьте отчёт и сдайте его снова до ${isoToRu(report.deadline)}.`,
      { link, label: 'Открыть отчёт' },
    ],
  );
}

/** To the chairman of an org whose report is not in yet. */
export function reportReminderLetter(
  chairman: Person,
  report: ReportRef,
  link: string,
): LetterContent {
  return compose(`Профреестр: напоминание об отчёте — ${report.formTitle}`, greetingOf(chairman), [
    `Отчёт организации ${quoted(report.orgName)} по состоянию на ${isoToRu(report.asOf)} ещё не сдан. Срок сдачи — ${isoToRu(report.deadline)}.`,
    'Данные реестра уже внесены в отчёт: проверьте их, дополните недостающее и сдайте отчёт.',
    { link, label: 'Открыть отчёт' },
  ]);
}

/** To a member: their request for aid was decided (the amount granted, or why not). */
export function aidDecidedLetter(
  person: Person,
  decision: {
    benefitTitle: string;
    orgName: string;
    approved: boolean;
    /** Kopecks granted, when a sum was. */
    amountGranted: number | null;
    comment: string | null;
  },
  link: string,
): LetterContent {
  const benefit = quoted(decision.benefitTitle);
  const parts: Part[] = decision.approved
    ? [
        `Ваше обращение за помощью по льготе ${benefit} (${decision.orgName}) одобрено.`,
        ...(decision.amountGranted === null
          ? []
          : [`Назначенная сумма: ${formatKopecks(decision.amountGranted)}.`]),
      ]
    : [
        `По вашему обращению за помощью по льготе ${benefit} (${decision.orgName}) принято решение об отказе.`,
      ];
  if (decision.comment) {
    parts.push(`${decision.approved ? 'Комментарий' : 'Причина'}: ${decision.comment}`);
  }
  parts.push({ link, label: 'Обращения в личном кабинете' });
  return compose(
    decision.approved
      ? `Профреестр: обращение за помощью одобрено — ${decision.benefitTitle}`
      : `Профреестр: по обращению за помощью отказано — ${decision.benefitTitle}`,
    greetingOf(person),
    parts,
  );
}
