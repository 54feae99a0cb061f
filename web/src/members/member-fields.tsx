import { Badge, Group, Text } from '@mantine/core';
import {
  deregisterReasonLabels,
  duesPaymentFormLabels,
  joinedRule,
  type Member,
  memberBirthRule,
  memberCategoryLabels,
  memberStatusLabels,
  pdConsentMethodLabels,
  pdConsentRule,
  sexLabels,
} from '@profreestr/contracts';
import type { ReactNode } from 'react';
import type { FieldDef, FieldErrors } from '../passport/field-model';
import { statusText } from './member-status';
import { OrgName } from './org-name';

/** One line of a card tab: a field (editable unless `readOnly`) or a fact shown as is. */
export interface MemberFieldDef extends FieldDef {
  readOnly?: boolean;
  /** Shown (and edited) only for some members, e.g. the course for students. */
  when?: (member: Member) => boolean;
  /** A read view other than the formatted value (a link, a badge). */
  view?: (member: Member) => ReactNode;
}

export interface MemberSection {
  /** Tab value in the URL. */
  tab: string;
  title: string;
  fields: MemberFieldDef[];
}

const isStudent = (member: Member) => member.category === 'student';
const isOff = (member: Member) => member.status === 'deregistered';

export const generalSection: MemberSection = {
  tab: 'general',
  title: 'Общие',
  fields: [
    { key: 'lastName', label: 'Фамилия', kind: 'name', required: true },
    { key: 'firstName', label: 'Имя', kind: 'name', required: true },
    { key: 'middleName', label: 'Отчество', kind: 'name' },
    { key: 'sex', label: 'Пол', kind: 'enum', options: sexLabels },
    { key: 'birthDate', label: 'Дата рождения', kind: 'date', rule: memberBirthRule },
    { key: 'category', label: 'Категория', kind: 'enum', options: memberCategoryLabels },
    {
      key: 'duesPaymentForm',
      label: 'Форма уплаты взносов',
      kind: 'enum',
      options: duesPaymentFormLabels,
    },
    {
      key: 'pdConsent.givenOn',
      label: 'Согласие на обработку ПД: дата',
      kind: 'date',
      rule: pdConsentRule,
    },
    { key: 'pdConsent.version', label: 'Согласие на обработку ПД: версия', kind: 'text' },
    {
      key: 'pdConsent.method',
      label: 'Согласие на обработку ПД: способ',
      kind: 'enum',
      options: pdConsentMethodLabels,
    },
  ],
};

export const recordSection: MemberSection = {
  tab: 'record',
  title: 'Профсоюзный учёт',
  fields: [
    {
      key: 'orgId',
      label: 'Организация',
      kind: 'text',
      readOnly: true,
      view: (member) => <OrgName id={member.orgId} />,
    },
    { key: 'joinedOn', label: 'Дата вступления в Профсоюз', kind: 'date', rule: joinedRule },
    { key: 'registeredOn', label: 'Дата постановки на учёт', kind: 'date', readOnly: true },
    { key: 'cardNumber', label: 'Номер профсоюзного билета', kind: 'card', readOnly: true },
    {
      key: 'status',
      label: 'Статус',
      kind: 'enum',
      options: memberStatusLabels,
      readOnly: true,
      view: (member) => <Text size="sm">{statusText(member)}</Text>,
    },
    {
      key: 'deregisteredOn',
      label: 'Дата снятия с учёта',
      kind: 'date',
      readOnly: true,
      when: isOff,
    },
    {
      key: 'deregisterReason',
      label: 'Причина снятия',
      kind: 'enum',
      options: deregisterReasonLabels,
      readOnly: true,
      when: isOff,
    },
    { key: 'deregisterNote', label: 'Комментарий', kind: 'text', readOnly: true, when: isOff },
  ],
};

export const workSection: MemberSection = {
  tab: 'work',
  title: 'Работа (учёба, пенсия)',
  fields: [
    { key: 'workplace', label: 'Место работы (учёбы)', kind: 'longtext', span: 2 },
    { key: 'position', label: 'Должность', kind: 'text' },
    { key: 'staffCategory', label: 'Категория персонала', kind: 'text' },
    { key: 'studyCourse', label: 'Курс', kind: 'int', min: 1, max: 6, when: isStudent },
    { key: 'faculty', label: 'Факультет', kind: 'text', when: isStudent },
    { key: 'under35', label: 'Моложе 35 лет', kind: 'bool', readOnly: true },
  ],
};

function EmailView({ member }: { member: Member }) {
  if (!member.email) return null;
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {member.email}
      </Text>
      <Badge size="sm" variant="light" tt="none" color={member.emailVerified ? 'teal' : 'gray'}>
        {member.emailVerified ? 'подтверждён' : 'не подтверждён'}
      </Badge>
    </Group>
  );
}

export const contactsSection: MemberSection = {
  tab: 'contacts',
  title: 'Контакты',
  fields: [
    { key: 'phone', label: 'Телефон', kind: 'phone' },
    {
      key: 'email',
      label: 'E-mail',
      kind: 'email',
      view: (member) => (member.email ? <EmailView member={member} /> : null),
    },
    { key: 'address', label: 'Адрес', kind: 'longtext', span: 2 },
    { key: 'notify.sms', label: 'Согласие на SMS', kind: 'check' },
    { key: 'notify.push', label: 'Согласие на PUSH', kind: 'check' },
    { key: 'notify.email', label: 'Согласие на e-mail', kind: 'check' },
  ],
};

export const memberSections = [generalSection, recordSection, workSection, contactsSection];

/** The fields of a tab this member has. */
export const visibleFields = (section: MemberSection, member: Member) =>
  section.fields.filter((def) => !def.when || def.when(member));

/**
 * The consent is one object: all of it empty clears it; otherwise it needs its date.
 * Returns the errors; fixes `patch.pdConsent` in place.
 */
export function finishPdConsent(patch: Record<string, unknown>): FieldErrors {
  const consent = patch.pdConsent as Record<string, unknown> | undefined;
  if (!consent) return {};
  if (Object.values(consent).every((value) => value === null)) {
    patch.pdConsent = null;
    return {};
  }
  if (!consent.givenOn) return { 'pdConsent.givenOn': 'Укажите дату согласия' };
  return {};
}

/** Field paths of the API → their definitions, for the history. */
export const memberFieldsByPath: Map<string, MemberFieldDef> = new Map(
  memberSections.flatMap((section) => section.fields.map((def) => [def.key, def])),
);
