import { deniedRecordType, deniedStatusText, requestText } from './audit-requests.js';
import {
  applicationStatusLabels,
  importKindLabels,
  indicatorLabels,
  isIndicator,
  letterKindLabels,
  letterStatusLabels,
  memberCategoryLabels,
  memberStatusLabels,
  orgLevelLabels,
  orgStatusLabels,
  roleLabels,
} from './enums.js';

export { auditRequestLabel, deniedRecordType } from './audit-requests.js';

// The audit journal in Russian: every action the server writes, what its details mean, the
// records it names and their state now. Free of zod, so the web bundle takes it without the
// schemas; the texts are built here once, so they are unit-tested with the server.

/** Every action the server writes to the audit log (a test scans the server for them). */
export const auditActionLabels = {
  'auth.login': 'Вход в систему',
  'auth.logout': 'Выход из системы',
  'auth.password': 'Смена своего пароля',
  'auth.mfa': 'Подтверждение входа кодом',
  'mfa.enable': 'Включение второго фактора',
  'mfa.disable': 'Отключение второго фактора',
  'mfa.reset': 'Сброс второго фактора администратором',
  'mfa.recovery_codes': 'Новые резервные коды',
  'access.denied': 'Отказ в доступе',
  'audit.search': 'Просмотр журнала аудита',
  'audit.archive': 'Архивирование месяца журнала в файл',
  'member.audit': 'Просмотр, кто обращался к карточке',
  'user.create': 'Создание пользователя',
  'user.update': 'Изменение пользователя',
  'user.password': 'Новый пароль от администратора',
  'org.read': 'Просмотр паспорта организации',
  'org.create': 'Создание организации',
  'org.update': 'Изменение паспорта организации',
  'org.move': 'Перенос в другую вышестоящую организацию',
  'org.merge': 'Присоединение другой организации',
  'org.merged_into': 'Присоединение к другой организации',
  'org.liquidate': 'Ликвидация организации',
  'org.activist': 'Изменение профактива',
  'org.staff': 'Изменение штата',
  'org.event': 'Изменение мероприятий',
  'org.export': 'Выгрузка организаций',
  'org.export.end': 'Выгрузка организаций: итог',
  'member.read': 'Просмотр карточки члена Профсоюза',
  'member.invite': 'Приглашение в личный кабинет',
  'member.consent': 'Согласие дано или отозвано в личном кабинете',
  'member.export_own': 'Выгрузка всех своих данных из личного кабинета',
  'member.card': 'Просмотр электронного билета',
  'cabinet.login': 'Вход в личный кабинет по коду',
  'cabinet.login_failed': 'Неверный код входа в личный кабинет',
  'member.list': 'Просмотр списка членов Профсоюза',
  'member.history': 'Просмотр истории карточки',
  'member.duplicates': 'Просмотр возможных дублей',
  'member.create': 'Постановка на учёт',
  'member.update': 'Изменение карточки',
  'member.transfer': 'Перевод в другую организацию',
  'member.deregister': 'Снятие с учёта',
  'member.readmit': 'Повторная постановка на учёт',
  'member.merge': 'Присоединение другой карточки того же человека',
  'member.merged': 'Карточка присоединена к другой',
  'member.distinct': 'Отметка «не дубль»',
  'member.export': 'Выгрузка членов Профсоюза',
  'member.export.end': 'Выгрузка членов Профсоюза: итог',
  'import.start': 'Загрузка файла для импорта',
  'import.rejected.read': 'Выгрузка отклонённых строк импорта',
  'completeness.export': 'Выгрузка заполненности',
  'completeness.export.end': 'Выгрузка заполненности: итог',
  'mail.search': 'Просмотр писем',
  'mail.read': 'Просмотр письма',
  'mail.resend': 'Повторная отправка письма',
  'mail.bounce': 'Письмо не доставлено (сообщение почтового сервиса)',
  'mail.unsubscribe': 'Отписка от рассылок по ссылке из письма',
  'member.email_confirmed': 'Подтверждение электронной почты владельцем по ссылке из письма',
  'mailing.create': 'Создание рассылки',
  'mailing.send': 'Отправка рассылки',
  'mailing.recipients': 'Просмотр получателей рассылки',
  'application.create': 'Подача заявления о вступлении',
  'application.confirm': 'Подтверждение заявления кодом из письма',
  'application.status': 'Проверка состояния заявления заявителем',
  'application.list': 'Просмотр списка заявлений о вступлении',
  'application.read': 'Просмотр заявления о вступлении',
  'application.accept': 'Приём по заявлению: постановка на учёт',
  'application.reject': 'Отклонение заявления о вступлении',
  'application.expire': 'Заявление не подтверждено за 7 дней',
  'report.form.create': 'Новая версия формы отчёта',
  'report.campaign.create': 'Открытие отчётной кампании',
  'report.campaign.remind': 'Напоминание не сдавшим отчёт',
  'report.missing.list': 'Просмотр списка не сдавших отчёт',
  'report.update': 'Изменение отчёта',
  'report.submit': 'Сдача отчёта',
  'report.accept': 'Приём отчёта',
  'report.return': 'Возврат отчёта на доработку',
  'report.table.export': 'Выгрузка таблицы отчётов кампании',
  'report.table.export.end': 'Выгрузка таблицы отчётов кампании: итог',
  'partner.create': 'Новый партнёр бонусной программы',
  'partner.rate': 'Новый процент кэшбэка партнёра',
  'partner.key.rotate': 'Новый ключ доступа партнёра',
  'partner.key.revoke': 'Ключ доступа партнёра отозван',
  'partner.purchases': 'Просмотр покупок партнёра',
  'partner.card_check': 'Проверка карты партнёром',
  'partner.purchase': 'Покупка по карте у партнёра',
  'partner.refund': 'Возврат покупки партнёром',
  'bonus.confirm': 'Подтверждение кэшбэка после срока ожидания',
  'bonus.stats.export': 'Выгрузка статистики бонусной программы',
  'bonus.stats.export.end': 'Выгрузка статистики бонусной программы: итог',
  'member.bonuses': 'Просмотр своего кэшбэка в личном кабинете',
  'card.read': 'Просмотр карт члена Профсоюза',
  'card.issue': 'Выдача пластиковой карты',
  'card.block': 'Блокировка карты',
  'card.order': 'Заказ новой пластиковой карты (перевыпуск)',
  'card.restore': 'Новая карта при повторной постановке на учёт',
  'card.virtual': 'Выпуск виртуальной карты',
  'card.to_issue.list': 'Просмотр списка карт к выдаче',
  'card_batch.create': 'Заказ партии карт',
  'card_batch.status': 'Изменение статуса партии карт',
  'card_batch.export': 'Выгрузка файла партии карт для изготовителя',
  'card_batch.export.end': 'Выгрузка файла партии карт для изготовителя: итог',
  'survey.create': 'Создание опроса или теста',
  'survey.update': 'Изменение опроса или теста',
  'survey.publish': 'Публикация опроса или теста: приглашения',
  'survey.respond': 'Ответ на опрос или тест',
  'survey.remind': 'Напоминание не ответившим на опрос',
  'survey.answers': 'Просмотр ответов текстом на вопрос опроса',
  'survey.export': 'Выгрузка итогов опроса',
  'survey.export.end': 'Выгрузка итогов опроса: итог',
  'benefit.create': 'Добавление льготы в каталог',
  'benefit.update': 'Изменение льготы',
  'benefit.end': 'Завершение действия льготы',
  'aid_request.create': 'Обращение за помощью из личного кабинета',
  'aid_request.own': 'Просмотр своих обращений за помощью в личном кабинете',
  'aid_request.list': 'Просмотр обращения за помощью в списке',
  'aid_request.read': 'Просмотр обращения за помощью',
  'aid_request.decide': 'Решение по обращению за помощью',
  'aid_request.totals.export': 'Выгрузка итогов назначенной помощи',
  'aid_request.totals.export.end': 'Выгрузка итогов назначенной помощи: итог',
} as const satisfies Record<string, string>;
export type AuditAction = keyof typeof auditActionLabels;
export const auditActions = Object.keys(auditActionLabels) as AuditAction[];

