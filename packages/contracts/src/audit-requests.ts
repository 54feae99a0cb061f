// Refused requests (`access.denied`: method, route, status, id) in the audit journal: each
// API route by its Russian name. Free of zod, like the journal's other labels.

const requestLabels: Record<string, string> = {
  'GET /api/v1/auth/me': 'свои данные',
  'POST /api/v1/auth/logout': 'выход',
  'POST /api/v1/auth/password': 'смена своего пароля',
  'POST /api/v1/auth/mfa/setup': 'настройка второго фактора',
  'POST /api/v1/auth/mfa/enable': 'включение второго фактора',
  'POST /api/v1/auth/mfa/disable': 'отключение второго фактора',
  'POST /api/v1/auth/mfa/verify': 'вход вторым фактором',
  'POST /api/v1/auth/mfa/recovery-codes': 'новые резервные коды',
  'GET /api/v1/users': 'список пользователей',
  'POST /api/v1/users': 'создание пользователя',
  'GET /api/v1/users/:id': 'просмотр пользователя',
  'PATCH /api/v1/users/:id': 'изменение пользователя',
  'DELETE /api/v1/users/:id/mfa': 'сброс второго фактора пользователя',
  'POST /api/v1/users/:id/password': 'новый пароль пользователя',
  'GET /api/v1/audit': 'журнал аудита',
  'GET /api/v1/members/:id/audit': 'журнал просмотров карточки',
  'GET /api/v1/orgs': 'поиск организаций',
  'POST /api/v1/orgs': 'создание организации',
  'GET /api/v1/orgs/export': 'выгрузка организаций',
  'GET /api/v1/orgs/transfer-targets': 'организации для перевода',
  'GET /api/v1/orgs/:id': 'паспорт организации',
  'PATCH /api/v1/orgs/:id': 'изменение паспорта организации',
  'GET /api/v1/orgs/:id/children': 'подчинённые организации',
  'GET /api/v1/orgs/:id/ancestors': 'вышестоящие организации',
  'GET /api/v1/orgs/:id/history': 'история изменений организации',
  'GET /api/v1/orgs/:id/stats': 'численность организации',
  'GET /api/v1/orgs/:id/completeness': 'заполненность организации',
  'GET /api/v1/orgs/:id/completeness/children': 'заполненность подчинённых организаций',
  'GET /api/v1/orgs/:id/completeness/orgs': 'организации с незаполненными полями',
  'GET /api/v1/orgs/:id/completeness/trend': 'динамика заполненности',
  'GET /api/v1/orgs/:id/completeness/export': 'выгрузка заполненности',
  'GET /api/v1/orgs/:id/short-passport': 'краткий паспорт организации',
  'GET /api/v1/orgs/:id/short-passport.pdf': 'краткий паспорт организации (PDF)',
  'POST /api/v1/orgs/:id/move': 'перенос организации',
  'POST /api/v1/orgs/:id/merge': 'присоединение организации',
  'POST /api/v1/orgs/:id/liquidate': 'ликвидация организации',
  'GET /api/v1/orgs/:id/activists': 'профактив организации',
  'POST /api/v1/orgs/:id/activists': 'добавление в профактив',
  'PATCH /api/v1/orgs/:id/activists/:partId': 'изменение профактива',
  'DELETE /api/v1/orgs/:id/activists/:partId': 'удаление из профактива',
  'GET /api/v1/orgs/:id/staff': 'штат организации',
  'POST /api/v1/orgs/:id/staff': 'добавление в штат',
  'PATCH /api/v1/orgs/:id/staff/:partId': 'изменение штата',
  'DELETE /api/v1/orgs/:id/staff/:partId': 'удаление из штата',
  'GET /api/v1/orgs/:id/events': 'мероприятия организации',
  'POST /api/v1/orgs/:id/events': 'добавление мероприятия',
  'PATCH /api/v1/orgs/:id/events/:partId': 'изменение мероприятия',
  'DELETE /api/v1/orgs/:id/events/:partId': 'удаление мероприятия',
  'GET /api/v1/members': 'список членов Профсоюза',
  'POST /api/v1/members': 'постановка на учёт',
  'GET /api/v1/members/duplicates': 'возможные дубли',
  'POST /api/v1/members/duplicates/dismiss': 'отметка «не дубль»',
  'POST /api/v1/members/:id/merge': 'объединение карточек',
  'GET /api/v1/members/export': 'выгрузка членов Профсоюза',
  'GET /api/v1/members/:id': 'карточка члена Профсоюза',
  'PATCH /api/v1/members/:id': 'изменение карточки члена Профсоюза',
  'GET /api/v1/members/:id/history': 'история карточки члена Профсоюза',
  'POST /api/v1/members/:id/transfer': 'перевод члена Профсоюза',
  'POST /api/v1/members/:id/deregister': 'снятие с учёта',
  'POST /api/v1/members/:id/readmit': 'повторная постановка на учёт',
  'GET /api/v1/imports': 'список импортов',
  'POST /api/v1/imports': 'загрузка файла для импорта',
  'GET /api/v1/imports/:id': 'ход импорта',
  'GET /api/v1/imports/:id/rejected.xlsx': 'отклонённые строки импорта',
  'GET /api/v1/imports/templates/:kind': 'шаблон файла импорта',
  'GET /api/v1/mail/messages': 'список писем',
  'GET /api/v1/mail/messages/:id': 'письмо',
  'POST /api/v1/mail/messages/:id/resend': 'повторная отправка письма',
  'POST /api/v1/mail/bounces': 'сообщение о недоставленном письме',
  'POST /api/v1/unsubscribe': 'отписка от рассылок',
  'POST /api/v1/email/confirm': 'подтверждение e-mail',
  'GET /api/v1/mailings': 'список рассылок',
  'POST /api/v1/mailings': 'создание рассылки',
  'GET /api/v1/mailings/:id': 'рассылка',
  'POST /api/v1/mailings/:id/send': 'отправка рассылки',
  'GET /api/v1/mailings/:id/recipients': 'получатели рассылки',
  'POST /api/v1/cabinet/auth/code': 'код входа в личный кабинет',
  'POST /api/v1/cabinet/auth/login': 'вход в личный кабинет',
  'POST /api/v1/cabinet/auth/logout': 'выход из личного кабинета',
  'GET /api/v1/cabinet/me': 'своя карточка в личном кабинете',
  'PATCH /api/v1/cabinet/me': 'изменение своих контактов',
  'GET /api/v1/cabinet/consents': 'свои согласия',
  'POST /api/v1/cabinet/consents': 'согласие или его отзыв',
  'GET /api/v1/cabinet/access-log': 'кто смотрел свою карточку',
  'GET /api/v1/cabinet/export': 'выгрузка всех своих данных',
  'GET /api/v1/cabinet/card': 'электронный билет',
  'POST /api/v1/members/:id/cabinet-invitation': 'приглашение в личный кабинет',
  'GET /api/v1/public/regions': 'регионы для заявления о вступлении',
  'GET /api/v1/public/orgs': 'поиск организации для заявления о вступлении',
  'POST /api/v1/applications': 'подача заявления о вступлении',
  'POST /api/v1/applications/:id/confirm': 'подтверждение заявления кодом',
  'GET /api/v1/applications/:id/status': 'состояние заявления',
  'GET /api/v1/applications': 'список заявлений о вступлении',
  'GET /api/v1/applications/count': 'число заявлений, ждущих решения',
  'GET /api/v1/applications/:id': 'заявление о вступлении',
  'POST /api/v1/applications/:id/accept': 'приём по заявлению',
  'POST /api/v1/applications/:id/reject': 'отклонение заявления',
  'GET /api/v1/report-forms': 'формы отчётов',
  'GET /api/v1/report-forms/:code': 'форма отчёта',
  'POST /api/v1/report-forms': 'новая версия формы отчёта',
  'GET /api/v1/report-campaigns': 'отчётные кампании',
  'POST /api/v1/report-campaigns': 'открытие отчётной кампании',
  'GET /api/v1/report-campaigns/:id': 'отчётная кампания',
  'GET /api/v1/report-campaigns/:id/progress': 'ход отчётной кампании',
  'GET /api/v1/report-campaigns/:id/progress/children': 'ход кампании по организациям',
  'GET /api/v1/report-campaigns/:id/missing': 'кто не отчитался',
  'POST /api/v1/report-campaigns/:id/remind': 'напоминание не сдавшим отчёт',
  'GET /api/v1/report-campaigns/:id/consolidated': 'сводный отчёт',
  'GET /api/v1/report-campaigns/:id/consolidated/file': 'сводный отчёт файлом',
  'GET /api/v1/report-campaigns/:id/discrepancies': 'расхождения с реестром',
  'GET /api/v1/report-campaigns/:id/table': 'таблица отчётов кампании',
  'GET /api/v1/reports': 'список отчётов',
  'GET /api/v1/reports/:id': 'отчёт',
  'PATCH /api/v1/reports/:id': 'изменение отчёта',
  'POST /api/v1/reports/:id/submit': 'сдача отчёта',
  'POST /api/v1/reports/:id/accept': 'приём отчёта',
  'POST /api/v1/reports/:id/return': 'возврат отчёта на доработку',
  'POST /api/v1/reports/:id/prefill': 'данные реестра в отчёт',
  'GET /api/v1/reports/:id/history': 'история отчёта',
  'GET /api/v1/reports/:id/file': 'отчёт файлом',
  'GET /api/v1/register/as-of': 'численность на дату',
  'GET /api/v1/register/movement': 'движение численности',
};

