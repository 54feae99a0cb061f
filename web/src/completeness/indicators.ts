import {
  type Completeness,
  type Indicator,
  isOrgIndicator,
  type MemberIndicator,
  type OrgIndicator,
} from '@profreestr/contracts';
import { formatPercent } from '../format';

/** The table's column headers: the full label is too long for 16 columns on a phone. */
export const shortLabels: Record<Indicator, string> = {
  duesRate: 'Взнос',
  isSmall: 'Малочисл.',
  hasCommittee: 'Профком',
  chairman: 'Председ.',
  eduOrg: 'Орг. обр.',
  eduOrgInn: 'ИНН',
  eduOrgHead: 'Руковод.',
  eduOrgHeadPosition: 'Должн. рук.',
  category: 'Категория',
  sex: 'Пол',
  birthDate: 'Дата рожд.',
  duesPaymentForm: 'Форма взн.',
  pdConsent: 'Согласие ПД',
  workplace: 'Место раб.',
  position: 'Должность',
  studyCourse: 'Курс',
};

export const ORGS_GROUP = 'Паспорта первичных организаций';
export const MEMBERS_GROUP = 'Учётные карточки членов';

/** How many records an indicator is counted over, and how many of them lack it. */
export function countsOf(data: Completeness, key: Indicator): { total: number; missing: number } {
  if (isOrgIndicator(key)) return { total: data.orgs.total, missing: data.orgs.missing[key] };
  return { total: data.members.total, missing: data.members.missing[key] };
}

/** The filled-in share, 0…1; null when there is nothing to count. */
export function filledShare(data: Completeness, key: Indicator): number | null {
  const { total, missing } = countsOf(data, key);
  if (total <= 0) return null;
  return Math.max(0, Math.min(1, (total - missing) / total));
}

/** Whole percent rounded down, for the width of a bar: 99.6 % is not a full bar. */
export const percentOf = (share: number): number => Math.floor(share * 100 + 1e-9);

/** The filled share as text: the app's one percent format (format.ts), «—» for no data. */
export const formatShare = (share: number | null): string =>
  share === null ? '—' : formatPercent(share, 1);

/** Red (0 %) → yellow (50 %) → green (100 %): a light background that dark text reads on. */
export const shareColor = (share: number): string => `hsl(${Math.round(share * 120)} 75% 82%)`;

/** The stronger shade of the same scale, for bars and lines. */
export const shareStrongColor = (share: number): string =>
  `hsl(${Math.round(share * 120)} 65% 45%)`;

/** The passport tab and the input that fill an org indicator. */
const passportFields: Record<OrgIndicator, { tab: string; field: string }> = {
  duesRate: { tab: 'inpo', field: 'duesRate' },
  isSmall: { tab: 'inpo', field: 'isSmall' },
  hasCommittee: { tab: 'inpo', field: 'hasCommittee' },
  chairman: { tab: 'chairman', field: 'lastName' },
  eduOrg: { tab: 'eduorg', field: 'name' },
  eduOrgInn: { tab: 'eduorg', field: 'inn' },
  eduOrgHead: { tab: 'eduorg', field: 'headName' },
  eduOrgHeadPosition: { tab: 'eduorg', field: 'headPosition' },
};

/** The passport tab where an org indicator is filled in. */
export const passportTabUrl = (orgId: string, key: OrgIndicator) =>
  `/orgs/${orgId}?tab=${passportFields[key].tab}`;

/** Straight into the tab's edit form, focused on the input (`?edit=<field>`, see FieldTab). */
export const passportFormUrl = (orgId: string, key: OrgIndicator) => {
  const { tab, field } = passportFields[key];
  return `/orgs/${orgId}?tab=${tab}&edit=${field}`;
};

/** The members list of a subtree, only those lacking a field. */
export const membersMissingUrl = (under: string, key: MemberIndicator) =>
  `/members?${new URLSearchParams({ under, missing: key })}`;

export const dashboardUrl = (orgId: string) => `/orgs/${orgId}/dashboard`;
export const drillUrl = (orgId: string, key: Indicator) => `/orgs/${orgId}/completeness/${key}`;
export const shortPassportUrl = (orgId: string) => `/orgs/${orgId}/short-passport`;
