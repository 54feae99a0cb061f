import { personNameKey } from '@profreestr/contracts';
import { cardNumberFromSerial } from '../../features/members/card-number.js';
import { personName } from './names.js';
import type { GeneratedOrg } from './org-tree.js';
import type { Random } from './random.js';

// Members as the deck describes them (2,592,079 on electronic record): shares of categories,
// the sex split within each, and the fields left empty, scaled to any size.
const DECK_MEMBERS = 2_592_079;
const CATEGORY = [
  { category: 'working', share: 1_832_921 / DECK_MEMBERS, women: 1_591_480 / 1_832_719 },
  { category: 'student', share: 498_150 / DECK_MEMBERS, women: 267_883 / 496_851 },
  { category: 'pensioner', share: 38_546 / DECK_MEMBERS, women: 35_280 / 38_545 },
] as const;
const MISSING = {
  sex: 2_204 / DECK_MEMBERS,
  birthDate: 37_979 / DECK_MEMBERS,
  duesPaymentForm: 273_555 / DECK_MEMBERS,
  pdConsent: 400_869 / DECK_MEMBERS,
  workplace: 471_377 / DECK_MEMBERS,
  position: 591_047 / DECK_MEMBERS,
  studyCourse: 345_924 / 498_150,
};
const TRANSFERRED = 0.02;
const DEREGISTERED = 0.03;

const positions = [
  'Учитель',
  'Воспитатель',
  'Педагог дополнительного образования',
  'Младший воспитатель',
  'Заместитель директора',
  'Преподаватель',
  'Педагог-психолог',
  'Учитель-логопед',
  'Методист',
  'Бухгалтер',
];
const faculties = [
  'Педагогический',
  'Филологический',
  'Физико-математический',
  'Дошкольное образование',
  'Исторический',
];
const reasons = ['own_wish', 'left_job', 'left_studies', 'other'];

export interface SeedPrimary {
  id: string;
  path: string;
  name: string;
  /** Relative size: universities hold many members, kindergartens few. */
  weight: number;
}

export const MEMBER_COLUMNS = [
  'id',
  'org_id',
  'org_path',
  'status',
  'last_name',
  'first_name',
  'middle_name',
  'name_key',
  'alt_key',
  'sex',
  'birth_date',
  'category',
  'dues_payment_form',
  'pd_consent_on',
  'pd_consent_version',
  'pd_consent_method',
  'joined_on',
  'registered_on',
  'card_number',
  'workplace',
  'position',
  'study_course',
  'faculty',
  'phone',
  'email',
  'notify_sms',
  'notify_push',
  'notify_email',
  'deregistered_on',
  'deregister_reason',
] as const;

export const PERIOD_COLUMNS = [
  'member_id',
  'org_id',
  'registered_on',
  'deregistered_on',
  'reason',
  // What the periods' trigger would copy (the seed loads without triggers): see migration 0018.
  'org_path',
  'sex',
  'birth_date',
  'category',
  'transfer_in',
] as const;

export type SeedMember = Record<(typeof MEMBER_COLUMNS)[number], unknown>;
export type SeedPeriod = Record<(typeof PERIOD_COLUMNS)[number], unknown>;

/** How many members each primary gets: `total` spread by weight, deterministically. */
export function membersPerPrimary(r: Random, primaries: SeedPrimary[], total: number): number[] {
  const weights = primaries.map((p) => p.weight * (0.5 + r.next()));
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((w / sum) * total));
  let rest = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % counts.length, rest--)
    counts[i] = (counts[i] as number) + 1;
  return counts;
}

/**
 * Members of the union in primary order, ids and card serials from `firstId` on, with their
 * registration periods. A generator: 3.7 M rows never sit in memory at once.
 */
export function* generateMembers(
  r: Random,
  primaries: SeedPrimary[],
  counts: number[],
  firstId: number,
): Generator<{ member: SeedMember; periods: SeedPeriod[] }> {
  // One person, one record: a name and birth date drawn twice is drawn again. Hashes, not
  // strings, keep 3.7 M keys in some 60 MB; a hash collision only costs one more draw.
  const people = new Set<number>();
  let id = firstId;
  for (let p = 0; p < primaries.length; p++) {
    const org = primaries[p] as SeedPrimary;
    for (let k = 0; k < (counts[p] as number); k++, id++) {
      for (;;) {
        const generated = generateMember(r, org, primaries, id);
        const { name_key, birth_date } = generated.member;
        if (birth_date === null) {
          yield generated;
          break;
        }
        const key = hash52(`${name_key}|${birth_date}`);
        if (!people.has(key)) {
          people.add(key);
          yield generated;
          break;
        }
      }
    }
  }
}

