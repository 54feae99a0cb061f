import {
  addYears,
  CHAIRMAN_TERM_YEARS,
  chairmanBirthRule,
  chairmanTermRule,
  eduOrgTypeLabels,
  type Org,
  orgFieldApplies,
  parseDateText,
  pastRule,
  sexLabels,
  unionEraRule,
} from '@profreestr/contracts';
import { type FieldDef, type FormValues, formatDate } from './field-model';

/** A field tab: which part of the org it edits and its fields, in the order shown. */
export interface FieldSection {
  /** Tab value in the URL. */
  tab: string;
  title: string;
  /** The nested object the tab edits (`chairman`), or '' for the org's own fields. */
  prefix: '' | 'chairman' | 'eduOrg' | 'contacts';
  fields: FieldDef[];
}

export const inpoSection: FieldSection = {
  tab: 'inpo',
  title: 'ИНПО',
  prefix: '',
  fields: [
    { key: 'name', label: 'Полное наименование', kind: 'longtext', required: true, span: 2 },
    { key: 'shortName', label: 'Краткое наименование', kind: 'text', span: 2 },
    { key: 'code', label: 'Код', kind: 'code', required: true },
    {
      key: 'isLegalEntity',
      label: 'Юридическое лицо',
      kind: 'bool',
      required: true,
    },
    { key: 'inn', label: 'ИНН', kind: 'inn' },
    { key: 'ogrn', label: 'ОГРН', kind: 'ogrn' },
    { key: 'duesRate', label: 'Членский взнос, %', kind: 'decimal', min: 0, max: 100 },
    { key: 'isSmall', label: 'Малочисленная ПО', kind: 'bool' },
    { key: 'hasCommittee', label: 'Наличие профкома', kind: 'bool' },
    { key: 'foundedOn', label: 'Дата создания', kind: 'date', rule: pastRule },
  ],
};

/** The server sets the term end to election + 5 years when it is left empty. */
function termHint(values: FormValues): string | null {
  if (String(values.termEndsOn ?? '').trim() !== '') return null;
  const elected = parseDateText(String(values.electedOn ?? ''), unionEraRule);
  if (!('value' in elected) || elected.value === null) return null;
  const until = formatDate(addYears(elected.value, CHAIRMAN_TERM_YEARS));
  return `Если оставить пустым, будет установлен ${until} (дата избрания + ${CHAIRMAN_TERM_YEARS} лет)`;
}

export const chairmanSection: FieldSection = {
  tab: 'chairman',
  title: 'Председатель',
  prefix: 'chairman',
  fields: [
    { key: 'lastName', label: 'Фамилия', kind: 'name' },
    { key: 'firstName', label: 'Имя', kind: 'name' },
    { key: 'middleName', label: 'Отчество', kind: 'name' },
    { key: 'birthDate', label: 'Дата рождения', kind: 'date', rule: chairmanBirthRule },
    { key: 'sex', label: 'Пол', kind: 'enum', options: sexLabels },
    { key: 'electedOn', label: 'Дата избрания', kind: 'date', rule: unionEraRule },
    {
      key: 'termEndsOn',
      label: 'Срок полномочий до',
      kind: 'date',
      rule: chairmanTermRule,
      hint: termHint,
    },
    { key: 'isReleased', label: 'Освобождённый председатель', kind: 'bool' },
    { key: 'phone', label: 'Телефон', kind: 'phone' },
    { key: 'email', label: 'E-mail', kind: 'email' },
    { key: 'notify.sms', label: 'Согласие на SMS', kind: 'check' },
    { key: 'notify.push', label: 'Согласие на PUSH', kind: 'check' },
    { key: 'notify.email', label: 'Согласие на e-mail', kind: 'check' },
  ],
};

const eduOrgFields: FieldDef[] = [
  { key: 'name', label: 'Наименование организации образования', kind: 'longtext', span: 2 },
  { key: 'type', label: 'Тип', kind: 'enum', options: eduOrgTypeLabels, span: 2 },
  { key: 'inn', label: 'ИНН', kind: 'inn' },
  { key: 'headName', label: 'Руководитель', kind: 'text' },
  { key: 'headPosition', label: 'Должность руководителя', kind: 'text' },
  { key: 'employees', label: 'Численность работников', kind: 'int', min: 0, max: 1_000_000 },
  { key: 'students', label: 'Численность обучающихся', kind: 'int', min: 0, max: 1_000_000 },
];

/** «Организация» for a primary, «Система образования» above it: the same fields. */
export const eduOrgSection = (org: Pick<Org, 'level'>): FieldSection => ({
  tab: 'eduorg',
  title: org.level === 'primary' ? 'Организация' : 'Система образования',
  prefix: 'eduOrg',
  fields: eduOrgFields,
});

export const contactsSection: FieldSection = {
  tab: 'contacts',
  title: 'Адреса и телефоны',
  prefix: 'contacts',
  fields: [
    { key: 'legalAddress', label: 'Юридический адрес', kind: 'longtext', span: 2 },
    { key: 'actualAddress', label: 'Фактический адрес', kind: 'longtext', span: 2 },
    { key: 'phone', label: 'Телефон', kind: 'phone' },
    { key: 'email', label: 'E-mail', kind: 'email' },
    { key: 'website', label: 'Сайт', kind: 'website' },
  ],
};

/** The object a section shows and edits. */
export const sectionSource = (org: Org, section: FieldSection): unknown =>
  section.prefix ? org[section.prefix] : org;

/** A field's path as the API names it: `chairman.phone`, `duesRate`. */
export const fieldPath = (section: FieldSection, def: FieldDef) =>
  section.prefix ? `${section.prefix}.${def.key}` : def.key;

/**
 * The fields of a section the org's level has: above primaries there is no dues rate, no
 * small-org or committee flag and no headcounts (contracts' `orgFieldLevels`), so they are
 * neither shown nor counted as missing.
 */
export const sectionFields = (org: Pick<Org, 'level'>, section: FieldSection): FieldDef[] =>
  section.fields.filter((def) => orgFieldApplies(fieldPath(section, def), org.level));

const GROUP_LABELS: Record<FieldSection['prefix'], string> = {
  '': '',
  chairman: 'Председатель',
  eduOrg: 'Организация образования',
  contacts: 'Адреса и телефоны',
};

/** Field paths as the API names them (`chairman.phone`) → their definitions, for the history. */
export const passportFieldsByPath: Map<string, { def: FieldDef; group: string }> = new Map(
  [inpoSection, chairmanSection, eduOrgSection({ level: 'primary' }), contactsSection].flatMap(
    (section) =>
      section.fields.map((def) => [
        fieldPath(section, def),
        { def, group: GROUP_LABELS[section.prefix] },
      ]),
  ),
);