export const isAuditAction = (code: string): code is AuditAction =>
  Object.hasOwn(auditActionLabels, code);

/** The action's Russian name; a code no label knows yet (a newer server) is named as such. */
export const auditActionLabel = (code: string) =>
  isAuditAction(code) ? auditActionLabels[code] : `Другое действие (${code})`;

/** The groups of the journal's action filter: the code before the dot (`member.` = all). */
export const auditActionGroupLabels: Record<string, string> = {
  auth: 'Вход и пароль',
  mfa: 'Второй фактор',
  access: 'Отказы в доступе',
  user: 'Пользователи',
  org: 'Организации',
  member: 'Члены Профсоюза',
  import: 'Импорт',
  completeness: 'Заполненность',
  mail: 'Почта',
  mailing: 'Рассылки',
  application: 'Заявления о вступлении',
  partner: 'Партнёры бонусной программы',
  bonus: 'Бонусная программа',
  card: 'Карты',
  card_batch: 'Партии карт',
  survey: 'Опросы и тесты',
  benefit: 'Льготы',
  aid_request: 'Обращения за помощью',
};

export const auditResultLabels = { ok: 'Успешно', denied: 'Отказано', failed: 'Ошибка' } as const;

// ---- the records an entry names ----

export const auditRecordTypeLabels: Record<string, string> = {
  member: 'Член Профсоюза',
  org: 'Организация',
  user: 'Пользователь',
  import: 'Импорт',
  letter: 'Письмо',
  mailing: 'Рассылка',
  application: 'Заявление о вступлении',
  partner: 'Партнёр бонусной программы',
  purchase: 'Покупка у партнёра',
  card_batch: 'Партия карт',
  survey: 'Опрос или тест',
  benefit: 'Льгота',
};

