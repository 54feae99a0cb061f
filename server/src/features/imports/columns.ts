import type { ImportKind } from '@profreestr/contracts';

// The columns of import files as ../shared/API.md fixes them. Exports write the same headers,
// so an exported file can be corrected and loaded back.

export interface ColumnSpec {
  header: string;
  /** The API field the column fills (`chairman.phone` for a nested one). */
  field: string;
  required?: boolean;
  help: string;
  example: string;
  /** Allowed values, as written in the file. */
  values?: readonly string[];
  /** Other words people write for a value (case and ё aside), listed in the template. */
  synonyms?: Readonly<Record<string, readonly string[]>>;
}

export const BOOLEAN_VALUES = ['да', 'нет'] as const;
export const SEX_VALUES = { м: 'male', ж: 'female' } as const;
export const CATEGORY_VALUES = {
  работающий: 'working',
  обучающийся: 'student',
  'неработающий пенсионер': 'pensioner',
} as const;
export const DUES_FORM_VALUES = { безналичная: 'payroll', наличная: 'cash' } as const;
export const LEVEL_VALUES = {
  центральная: 'central',
  региональная: 'regional',
  окружная: 'okrug',
  территориальная: 'territorial',
  первичная: 'primary',
} as const;
export const EDU_TYPE_VALUES = {
  общеобразовательная: 'school',
  дошкольная: 'kindergarten',
  'профессиональная образовательная': 'college',
  'высшего образования': 'university',
  'дополнительного образования': 'additional',
  иная: 'other',
} as const;

/** What people write for each type of education organization besides the list's words. */
export const EDU_TYPE_SYNONYMS: Readonly<Record<keyof typeof EDU_TYPE_VALUES, readonly string[]>> =
  {
    общеобразовательная: [
      'школа',
      'СОШ',
      'ООШ',
      'НОШ',
      'гимназия',
      'лицей',
      'общеобразовательная организация',
    ],
    дошкольная: ['детский сад', 'ДОУ', 'ДОО', 'МДОУ', 'МБДОУ', 'ясли', 'дошкольная организация'],
    'профессиональная образовательная': [
      'профессиональная',
      'колледж',
      'техникум',
      'училище',
      'СПО',
    ],
    'высшего образования': ['высшая', 'вуз', 'университет', 'институт', 'академия'],
    'дополнительного образования': [
      'дополнительная',
      'дополнительное',
      'ДОД',
      'дом творчества',
      'школа искусств',
    ],
    иная: ['другая', 'прочая'],
  };

const DATE_HELP = 'Дата в формате ДД.ММ.ГГГГ';
const BOOLEAN_HELP = 'да или нет';

export const memberColumns: readonly ColumnSpec[] = [
  {
    header: 'Код организации',
    field: 'orgId',
    required: true,
    help: 'Код первичной профсоюзной организации из реестра. Можно не заполнять, если файл загружается в саму первичную организацию',
    example: 'П-0001',
  },
  { header: 'Фамилия', field: 'lastName', required: true, help: 'Фамилия', example: 'Иванова' },
  { header: 'Имя', field: 'firstName', required: true, help: 'Имя', example: 'Анна' },
  { header: 'Отчество', field: 'middleName', help: 'Отчество, если есть', example: 'Сергеевна' },
  { header: 'Пол', field: 'sex', help: 'м или ж', example: 'ж', values: Object.keys(SEX_VALUES) },
  {
    header: 'Дата рождения',
    field: 'birthDate',
    help: `${DATE_HELP}; возраст от 14 до 100 лет`,
    example: '15.03.1985',
  },
  {
    header: 'Категория',
    field: 'category',
    help: 'Категория члена Профсоюза',
    example: 'работающий',
    values: Object.keys(CATEGORY_VALUES),
  },
  { header: 'Дата вступления', field: 'joinedOn', help: DATE_HELP, example: '01.09.2010' },
  {
    header: 'Форма уплаты взносов',
    field: 'duesPaymentForm',
    help: 'безналичная — из заработной платы; наличная — иначе',
    example: 'безналичная',
    values: Object.keys(DUES_FORM_VALUES),
  },
  {
    header: 'Согласие на обработку ПД',
    field: 'pdConsent',
    help: `Дата, когда дано согласие на обработку персональных данных; ${DATE_HELP}`,
    example: '01.09.2024',
  },
  {
    header: 'Место работы (учёбы)',
    field: 'workplace',
    help: 'Организация, где член Профсоюза работает или учится',
    example: 'МБОУ СОШ № 1',
  },
  { header: 'Должность', field: 'position', help: 'Должность', example: 'Учитель' },
  {
    header: 'Курс',
    field: 'studyCourse',
    help: 'Только для обучающихся: число от 1 до 6',
    example: '',
  },
  {
    header: 'Телефон',
    field: 'phone',
    help: 'Мобильный телефон, 10 цифр номера',
    example: '+7 912 345-67-89',
  },
  { header: 'E-mail', field: 'email', help: 'Адрес электронной почты', example: 'anna@example.ru' },
  {
    header: 'Номер билета',
    field: 'cardNumber',
    help: '16 цифр, последняя — контрольная. Пусто — номер присвоит реестр. Уже выданный номер сохраняется',
    example: '',
  },
];

