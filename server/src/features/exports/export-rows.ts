import type { Member, Org } from '@profreestr/contracts';
import type { CellValue } from '../../lib/spreadsheet.js';
import {
  CATEGORY_VALUES,
  DUES_FORM_VALUES,
  EDU_TYPE_VALUES,
  LEVEL_VALUES,
  memberColumns,
  memberExportOnly,
  orgColumns,
  orgExportOnly,
  SEX_VALUES,
} from '../imports/columns.js';

// Rows of an export in the import's own columns and words, so an exported file can be fixed
// and loaded back; a few columns for reading follow (the import passes over them).

const wordOf = <T extends string>(values: Record<string, T>) => {
  const words = new Map(Object.entries(values).map(([word, code]) => [code as string, word]));
  return (code: string | null | undefined) => (code ? (words.get(code) ?? code) : null);
};
const sexWord = wordOf(SEX_VALUES);
const categoryWord = wordOf(CATEGORY_VALUES);
const duesWord = wordOf(DUES_FORM_VALUES);
const levelWord = wordOf(LEVEL_VALUES);
const eduTypeWord = wordOf(EDU_TYPE_VALUES);

export const ruDate = (iso: string | null | undefined) =>
  iso ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : null;
const yesNo = (v: boolean | null | undefined) =>
  v === null || v === undefined ? null : v ? 'да' : 'нет';

export const memberExportHeaders = [...memberColumns.map((c) => c.header), ...memberExportOnly];

export function memberExportRow(
  m: Member,
  org: { code: string; name: string } | undefined,
): CellValue[] {
  const byField: Record<string, CellValue> = {
    orgId: org?.code ?? null,
    lastName: m.lastName,
    firstName: m.firstName,
    middleName: m.middleName,
    sex: sexWord(m.sex),
    birthDate: ruDate(m.birthDate),
    category: categoryWord(m.category),
    joinedOn: ruDate(m.joinedOn),
    duesPaymentForm: duesWord(m.duesPaymentForm),
    pdConsent: ruDate(m.pdConsent?.givenOn),
    workplace: m.workplace,
    position: m.position,
    studyCourse: m.studyCourse,
    phone: m.phone,
    email: m.email,
    cardNumber: m.cardNumber,
  };
  return [
    ...memberColumns.map((c) => byField[c.field] ?? null),
    org?.name ?? null,
    m.status === 'active' ? 'на учёте' : 'снят с учёта',
    ruDate(m.registeredOn),
  ];
}

export const orgExportHeaders = [...orgColumns.map((c) => c.header), ...orgExportOnly];

export function orgExportRow(o: Org, parentCode: string | null): CellValue[] {
  const byField: Record<string, CellValue> = {
    code: o.code,
    parentId: parentCode,
    level: levelWord(o.level),
    name: o.name,
    shortName: o.shortName,
    isLegalEntity: yesNo(o.isLegalEntity),
    inn: o.inn,
    duesRate: o.duesRate,
    isSmall: yesNo(o.isSmall),
    hasCommittee: yesNo(o.hasCommittee),
    'chairman.lastName': o.chairman?.lastName ?? null,
    'chairman.firstName': o.chairman?.firstName ?? null,
    'chairman.middleName': o.chairman?.middleName ?? null,
    'chairman.phone': o.chairman?.phone ?? null,
    'chairman.email': o.chairman?.email ?? null,
    'eduOrg.name': o.eduOrg?.name ?? null,
    'eduOrg.type': eduTypeWord(o.eduOrg?.type),
    'eduOrg.inn': o.eduOrg?.inn ?? null,
    'eduOrg.headName': o.eduOrg?.headName ?? null,
    'eduOrg.headPosition': o.eduOrg?.headPosition ?? null,
    'contacts.actualAddress': o.contacts.actualAddress,
    'contacts.phone': o.contacts.phone,
    'contacts.email': o.contacts.email,
  };
  return [
    ...orgColumns.map((c) => byField[c.field] ?? null),
    o.status === 'active' ? 'действует' : 'ликвидирована',
    o.memberCount,
  ];
}