/**
 * A named record as it is now: `active` (nothing to say), off record, liquidated, merged into
 * another org, a disabled user; `missing` when it no longer exists; `hidden` when it lies
 * outside the reader's subtree (or cannot be told from a missing one): then it has no name.
 */
export const auditRecordStates = [
  'active',
  'deregistered',
  'liquidated',
  'merged',
  'disabled',
  'missing',
  'hidden',
] as const;
export type AuditRecordState = (typeof auditRecordStates)[number];

const stateLabels: Record<string, Partial<Record<AuditRecordState, string>>> = {
  member: {
    deregistered: 'снят с учёта',
    merged: 'карточка присоединена к другой',
    missing: 'карточки больше нет',
    hidden: 'вне вашей области видимости',
  },
  org: {
    liquidated: 'ликвидирована',
    merged: 'присоединена к другой организации',
    missing: 'больше нет в реестре',
    hidden: 'вне вашей области видимости',
  },
  user: {
    disabled: 'доступ отключён',
    missing: 'больше нет',
    hidden: 'вне вашей области видимости',
  },
};

/** What the journal says of a record's state now ('' for an ordinary active one). */
export const auditStateLabel = (type: string, state: AuditRecordState) =>
  state === 'active'
    ? ''
    : (stateLabels[type]?.[state] ?? (state === 'hidden' ? 'нет доступа' : 'больше нет'));

export interface AuditRecordRef {
  type: string;
  id: string;
  name: string | null;
  state: AuditRecordState;
}

