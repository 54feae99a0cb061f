// Enumerations and their Russian labels, free of zod so the UI can import them cheaply.

export const orgLevels = ['central', 'regional', 'okrug', 'territorial', 'primary'] as const;
export type OrgLevel = (typeof orgLevels)[number];
export const orgLevelLabels: Record<OrgLevel, string> = {
  central: 'Центральная',
  regional: 'Региональная (межрегиональная)',
  okrug: 'Окружная',
  territorial: 'Территориальная',
  primary: 'Первичная',
};

export const orgStatuses = ['active', 'liquidated'] as const;
export type OrgStatus = (typeof orgStatuses)[number];
export const orgStatusLabels: Record<OrgStatus, string> = {
  active: 'Действует',
  liquidated: 'Ликвидирована',
};

export const sexes = ['male', 'female'] as const;
export const eduOrgTypes = [
  'school',
  'kindergarten',
  'college',
  'university',
  'additional',
  'other',
] as const;

// Ordered from least to most rights: a user never grants more than their own.
export const roles = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof roles)[number];
export const roleLabels: Record<Role, string> = {
  viewer: 'Просмотр',
  editor: 'Редактор',
  admin: 'Администратор',
};

export const eduOrgTypeLabels: Record<(typeof eduOrgTypes)[number], string> = {
  school: 'Общеобразовательная организация',
  kindergarten: 'Дошкольная образовательная организация',
  college: 'Профессиональная образовательная организация',
  university: 'Образовательная организация высшего образования',
  additional: 'Организация дополнительного образования',
  other: 'Иная организация',
};

export const sexLabels: Record<(typeof sexes)[number], string> = {
  male: 'Мужской',
  female: 'Женский',
};

export const activistRoles = [
  'deputy_chair',
  'committee_member',
  'audit_commission_chair',
  'audit_commission_member',
  'labour_safety_rep',
  'group_organizer',
  'youth_council_chair',
  'other',
] as const;
export type ActivistRole = (typeof activistRoles)[number];
export const activistRoleLabels: Record<ActivistRole, string> = {
  deputy_chair: 'Заместитель председателя',
  committee_member: 'Член профкома',
  audit_commission_chair: 'Председатель ревизионной комиссии',
  audit_commission_member: 'Член ревизионной комиссии',
  labour_safety_rep: 'Уполномоченный по охране труда',
  group_organizer: 'Профгрупорг',
  youth_council_chair: 'Председатель молодёжного совета',
  other: 'Иная роль',
};

export const eventKinds = [
  'meeting',
  'conference',
  'training',
  'campaign',
  'sport',
  'culture',
  'other',
] as const;
export type EventKind = (typeof eventKinds)[number];
export const eventKindLabels: Record<EventKind, string> = {
  meeting: 'Собрание, заседание',
  conference: 'Конференция',
  training: 'Обучение, семинар',
  campaign: 'Акция',
  sport: 'Спортивное мероприятие',
  culture: 'Культурное мероприятие',
  other: 'Иное',
};

export const orgChangeActions = [
  'create',
  'update',
  'move',
  'merge',
  'merged_into',
  'liquidate',
  'activist',
  'staff',
  'event',
] as const;
export type OrgChangeAction = (typeof orgChangeActions)[number];
export const orgChangeActionLabels: Record<OrgChangeAction, string> = {
  create: 'Создание',
  update: 'Изменение паспорта',
  move: 'Перенос в другую вышестоящую организацию',
  merge: 'Присоединение другой организации',
  merged_into: 'Присоединена к другой организации',
  liquidate: 'Ликвидация',
  activist: 'Профактив',
  staff: 'Штат',
  event: 'Мероприятия',
};

export const memberStatuses = ['active', 'deregistered'] as const;
export type MemberStatus = (typeof memberStatuses)[number];
export const memberStatusLabels: Record<MemberStatus, string> = {
  active: 'На учёте',
  deregistered: 'Снят с учёта',
};

