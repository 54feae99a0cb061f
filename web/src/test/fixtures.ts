import type { Application, Member, Org, StaffAction } from '@profreestr/contracts';

// Answers of the fake server. The permission sets are what the server's policy gives each role
// today (server/src/features/access/access.ts): data for the tests, not a rule of the web.

export const VIEWER: StaffAction[] = ['org:read', 'member:read', 'application:read', 'report:read'];
export const EDITOR: StaffAction[] = [
  ...VIEWER,
  'org:create',
  'org:update',
  'org:move',
  'org:merge',
  'org:liquidate',
  'user:create',
  'member:create',
  'member:update',
  'member:transfer',
  'member:deregister',
  'member:readmit',
  'member:merge',
  'member:mark-distinct',
  'mailing:read',
  'mailing:create',
  'application:decide',
  'member:invite',
  'report:fill',
  'report:review',
];
export const ADMIN: StaffAction[] = [
  ...EDITOR,
  'user:read',
  'user:manage',
  'audit:read',
  'mail:read',
  'mail:manage',
  'campaign:create',
  'report-form:create',
];

/** A primary org (id 1, the user's own in `me()`), active. */
export const primaryOrg: Org = {
  id: '1',
  code: '77-001',
  parentId: null,
  level: 'primary',
  name: 'Первичная организация школы № 1',
  shortName: null,
  status: 'active',
  isLegalEntity: false,
  inn: null,
  ogrn: null,
  duesRate: null,
  isSmall: null,
  hasCommittee: null,
  foundedOn: null,
  chairman: null,
  eduOrg: null,
  contacts: { legalAddress: null, actualAddress: null, phone: null, email: null, website: null },
  memberCount: 1,
  childCount: 0,
  liquidatedOn: null,
  mergedIntoId: null,
  version: 1,
};

/** A member on record in the primary org. */
export const activeMember: Member = {
  id: '7',
  orgId: '1',
  status: 'active',
  lastName: 'Петров',
  firstName: 'Сергей',
  middleName: 'Иванович',
  sex: 'male',
  birthDate: '1985-04-12',
  category: 'working',
  duesPaymentForm: null,
  pdConsent: null,
  joinedOn: '2010-09-01',
  registeredOn: '2010-09-01',
  cardNumber: '7700000000000017',
  workplace: null,
  position: 'Учитель',
  staffCategory: null,
  studyCourse: null,
  faculty: null,
  phone: null,
  email: null,
  emailVerified: false,
  address: null,
  notify: { sms: false, push: false, email: false },
  deregisteredOn: null,
  deregisterReason: null,
  deregisterNote: null,
  under35: false,
  version: 1,
};

export const emptyPage = { items: [], nextCursor: null };

/** An application to join the primary org, confirmed by its code and waiting for a decision. */
export const submittedApplication: Application = {
  id: '11',
  status: 'submitted',
  orgId: '1',
  orgName: 'Первичная организация школы № 1',
  lastName: 'Кузнецов',
  firstName: 'Андрей',
  middleName: 'Викторович',
  sex: 'male',
  birthDate: '1990-05-14',
  category: 'working',
  workplace: 'Школа № 1',
  position: 'Учитель физики',
  studyCourse: null,
  phone: '+79123456789',
  email: 'kuznetsov@example.ru',
  pdConsentVersion: '2026-01',
  createdAt: '2025-03-05T08:00:00.000Z',
  confirmedAt: '2025-03-05T08:10:00.000Z',
  decidedAt: null,
  rejectReason: null,
  memberId: null,
};