/** «ППО школы № 1 (ликвидирована)», or «Организация № 7 — вне вашей области видимости». */
export function auditRecordText(type: string, id: string, ref?: AuditRecordRef | null): string {
  const state = ref ? auditStateLabel(type, ref.state) : '';
  if (ref?.name) return state ? `${ref.name} (${state})` : ref.name;
  const plain = `${auditRecordTypeLabels[type] ?? 'Запись'} № ${id}`;
  return state ? `${plain} — ${state}` : plain;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// ---- details ----

export interface AuditDetailItem {
  /** The detail's Russian name; '' when the text says it all. */
  label: string;
  text: string;
}

export interface AuditNaming {
  /** The records the details name, by their names now (the entry's `refs`). */
  refs: readonly AuditRecordRef[];
  /** A changed field's Russian name (the web's field definitions know them). */
  field: (action: string, path: string) => string;
}

const refOf = (naming: AuditNaming, type: string, id: string) =>
  naming.refs.find((r) => r.type === type && r.id === id);

const recordText = (naming: AuditNaming, type: string, id: string) =>
  auditRecordText(type, id, refOf(naming, type, id));

const detailLabels: Record<string, string> = {
  login: 'Логин',
  reason: 'Причина',
  awaiting: 'Дальше',
  recoveryCode: 'Способ',
  role: 'Роль',
  orgId: 'Организация',
  under: 'Организация',
  disabled: 'Доступ',
  fullName: 'ФИО',
  importId: 'Импорт',
  kind: 'Что загружалось',
  fileName: 'Файл',
  bytes: 'Размер',
  rows: 'Строк',
  q: 'Поиск',
  missing: 'Не заполнено',
  returned: 'Показано записей',
  groups: 'Групп дублей',
  format: 'Формат',
  complete: 'Выгрузка',
  status: 'Статус',
  letterKind: 'Вид письма',
  letterStatus: 'Состояние письма',
  recipient: 'Получатель',
  recipients: 'Получателей',
  subscriber: 'Кто отписался',
  bounce: 'Возврат',
  category: 'Категория',
  level: 'Уровень',
  fields: 'Поля',
  keptId: 'Оставлена карточка',
  mergedId: 'Присоединена карточка',
  memberIds: 'Карточки',
  applicationStatus: 'Статус заявления',
  memberId: 'Карточка',
  // PROFCARDS: partners' calls carry nothing about the person.
  cashbackPercent: 'Процент кэшбэка',
  keyPrefix: 'Ключ доступа',
  valid: 'Карта действует',
  qr: 'По QR-коду',
  externalId: 'Номер покупки у партнёра',
  repeated: 'Повтор запроса',
  field: 'Отказ по полю',
  refund: 'Возврат',
  confirmed: 'Подтверждено покупок',
  cardId: 'Карта',
  blockReason: 'Причина блокировки',
  reissue: 'Перевыпуск',
  batchStatus: 'Статус партии',
  count: 'Карт',
  // Surveys: who was invited, letters queued, what changed, which question was read.
  invited: 'Приглашено',
  queued: 'Писем в очереди',
  surveyFields: 'Изменено',
  question: 'Вопрос',
  // Social support: which request and benefit, the decision and the roubles granted.
  aidRequestId: 'Обращение за помощью',
  benefitId: 'Льгота',
  decision: 'Решение',
  amount: 'Назначено, ₽',
  // audit.search: the journal's filters.
  actor: 'Пользователь',
  action: 'Действие',
  result: 'Результат',
  targetType: 'Вид записи',
  targetId: 'Запись',
  from: 'С даты',
  to: 'По дату',
  // access.denied: said in one sentence.
  method: '',
  route: '',
  id: '',
};

/** Every detail key the journal knows (a test checks every key in the log is one of them). */
export const auditDetailKeys = Object.keys(detailLabels);

const reasonLabels: Record<string, string> = { rate_limited: 'слишком много попыток' };
const awaitingLabels: Record<string, string> = {
  mfa_verify: 'ввод кода второго фактора',
  mfa_enroll: 'настройка второго фактора',
};
const formatLabels: Record<string, string> = { xlsx: 'Excel (XLSX)', csv: 'CSV' };
const refundLabels: Record<string, string> = {
  cancelled: 'до подтверждения: покупка отменена',
  reversed: 'после подтверждения: кэшбэк возвращён записью сторно',
};
const refusedFieldLabels: Record<string, string> = {
  cardNumber: 'карта не действует в программе',
  purchasedAt: 'время покупки',
};
// As in cards.ts, which this file (free of zod) cannot import.
const cardBlockReasonTexts: Record<string, string> = {
  lost: 'утеряна',
  damaged: 'повреждена',
  other: 'другое',
  deregistered: 'снят с учёта',
};
const cardBatchStatusTexts: Record<string, string> = {
  produced: 'изготовлена',
  delivered: 'доставлена',
};
const aidDecisionTexts: Record<string, string> = { approved: 'одобрено', rejected: 'отказано' };
const surveyFieldTexts: Record<string, string> = {
  title: 'название',
  kind: 'вид',
  anonymous: 'анонимность',
  audience: 'аудитория',
  questions: 'вопросы',
  opens_at: 'время начала',
  closes_at: 'время окончания',
};
const duplicateKindLabels: Record<string, string> = {
  duplicate: 'совпадают ФИО и дата рождения',
  candidate: 'совпадают ФИО, даты рождения нет',
};

const numberFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 });

function bytesText(value: unknown): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return String(value);
  if (n < 1024) return `${numberFormat.format(n)} Б`;
  if (n < 1024 * 1024) return `${numberFormat.format(n / 1024)} КБ`;
  return `${numberFormat.format(n / (1024 * 1024))} МБ`;
}

const fromTo = (value: unknown): { from: unknown; to: unknown } | null =>
  value && typeof value === 'object' && 'to' in value
    ? (value as { from: unknown; to: unknown })
    : null;

/** `{ from, to }` as «было → стало», or the single value. */
function changeText(value: unknown, text: (v: unknown) => string): string {
  const change = fromTo(value);
  return change ? `${text(change.from)} → ${text(change.to)}` : text(value);
}

const labelOf = (labels: Record<string, string>, value: unknown) =>
  labels[String(value)] ?? String(value);

/** A value of a detail the journal knows nothing more about: plain, never JSON. */
function plainText(value: unknown): string {
  if (Array.isArray(value)) return value.map(plainText).join(', ');
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .map(([key, v]) => `${key} ${plainText(v)}`)
      .join(', ');
  }
  return String(value);
}