/** A route's own Russian name, when it has one (a test checks every API route has). */
export const auditRequestLabel = (method: string, route: string): string | undefined =>
  requestLabels[`${method.toUpperCase()} ${route}`];

const sectionLabels: Record<string, string> = {
  auth: 'вход',
  users: 'пользователи',
  audit: 'журнал аудита',
  orgs: 'организации',
  members: 'члены Профсоюза',
  imports: 'импорт',
  mail: 'почта',
  mailings: 'рассылки',
  applications: 'заявления о вступлении',
  public: 'заявление о вступлении',
  reports: 'отчёты',
  'report-campaigns': 'отчётные кампании',
  'report-forms': 'формы отчётов',
  register: 'реестр на дату',
};
const methodLabels: Record<string, string> = {
  GET: 'просмотр',
  POST: 'действие',
  PATCH: 'изменение',
  PUT: 'изменение',
  DELETE: 'удаление',
};

/** The record a refused request's `id` names, by the route it came to. */
export function deniedRecordType(route: string): string | null {
  const match =
    /^\/api\/v1\/(members|orgs|users|imports|mailings|applications|reports|report-campaigns)\/:id(\/|$)/.exec(
      route,
    );
  const section = match?.[1];
  if (!section) return null;
  return (
    (
      {
        members: 'member',
        orgs: 'org',
        users: 'user',
        imports: 'import',
        mailings: 'mailing',
        applications: 'application',
        reports: 'report',
        'report-campaigns': 'report_campaign',
      } as Record<string, string>
    )[section] ?? null
  );
}

export function requestText(method: string, route: string): string {
  const own = auditRequestLabel(method, route);
  if (own) return own;
  // A route newer than this list: its section and what was done, still in Russian.
  const section = sectionLabels[route.split('/')[3] ?? ''] ?? 'другой раздел';
  return `${methodLabels[method.toUpperCase()] ?? 'запрос'}: ${section}`;
}

const statusLabels: Record<number, string> = {
  403: 'нет прав',
  404: 'не найдено',
};

export const deniedStatusText = (status: unknown) =>
  statusLabels[Number(status)] ?? `отказ (${String(status)})`;
