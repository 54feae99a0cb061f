import {
  type Activist,
  activistRoleLabels,
  eventKindLabels,
  type OrgEvent,
  pastRule,
  type StaffMember,
} from '@profreestr/contracts';
import type { PartItems, PartKind } from '../api/org-parts';
import { formatPhone } from '../format';
import { type FieldDef, formatValue } from './field-model';

/** One column of a passport list: its label and the text of a row (null: not filled in). */
export interface PartColumn<T> {
  label: string;
  value: (item: T) => string | null;
}

export interface PartDef<K extends PartKind> {
  kind: K;
  /** Tab value in the URL and the tab's label. */
  tab: string;
  title: string;
  addTitle: string;
  editTitle: string;
  empty: string;
  fields: FieldDef[];
  /** The header of the title column. */
  titleLabel: string;
  /** The row's name: card title, first table column, accessible names of its buttons. */
  itemTitle: (item: PartItems[K]) => string;
  columns: PartColumn<PartItems[K]>[];
}

const fullName = (p: { lastName: string; firstName: string; middleName: string | null }) =>
  [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');

const personFields: FieldDef[] = [
  { key: 'lastName', label: 'Фамилия', kind: 'name', required: true },
  { key: 'firstName', label: 'Имя', kind: 'name', required: true },
  { key: 'middleName', label: 'Отчество', kind: 'name' },
];
const contactFields: FieldDef[] = [
  { key: 'phone', label: 'Телефон', kind: 'phone' },
  { key: 'email', label: 'E-mail', kind: 'email' },
];

const activistFields: FieldDef[] = [
  { key: 'role', label: 'Роль', kind: 'enum', options: activistRoleLabels, required: true },
  ...personFields,
  ...contactFields,
  { key: 'note', label: 'Примечание', kind: 'longtext', span: 2 },
];

export const activistsDef: PartDef<'activists'> = {
  kind: 'activists',
  tab: 'activists',
  title: 'Профактив',
  addTitle: 'Добавить в профактив',
  editTitle: 'Изменить запись профактива',
  empty: 'В профактиве пока никого нет.',
  fields: activistFields,
  titleLabel: 'ФИО',
  itemTitle: (a: Activist) => fullName(a),
  columns: [
    { label: 'Роль', value: (a) => activistRoleLabels[a.role] },
    { label: 'Телефон', value: (a) => a.phone && formatPhone(a.phone) },
    { label: 'E-mail', value: (a) => a.email },
    { label: 'Примечание', value: (a) => a.note },
  ],
};

const staffFields: FieldDef[] = [
  { key: 'position', label: 'Должность', kind: 'text', required: true, span: 2 },
  ...personFields,
  { key: 'rate', label: 'Ставка', kind: 'decimal', min: 0.05, max: 2 },
  ...contactFields,
];

export const staffDef: PartDef<'staff'> = {
  kind: 'staff',
  tab: 'staff',
  title: 'Штат',
  addTitle: 'Добавить сотрудника',
  editTitle: 'Изменить сотрудника',
  empty: 'Сотрудников в штате пока нет.',
  fields: staffFields,
  titleLabel: 'ФИО',
  itemTitle: (s: StaffMember) => fullName(s),
  columns: [
    { label: 'Должность', value: (s) => s.position },
    { label: 'Ставка', value: (s) => formatValue(undefined, s.rate) },
    { label: 'Телефон', value: (s) => s.phone && formatPhone(s.phone) },
    { label: 'E-mail', value: (s) => s.email },
  ],
};

const eventFields: FieldDef[] = [
  { key: 'date', label: 'Дата', kind: 'date', required: true, rule: pastRule },
  { key: 'kind', label: 'Вид', kind: 'enum', options: eventKindLabels, required: true },
  { key: 'title', label: 'Название', kind: 'longtext', required: true, span: 2 },
  { key: 'participants', label: 'Участников', kind: 'int', min: 0, max: 1_000_000 },
  { key: 'note', label: 'Примечание', kind: 'longtext', span: 2 },
];

export const eventsDef: PartDef<'events'> = {
  kind: 'events',
  tab: 'events',
  title: 'Мероприятия',
  addTitle: 'Добавить мероприятие',
  editTitle: 'Изменить мероприятие',
  empty: 'Мероприятий пока нет.',
  fields: eventFields,
  titleLabel: 'Название',
  itemTitle: (e: OrgEvent) => e.title,
  columns: [
    { label: 'Дата', value: (e) => formatValue(eventFields[0], e.date) },
    { label: 'Вид', value: (e) => eventKindLabels[e.kind] },
    { label: 'Участников', value: (e) => formatValue(undefined, e.participants) },
    { label: 'Примечание', value: (e) => e.note },
  ],
};

/** Field path → definition for each list, for the history («Профактив: Телефон»). */
export const partFieldsByAction: Record<string, FieldDef[]> = {
  activist: activistFields,
  staff: staffFields,
  event: eventFields,
};