function valueText(action: string, key: string, value: unknown, naming: AuditNaming): string {
  switch (key) {
    case 'role':
      return changeText(value, (v) => labelOf(roleLabels, v));
    case 'orgId':
    case 'under':
      return changeText(value, (v) => recordText(naming, 'org', String(v)));
    case 'disabled':
      return value ? 'отключён' : 'включён';
    case 'fullName':
      return value === true ? 'изменено' : String(value);
    case 'recoveryCode':
      return value ? 'резервный код' : 'код из приложения';
    case 'reason':
      return labelOf(reasonLabels, value);
    case 'awaiting':
      return labelOf(awaitingLabels, value);
    case 'importId':
      return recordText(naming, 'import', String(value));
    case 'kind':
      return labelOf(action.startsWith('import.') ? importKindLabels : duplicateKindLabels, value);
    case 'keptId':
    case 'mergedId':
      return recordText(naming, 'member', String(value));
    case 'memberId':
      return recordText(naming, 'member', String(value));
    case 'applicationStatus':
      return labelOf(applicationStatusLabels, value);
    case 'memberIds':
      return Array.isArray(value)
        ? value.map((id) => recordText(naming, 'member', String(id))).join(', ')
        : '';
    case 'bytes':
      return bytesText(value);
    case 'cashbackPercent':
      return `${numberFormat.format(Number(value))} %`;
    case 'refund':
      return labelOf(refundLabels, value);
    case 'field':
      return labelOf(refusedFieldLabels, value);
    case 'missing':
      return isIndicator(String(value))
        ? indicatorLabels[value as keyof typeof indicatorLabels]
        : String(value);
    case 'format':
      return labelOf(formatLabels, value);
    case 'complete':
      return value ? 'полностью' : 'прервана';
    case 'status':
      return labelOf(action.startsWith('org.') ? orgStatusLabels : memberStatusLabels, value);
    case 'category':
      return labelOf(memberCategoryLabels, value);
    case 'blockReason':
      return labelOf(cardBlockReasonTexts, value);
    case 'batchStatus':
      return labelOf(cardBatchStatusTexts, value);
    case 'surveyFields':
      return Array.isArray(value) ? value.map((f) => labelOf(surveyFieldTexts, f)).join(', ') : '';
    case 'decision':
      return labelOf(aidDecisionTexts, value);
    case 'aidRequestId':
      return `№ ${plainText(value)}`;
    case 'benefitId':
      return recordText(naming, 'benefit', String(value));
    case 'letterKind':
      return labelOf(letterKindLabels, value);
    case 'letterStatus':
      return labelOf(letterStatusLabels, value);
    case 'subscriber':
      return value === 'chairman' ? 'председатель организации' : 'член Профсоюза';
    case 'bounce':
      return value === 'hard' ? 'постоянный (адрес не работает)' : 'временный';
    case 'level':
      return labelOf(orgLevelLabels, value);
    case 'action':
      return labelOf(auditActionLabels as Record<string, string>, value);
    case 'result':
      return labelOf(auditResultLabels, value);
    case 'targetType':
      return labelOf(auditRecordTypeLabels, value);
    case 'from':
    case 'to':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? `${value.slice(8, 10)}.${value.slice(5, 7)}.${value.slice(0, 4)}`
        : plainText(value);
    case 'fields':
      return Array.isArray(value)
        ? value.map((f) => naming.field(action, String(f))).join(', ')
        : '';
    default:
      return plainText(value);
  }
}

/** A refused request in one sentence: «Карточка члена Профсоюза: Иванова Анна — нет прав». */
export function deniedRequestText(details: Record<string, unknown>, naming: AuditNaming): string {
  const method = String(details.method ?? '');
  const route = String(details.route ?? '');
  const type = deniedRecordType(route);
  const id = details.id === undefined || details.id === null ? null : String(details.id);
  // The record by name when the reader may see it, else by its number alone.
  const ref = id && type ? refOf(naming, type, id) : undefined;
  const record = ref?.name && type && id ? auditRecordText(type, id, ref) : id ? `№ ${id}` : '';
  const status = deniedStatusText(details.status);
  return `${capitalize(requestText(method, route))}${record ? `: ${record}` : ''} — ${status}`;
}

/** The entry's details, each with a Russian name and a readable value; empty ones left out. */
export function auditDetailItems(
  action: string,
  details: Record<string, unknown> | null,
  naming: AuditNaming,
): AuditDetailItem[] {
  if (!details) return [];
  if (action === 'access.denied' && details.route) {
    return [{ label: '', text: deniedRequestText(details, naming) }];
  }
  const items: AuditDetailItem[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    const text = valueText(action, key, value, naming);
    if (!text) continue;
    // A key no label knows (a newer server) keeps its name rather than lose what it says.
    items.push({ label: detailLabels[key] ?? `Сведения «${key}»`, text });
  }
  return items;
}
