import type { CabinetMe, ConsentEntry, VirtualCard } from '@profreestr/contracts';
import { activeMember } from '../test/fixtures';

// What the fake server answers a member signed in to the cabinet (tests only).

export const MEMBER_EMAIL = 'petrov@example.ru';

export const cabinetMe: CabinetMe = {
  member: {
    ...activeMember,
    email: MEMBER_EMAIL,
    emailVerified: true,
    phone: '+79123456789',
    workplace: 'МБОУ Школа № 1',
    pdConsent: { givenOn: '2024-09-01', version: '2026-01', method: 'paper' },
    notify: { email: true, sms: false, push: false },
  },
  org: {
    id: '1',
    name: 'Первичная организация школы № 1',
    chairman: { fullName: 'Иванова Анна Петровна', email: 'ivanova@school1.ru' },
  },
};

export const virtualCard: VirtualCard = {
  cardNumber: activeMember.cardNumber,
  holder: 'Петров Сергей Иванович',
  orgName: 'Первичная организация школы № 1',
  status: 'active',
  qr: 'card-token-7700000000000017',
  qrExpiresAt: '2999-01-01T00:00:00.000Z',
};

export const consentLedger: ConsentEntry[] = [
  {
    kind: 'bonus_programme',
    granted: true,
    version: '2026-01',
    at: '2025-03-02T10:00:00.000Z',
    by: 'member',
  },
  {
    kind: 'notify_email',
    granted: true,
    version: '2026-01',
    at: '2025-03-01T10:00:00.000Z',
    by: 'staff',
  },
  { kind: 'pd', granted: true, version: '2026-01', at: '2024-09-01T09:00:00.000Z', by: 'staff' },
];

export const unauthenticated = {
  error: { code: 'unauthenticated', message: 'Требуется вход в систему', details: [] },
};
