import {
  ageOn,
  type ErrorDetail,
  type Member,
  type MemberPatch,
  personNameKey,
  todayIso,
} from '@profreestr/contracts';
import { definedEntries as defined } from '../../lib/objects.js';
import type { MemberRecord } from './members.queries.js';

// The card of a member and the pure rules for changing it. No database here.

/** The editable part of a card, shaped as the API shows it. */
export type MemberCard = Omit<
  Member,
  | 'id'
  | 'orgId'
  | 'status'
  | 'registeredOn'
  | 'cardNumber'
  | 'emailVerified'
  | 'deregisteredOn'
  | 'deregisterReason'
  | 'deregisterNote'
  | 'under35'
  | 'version'
>;

export function toMember(row: MemberRecord, today = todayIso()): Member {
  return {
    id: row.id,
    orgId: row.org_id,
    status: row.status as Member['status'],
    ...cardOf(row),
    registeredOn: row.registered_on,
    cardNumber: row.card_number,
    emailVerified: row.email_verified,
    deregisteredOn: row.deregistered_on,
    deregisterReason: row.deregister_reason,
    deregisterNote: row.deregister_note,
    under35: row.birth_date ? ageOn(row.birth_date, today) < 35 : null,
    version: row.version,
  };
}

export function cardOf(row: MemberRecord): MemberCard {
  return {
    lastName: row.last_name,
    firstName: row.first_name,
    middleName: row.middle_name,
    sex: row.sex as MemberCard['sex'],
    birthDate: row.birth_date,
    category: row.category as MemberCard['category'],
    duesPaymentForm: row.dues_payment_form as MemberCard['duesPaymentForm'],
    pdConsent: row.pd_consent_on
      ? {
          givenOn: row.pd_consent_on,
          version: row.pd_consent_version,
          method: row.pd_consent_method as 'paper' | 'electronic' | null,
        }
      : null,
    joinedOn: row.joined_on,
    workplace: row.workplace,
    position: row.position,
    staffCategory: row.staff_category,
    studyCourse: row.study_course,
    faculty: row.faculty,
    phone: row.phone,
    email: row.email,
    address: row.address,
    notify: { sms: row.notify_sms, push: row.notify_push, email: row.notify_email },
  };
}

export const emptyCard = (lastName: string, firstName: string): MemberCard => ({
  lastName,
  firstName,
  middleName: null,
  sex: null,
  birthDate: null,
  category: null,
  duesPaymentForm: null,
  pdConsent: null,
  joinedOn: null,
  workplace: null,
  position: null,
  staffCategory: null,
  studyCourse: null,
  faculty: null,
  phone: null,
  email: null,
  address: null,
  notify: { sms: false, push: false, email: false },
});

export function applyCardPatch(card: MemberCard, patch: MemberPatch): MemberCard {
  const {
    notify,
    pdConsent,
    orgId: _o,
    status: _s,
    cardNumber: _c,
    emailVerified: _e,
    ...scalars
  } = patch;
  const next = { ...card, ...(defined(scalars) as Partial<MemberCard>) };
  if (notify) next.notify = { ...card.notify, ...defined(notify) };
  if (pdConsent === null) next.pdConsent = null;
  else if (pdConsent) {
    next.pdConsent = {
      givenOn: pdConsent.givenOn,
      version: pdConsent.version ?? null,
      method: pdConsent.method ?? null,
    };
  }
  return next;
}

/** Rules across fields of a card. */
export function cardProblems(card: MemberCard): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (card.category !== 'student') {
    const message = 'Указывается только для обучающихся';
    if (card.studyCourse !== null) problems.push({ field: 'studyCourse', message });
    if (card.faculty !== null) problems.push({ field: 'faculty', message });
  }
  if (card.birthDate && card.joinedOn && card.joinedOn < card.birthDate) {
    problems.push({ field: 'joinedOn', message: 'Дата вступления раньше даты рождения' });
  }
  return problems;
}

/** Column values of a card, with the name keys that sort, search and find duplicates. */
export function cardColumns(card: MemberCard) {
  return {
    last_name: card.lastName,
    first_name: card.firstName,
    middle_name: card.middleName,
    name_key: personNameKey(card.lastName, card.firstName, card.middleName),
    alt_key: personNameKey(card.firstName, card.lastName, card.middleName),
    sex: card.sex,
    birth_date: card.birthDate,
    category: card.category,
    dues_payment_form: card.duesPaymentForm,
    pd_consent_on: card.pdConsent?.givenOn ?? null,
    pd_consent_version: card.pdConsent?.version ?? null,
    pd_consent_method: card.pdConsent?.method ?? null,
    joined_on: card.joinedOn,
    workplace: card.workplace,
    position: card.position,
    staff_category: card.staffCategory,
    study_course: card.studyCourse,
    faculty: card.faculty,
    phone: card.phone,
    email: card.email,
    address: card.address,
    notify_sms: card.notify.sms,
    notify_push: card.notify.push,
    notify_email: card.notify.email,
  };
}