export const memberCategories = ['working', 'student', 'pensioner'] as const;
export type MemberCategory = (typeof memberCategories)[number];
export const memberCategoryLabels: Record<MemberCategory, string> = {
  working: 'Работающий',
  student: 'Обучающийся',
  pensioner: 'Неработающий пенсионер',
};

export const duesPaymentForms = ['payroll', 'cash'] as const;
export type DuesPaymentForm = (typeof duesPaymentForms)[number];
export const duesPaymentFormLabels: Record<DuesPaymentForm, string> = {
  payroll: 'Безналичная (из зарплаты)',
  cash: 'Наличная, иная',
};

export const deregisterReasons = [
  'own_wish',
  'exclusion',
  'left_job',
  'left_studies',
  'death',
  'org_liquidated',
  'other',
] as const;
export type DeregisterReason = (typeof deregisterReasons)[number];
export const deregisterReasonLabels: Record<DeregisterReason, string> = {
  own_wish: 'По собственному желанию',
  exclusion: 'Исключение из Профсоюза',
  left_job: 'Увольнение с работы',
  left_studies: 'Окончание или прекращение обучения',
  death: 'Смерть',
  org_liquidated: 'Ликвидация организации',
  other: 'Иная причина',
};

export const pdConsentMethods = ['paper', 'electronic'] as const;
export const pdConsentMethodLabels: Record<(typeof pdConsentMethods)[number], string> = {
  paper: 'Бумажное заявление',
  electronic: 'Электронная форма',
};

export const memberChangeActions = [
  'create',
  'update',
  'transfer',
  'deregister',
  'readmit',
  'merge',
] as const;
export type MemberChangeAction = (typeof memberChangeActions)[number];
export const memberChangeActionLabels: Record<MemberChangeAction, string> = {
  create: 'Постановка на учёт',
  update: 'Изменение карточки',
  transfer: 'Перевод в другую организацию',
  deregister: 'Снятие с учёта',
  readmit: 'Повторная постановка на учёт',
  merge: 'Объединение с другой карточкой того же человека',
};

/** Why a registration period ended: a reason of deregistration, or one of these. */
export const periodEndLabels: Record<string, string> = {
  ...deregisterReasonLabels,
  transfer: 'Перевод в другую организацию',
  org_merged: 'Присоединение организации к другой',
  card_merged: 'Объединение карточек одного человека',
};

// ---- imports and exports ----

export const importKinds = ['orgs', 'members'] as const;
export type ImportKind = (typeof importKinds)[number];
export const importKindLabels: Record<ImportKind, string> = {
  orgs: 'Организации',
  members: 'Члены Профсоюза',
};

export const importStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];
export const importStatusLabels: Record<ImportStatus, string> = {
  queued: 'В очереди',
  running: 'Выполняется',
  done: 'Завершён',
  failed: 'Не выполнен',
};

export const spreadsheetFormats = ['xlsx', 'csv'] as const;
export type SpreadsheetFormat = (typeof spreadsheetFormats)[number];

/** How many errors `GET /imports/:id` carries; all of them are in the rejected-rows file. */
export const IMPORT_ERRORS_SHOWN = 1000;

// Completeness ("не заполнено у N"): what the passports of primaries and the cards of members
// lack, counted for any subtree. The keys are those of `GET /orgs/:id/completeness`.
export const orgIndicators = [
  'duesRate',
  'isSmall',
  'hasCommittee',
  'chairman',
  'eduOrg',
  'eduOrgInn',
  'eduOrgHead',
  'eduOrgHeadPosition',
] as const;
export type OrgIndicator = (typeof orgIndicators)[number];

export const memberIndicators = [
  'category',
  'sex',
  'birthDate',
  'duesPaymentForm',
  'pdConsent',
  'workplace',
  'position',
  'studyCourse',
] as const;
export type MemberIndicator = (typeof memberIndicators)[number];

export const indicators = [...orgIndicators, ...memberIndicators] as const;
export type Indicator = (typeof indicators)[number];

