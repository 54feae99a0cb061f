import {
  addYears,
  CHAIRMAN_TERM_YEARS,
  type Chairman,
  type ChairmanInput,
  type Contacts,
  type EduOrg,
  type EduOrgInput,
  nameKey,
  type OrgPatch,
} from '@profreestr/contracts';
import { definedEntries as defined } from '../../lib/objects.js';

// The editable passport of an org and the pure rules for changing it: merge a patch, fill the
// chairman's term, list what changed. No database here, so it is tested directly.

export interface OrgPassport {
  code: string;
  name: string;
  shortName: string | null;
  isLegalEntity: boolean;
  inn: string | null;
  ogrn: string | null;
  duesRate: number | null;
  isSmall: boolean | null;
  hasCommittee: boolean | null;
  foundedOn: string | null;
  chairman: Chairman | null;
  eduOrg: EduOrg | null;
  contacts: Contacts;
}

const emptyChairman: Chairman = {
  lastName: null,
  firstName: null,
  middleName: null,
  birthDate: null,
  sex: null,
  electedOn: null,
  termEndsOn: null,
  isReleased: null,
  phone: null,
  email: null,
  notify: { sms: false, push: false, email: false },
};

const emptyEduOrg: EduOrg = {
  name: null,
  type: null,
  inn: null,
  headName: null,
  headPosition: null,
  employees: null,
  students: null,
};

export const emptyContacts: Contacts = {
  legalAddress: null,
  actualAddress: null,
  phone: null,
  email: null,
  website: null,
};

/** Stored JSON may lack keys added later: always read it through the full shape. */
export const readChairman = (value: unknown): Chairman | null =>
  value ? mergeChairman(emptyChairman, value as ChairmanInput) : null;
export const readEduOrg = (value: unknown): EduOrg | null =>
  value ? { ...emptyEduOrg, ...(value as EduOrgInput) } : null;
export const readContacts = (value: unknown): Contacts => ({
  ...emptyContacts,
  ...(value as Partial<Contacts> | null),
});

function mergeChairman(base: Chairman, patch: ChairmanInput): Chairman {
  const merged: Chairman = {
    ...base,
    ...defined(patch),
    notify: { ...base.notify, ...defined(patch.notify ?? {}) },
  } as Chairman;
  // Chairmen are elected for five years: a term end left empty follows from the election date.
  if (merged.electedOn && !merged.termEndsOn) {
    merged.termEndsOn = addYears(merged.electedOn, CHAIRMAN_TERM_YEARS);
  }
  return merged;
}

export function applyPassportPatch(current: OrgPassport, patch: OrgPatch): OrgPassport {
  const { chairman, eduOrg, contacts, parentId: _p, level: _l, status: _s, ...scalars } = patch;
  const next: OrgPassport = { ...current, ...(defined(scalars) as Partial<OrgPassport>) };
  if (chairman === null) next.chairman = null;
  else if (chairman) next.chairman = mergeChairman(current.chairman ?? emptyChairman, chairman);
  if (eduOrg === null) next.eduOrg = null;
  else if (eduOrg)
    next.eduOrg = { ...(current.eduOrg ?? emptyEduOrg), ...defined(eduOrg) } as EduOrg;
  if (contacts) next.contacts = { ...current.contacts, ...defined(contacts) } as Contacts;
  return next;
}

/** Column values of a passport. */
export function passportColumns(p: OrgPassport) {
  return {
    code: p.code,
    name: p.name,
    name_key: nameKey(p.name),
    short_name: p.shortName,
    is_legal_entity: p.isLegalEntity,
    inn: p.inn,
    ogrn: p.ogrn,
    dues_rate: p.duesRate,
    is_small: p.isSmall,
    has_committee: p.hasCommittee,
    founded_on: p.foundedOn,
    chairman: p.chairman ? JSON.stringify(p.chairman) : null,
    edu_org: p.eduOrg ? JSON.stringify(p.eduOrg) : null,
    contacts: JSON.stringify(p.contacts),
  };
}

export const blankPassport = (code: string, name: string): OrgPassport => ({
  code,
  name,
  shortName: null,
  isLegalEntity: false,
  inn: null,
  ogrn: null,
  duesRate: null,
  isSmall: null,
  hasCommittee: null,
  foundedOn: null,
  chairman: null,
  eduOrg: null,
  contacts: emptyContacts,
});