/** FNV-1a twice over, folded into a 52-bit integer that a Set holds as a plain number. */
function hash52(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return (a & 0xfffff) * 0x100000000 + b;
}

function pickCategory(r: Random) {
  let x = r.next();
  for (const c of CATEGORY) {
    x -= c.share;
    if (x < 0) return c;
  }
  return null;
}

function generateMember(r: Random, org: SeedPrimary, primaries: SeedPrimary[], id: number) {
  const category = pickCategory(r);
  const female = r.chance(category?.women ?? 0.8);
  const person = personName(r, female ? 'female' : 'male');
  const student = category?.category === 'student';
  const birthDate = r.chance(MISSING.birthDate)
    ? null
    : student
      ? r.date('1999-01-01', '2008-06-30')
      : category?.category === 'pensioner'
        ? r.date('1940-01-01', '1966-12-31')
        : r.date('1962-01-01', '2003-12-31');
  const joinedOn = r.date('2000-01-01', '2025-10-31');
  const transferred = r.chance(TRANSFERRED);
  const deregistered = r.chance(DEREGISTERED);
  const registeredOn = transferred
    ? r.date(joinedOn > '2024-01-01' ? joinedOn : '2024-01-01', '2025-11-01')
    : joinedOn;
  const deregisteredOn = deregistered ? r.date(registeredOn, '2026-10-31') : null;
  const reason = deregistered ? r.pick(reasons) : null;
  const member: SeedMember = {
    id,
    org_id: org.id,
    org_path: org.path,
    status: deregistered ? 'deregistered' : 'active',
    last_name: person.lastName,
    first_name: person.firstName,
    middle_name: person.middleName,
    name_key: personNameKey(person.lastName, person.firstName, person.middleName),
    alt_key: personNameKey(person.firstName, person.lastName, person.middleName),
    sex: r.chance(MISSING.sex) ? null : person.sex,
    birth_date: birthDate,
    category: category?.category ?? null,
    dues_payment_form: r.chance(MISSING.duesPaymentForm)
      ? null
      : r.chance(0.93)
        ? 'payroll'
        : 'cash',
    pd_consent_on: r.chance(MISSING.pdConsent) ? null : joinedOn,
    pd_consent_version: '1.0',
    pd_consent_method: 'paper',
    joined_on: joinedOn,
    registered_on: registeredOn,
    card_number: cardNumberFromSerial(String(id)),
    workplace: r.chance(MISSING.workplace)
      ? null
      : org.name.replace('Первичная профсоюзная организация ', ''),
    position: r.chance(MISSING.position) ? null : student ? 'Студент' : r.pick(positions),
    study_course: student && !r.chance(MISSING.studyCourse) ? r.int(1, 5) : null,
    faculty: student && r.chance(0.5) ? r.pick(faculties) : null,
    phone: r.chance(0.6) ? `+79${r.digits(9)}` : null,
    email: r.chance(0.35) ? `member${id}@example.ru` : null,
    notify_sms: r.chance(0.2),
    notify_push: r.chance(0.05),
    notify_email: r.chance(0.15),
    deregistered_on: deregisteredOn,
    deregister_reason: reason,
  };
  const periods: SeedPeriod[] = [];
  const facts = { sex: member.sex, birth_date: birthDate, category: member.category };
  if (transferred) {
    const from = r.pick(primaries);
    periods.push({
      member_id: id,
      org_id: from.id,
      registered_on: joinedOn,
      deregistered_on: registeredOn,
      reason: 'transfer',
      org_path: from.path,
      ...facts,
      transfer_in: false,
    });
  }
  periods.push({
    member_id: id,
    org_id: org.id,
    registered_on: registeredOn,
    deregistered_on: deregisteredOn,
    reason,
    org_path: org.path,
    ...facts,
    transfer_in: transferred,
  });
  return { member, periods };
}

const sizeWeight: Record<string, number> = {
  university: 30,
  college: 3,
  school: 1.3,
  additional: 0.6,
  kindergarten: 0.5,
  other: 0.5,
};

export function seedPrimaryOf(org: GeneratedOrg): SeedPrimary {
  const type = org.edu_org ? (JSON.parse(String(org.edu_org)) as { type: string }).type : 'other';
  return { id: org.id, path: org.path, name: org.name, weight: sizeWeight[type] ?? 1 };
}