export const isIndicator = (key: string | null | undefined): key is Indicator =>
  !!key && (indicators as readonly string[]).includes(key);
export const isOrgIndicator = (key: string): key is OrgIndicator =>
  (orgIndicators as readonly string[]).includes(key);
export const isMemberIndicator = (key: string | null | undefined): key is MemberIndicator =>
  !!key && (memberIndicators as readonly string[]).includes(key);

export const orgIndicatorLabels: Record<OrgIndicator, string> = {
  duesRate: 'Размер членского взноса',
  isSmall: 'Признак малочисленной ПО',
  hasCommittee: 'Наличие профкома',
  chairman: 'Председатель',
  eduOrg: 'Организация образования',
  eduOrgInn: 'ИНН организации образования',
  eduOrgHead: 'Руководитель организации образования',
  eduOrgHeadPosition: 'Должность руководителя',
};

export const memberIndicatorLabels: Record<MemberIndicator, string> = {
  category: 'Категория',
  sex: 'Пол',
  birthDate: 'Дата рождения',
  duesPaymentForm: 'Форма уплаты взносов',
  pdConsent: 'Согласие на обработку ПД',
  workplace: 'Место работы (учёбы)',
  position: 'Должность',
  studyCourse: 'Курс (обучающиеся)',
};

export const indicatorLabels: Record<Indicator, string> = {
  ...orgIndicatorLabels,
  ...memberIndicatorLabels,
};

export const auditResults = ['ok', 'denied', 'failed'] as const;
export type AuditResult = (typeof auditResults)[number];

// The audit actions' labels: audit-labels.ts.

/** Passwords: at least this long (and not a common one); no composition rules. */
export const PASSWORD_MIN_LENGTH = 10;

// Letters (the outbox).
export const letterKinds = [
  'login_code',
  'email_confirmation',
  'cabinet_invitation',
  'member_registered',
  'member_deregistered',
  'member_transferred_in',
  'member_transferred_out',
  'application_confirmation',
  'application_received',
  'application_accepted',
  'application_rejected',
  'report_returned',
  'report_reminder',
  'mailing',
  'survey_invitation',
  'card_ready',
  'aid_decided',
] as const;
export type LetterKind = (typeof letterKinds)[number];

export const letterKindLabels: Record<LetterKind, string> = {
  login_code: 'Код входа в кабинет',
  email_confirmation: 'Подтверждение e-mail',
  cabinet_invitation: 'Приглашение в кабинет',
  member_registered: 'Постановка на учёт',
  member_deregistered: 'Снятие с учёта',
  member_transferred_in: 'Перевод в организацию',
  member_transferred_out: 'Перевод из организации',
  application_confirmation: 'Подтверждение заявления',
  application_received: 'Новое заявление',
  application_accepted: 'Заявление принято',
  application_rejected: 'Заявление отклонено',
  report_returned: 'Отчёт возвращён',
  report_reminder: 'Напоминание об отчёте',
  mailing: 'Рассылка',
  survey_invitation: 'Приглашение в опрос',
  card_ready: 'Карта готова',
  aid_decided: 'Решение о помощи',
};

export const letterStatuses = ['queued', 'sent', 'failed', 'bounced'] as const;
export type LetterStatus = (typeof letterStatuses)[number];
export const letterStatusLabels: Record<LetterStatus, string> = {
  queued: 'В очереди',
  sent: 'Отправлено',
  failed: 'Не доставлено',
  bounced: 'Возвращено',
};

// Online join: an application's way (../shared/API.md, part 2, "Online join").
export const applicationStatuses = [
  'unconfirmed',
  'submitted',
  'accepted',
  'rejected',
  'expired',
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
export const applicationStatusLabels: Record<ApplicationStatus, string> = {
  unconfirmed: 'Не подтверждено',
  submitted: 'Ждёт решения',
  accepted: 'Принято',
  rejected: 'Отклонено',
  expired: 'Истекло',
};