export const orgColumns: readonly ColumnSpec[] = [
  {
    header: 'Код',
    field: 'code',
    required: true,
    help: 'Уникальный код организации в реестре',
    example: 'П-0001',
  },
  {
    header: 'Код вышестоящей',
    field: 'parentId',
    help: 'Код вышестоящей организации — из этого файла или из реестра. Пусто — организация встанет прямо под выбранную при загрузке',
    example: 'Т-001',
  },
  {
    header: 'Уровень',
    field: 'level',
    required: true,
    help: 'Уровень организации в структуре Профсоюза',
    example: 'первичная',
    values: Object.keys(LEVEL_VALUES),
  },
  {
    header: 'Полное наименование',
    field: 'name',
    required: true,
    help: 'Полное наименование профсоюзной организации',
    example: 'Первичная профсоюзная организация МБОУ СОШ № 1',
  },
  {
    header: 'Краткое наименование',
    field: 'shortName',
    help: 'Краткое наименование',
    example: 'ППО СОШ № 1',
  },
  {
    header: 'Юрлицо',
    field: 'isLegalEntity',
    help: BOOLEAN_HELP,
    example: 'нет',
    values: BOOLEAN_VALUES,
  },
  {
    header: 'ИНН профорганизации',
    field: 'inn',
    help: '10 цифр; только для юридического лица',
    example: '',
  },
  {
    header: 'Членский взнос, %',
    field: 'duesRate',
    help: 'Процент от заработной платы, от 0 до 100, например 1 или 1,5',
    example: '1',
  },
  {
    header: 'Малочисленная',
    field: 'isSmall',
    help: BOOLEAN_HELP,
    example: 'нет',
    values: BOOLEAN_VALUES,
  },
  {
    header: 'Наличие профкома',
    field: 'hasCommittee',
    help: BOOLEAN_HELP,
    example: 'да',
    values: BOOLEAN_VALUES,
  },
  {
    header: 'Председатель: Фамилия',
    field: 'chairman.lastName',
    help: 'Фамилия председателя',
    example: 'Петрова',
  },
  {
    header: 'Председатель: Имя',
    field: 'chairman.firstName',
    help: 'Имя председателя',
    example: 'Мария',
  },
  {
    header: 'Председатель: Отчество',
    field: 'chairman.middleName',
    help: 'Отчество председателя',
    example: 'Ивановна',
  },
  {
    header: 'Председатель: Телефон',
    field: 'chairman.phone',
    help: 'Телефон председателя, 10 цифр номера',
    example: '+7 912 000-00-01',
  },
  {
    header: 'Председатель: E-mail',
    field: 'chairman.email',
    help: 'Электронная почта председателя',
    example: 'chair@example.ru',
  },
  {
    header: 'Организация образования',
    field: 'eduOrg.name',
    help: 'Наименование организации образования, где действует профорганизация',
    example: 'МБОУ СОШ № 1',
  },
  {
    header: 'Тип организации образования',
    field: 'eduOrg.type',
    help: 'Тип организации образования',
    example: 'общеобразовательная',
    values: Object.keys(EDU_TYPE_VALUES),
    synonyms: EDU_TYPE_SYNONYMS,
  },
  {
    header: 'ИНН организации образования',
    field: 'eduOrg.inn',
    help: '10 цифр',
    example: '7707083893',
  },
  {
    header: 'Руководитель',
    field: 'eduOrg.headName',
    help: 'ФИО руководителя',
    example: 'Сидоров Олег Петрович',
  },
  {
    header: 'Должность руководителя',
    field: 'eduOrg.headPosition',
    help: 'Должность руководителя',
    example: 'Директор',
  },
  {
    header: 'Адрес',
    field: 'contacts.actualAddress',
    help: 'Фактический адрес',
    example: 'г. Тверь, ул. Школьная, 1',
  },
  {
    header: 'Телефон',
    field: 'contacts.phone',
    help: 'Телефон организации',
    example: '+7 4822 00-00-00',
  },
  {
    header: 'E-mail',
    field: 'contacts.email',
    help: 'Электронная почта организации',
    example: 'school1@example.ru',
  },
];

/** Columns an export adds for reading; an import of that file passes over them silently. */
export const memberExportOnly = ['Организация', 'Статус', 'Дата постановки на учёт'] as const;
export const orgExportOnly = ['Статус', 'Членов на учёте'] as const;
/** The column the rejected-rows file adds. */
export const ERRORS_HEADER = 'Ошибки';

export const columnsOf = (kind: ImportKind) => (kind === 'members' ? memberColumns : orgColumns);

export const silentHeadersOf = (kind: ImportKind): readonly string[] => [
  ERRORS_HEADER,
  ...(kind === 'members' ? memberExportOnly : orgExportOnly),
];

/** Headers compare without case, extra spaces or the ё/е difference. */
export const headerKey = (header: string) =>
  header.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
