import { nameKey, type OrgLevel } from '@profreestr/contracts';
import type { NewOrgRow } from '../../db/schema.js';
import { childPath } from '../../lib/tree-path.js';
import { eduKinds, headPositions, personName, regionName, town } from './names.js';
import type { Random } from './random.js';

// The union's tree as the deck gives it, scaled to the requested number of members.
export const DECK = {
  members: 3_700_000,
  regional: 80,
  okrug: 3,
  territorial: 2_259,
  primary: 72_127,
};

// Shares of primaries lacking a passport field (DOMAIN.md, Completeness).
const MISSING = {
  duesRate: 0.385,
  isSmall: 0.399,
  hasCommittee: 0.388,
  chairman: 5_981 / 72_127,
  eduOrg: 4_234 / 72_127,
  eduOrgInn: 5_740 / 72_127,
  eduOrgHead: 31_411 / 72_127,
  eduOrgHeadPosition: 3_943 / 72_127,
};

/** Primaries hanging directly under a regional org (universities and the like). */
const DIRECT_PRIMARY_SHARE = 0.03;

export function orgCounts(members: number) {
  const f = members / DECK.members;
  return {
    regional: Math.max(1, Math.round(DECK.regional * f)),
    okrug: Math.round(DECK.okrug * f),
    territorial: Math.max(1, Math.round(DECK.territorial * f)),
    primary: Math.max(1, Math.round(DECK.primary * f)),
  };
}

function checkedInn(r: Random): string {
  const d = r.digits(9);
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = weights.reduce((s, w, i) => s + w * Number(d[i]), 0);
  return `${d}${(sum % 11) % 10}`;
}

function checkedOgrn(r: Random): string {
  const head = `1${r.digits(11)}`;
  return `${head}${Number(BigInt(head) % 11n) % 10}`;
}

const phone = (r: Random) =>
  `+7${r.pick(['912', '913', '922', '950', '961', '983'])}${r.digits(7)}`;

function chairman(r: Random) {
  const person = personName(r, r.chance(0.8) ? 'female' : 'male');
  const electedOn = r.date('2020-01-15', '2025-06-30');
  return JSON.stringify({
    ...person,
    birthDate: r.date('1960-01-01', '1998-12-31'),
    electedOn,
    termEndsOn: `${Number(electedOn.slice(0, 4)) + 5}${electedOn.slice(4)}`,
    isReleased: r.chance(0.1),
    phone: r.chance(0.85) ? phone(r) : null,
    email: r.chance(0.6) ? `chair${r.digits(6)}@example.ru` : null,
    notify: { sms: r.chance(0.3), push: r.chance(0.1), email: r.chance(0.3) },
  });
}

export interface GeneratedOrg extends NewOrgRow {
  id: string;
}

export const ORG_COLUMNS = [
  'id',
  'code',
  'parent_id',
  'path',
  'level',
  'name',
  'name_key',
  'short_name',
  'is_legal_entity',
  'inn',
  'ogrn',
  'dues_rate',
  'is_small',
  'has_committee',
  'chairman',
  'edu_org',
  'contacts',
] as const satisfies readonly (keyof GeneratedOrg)[];

/**
 * The whole tree below `central`, parents before children, ids from `firstId` on. Pure: the
 * same seed and size give the same rows.
 */
export function generateOrgTree(
  r: Random,
  central: { id: string; path: string },
  members: number,
  firstId: number,
): GeneratedOrg[] {
  const counts = orgCounts(members);
  const rows: GeneratedOrg[] = [];
  let nextId = firstId;
  const add = (
    parent: { id: string; path: string },
    level: OrgLevel,
    code: string,
    name: string,
    extra: Partial<NewOrgRow> = {},
  ) => {
    const id = String(nextId++);
    const row: GeneratedOrg = {
      id,
      code,
      parent_id: parent.id,
      path: childPath(parent.path, id),
      level,
      name,
      name_key: nameKey(name),
      contacts: JSON.stringify({ phone: r.chance(0.7) ? phone(r) : null }),
      is_legal_entity: false,
      ...extra,
    };
    rows.push(row);
    return row;
  };
  const legalEntity = () => ({
    is_legal_entity: true,
    inn: checkedInn(r),
    ogrn: checkedOgrn(r),
    dues_rate: 1,
    chairman: chairman(r),
  });

  const regions = Array.from({ length: counts.regional }, (_, i) =>
    add(central, 'regional', `R${String(i + 1).padStart(2, '0')}`, regionName(i), legalEntity()),
  );
  const okrugs = Array.from({ length: counts.okrug }, (_, i) =>
    add(
      regions[0] as GeneratedOrg,
      'okrug',
      `R01-O${i + 1}`,
      `${town(r).adjective} окружная организация Профсоюза`,
      legalEntity(),
    ),
  );
  const territorialParents = [...regions, ...okrugs];
  const perParent = r.split(counts.territorial, territorialParents.length, 2);
  const territorials: GeneratedOrg[] = [];
  territorialParents.forEach((parent, p) => {
    for (let t = 0; t < (perParent[p] as number); t++) {
      const { adjective } = town(r);
      const kind = r.chance(0.4) ? 'городская' : 'районная';
      territorials.push(
        add(
          parent,
          'territorial',
          `${parent.code}-T${String(t + 1).padStart(3, '0')}`,
          `${adjective} ${kind} организация Профсоюза`,
          legalEntity(),
        ),
      );
    }
  });

  const direct = Math.round(counts.primary * DIRECT_PRIMARY_SHARE);
  const primaryParents = [...territorials, ...regions];
  const perTerritorial = r.split(counts.primary - direct, territorials.length);
  const perRegion = r.split(direct || regions.length, regions.length).map((n) => (direct ? n : 0));
  const shares = [...perTerritorial, ...perRegion];
  primaryParents.forEach((parent, p) => {
    for (let i = 0; i < (shares[p] as number); i++) {
      add(
        parent,
        'primary',
        `${parent.code}-P${String(i + 1).padStart(4, '0')}`,
        '',
        primaryPassport(r, i + 1, parent.level === 'regional'),
      );
    }
  });
  return rows;
}

function primaryPassport(r: Random, n: number, university: boolean): Partial<NewOrgRow> {
  const kind = university
    ? { type: 'university', name: (k: number) => `ФГБОУ ВО «Университет № ${k}»` }
    : pickKind(r);
  const eduName = kind.name(n);
  const name = `Первичная профсоюзная организация ${eduName}`;
  const hasEdu = !r.chance(MISSING.eduOrg);
  // Conditional rates, so the overall shares match the deck's counts.
  const p = (overall: number) => Math.min(1, overall / (1 - MISSING.eduOrg));
  return {
    name,
    name_key: nameKey(name),
    dues_rate: r.chance(MISSING.duesRate) ? null : r.pick([1, 1, 1, 1, 1.5, 0.5]),
    is_small: r.chance(MISSING.isSmall) ? null : r.chance(0.25),
    has_committee: r.chance(MISSING.hasCommittee) ? null : r.chance(0.92),
    chairman: r.chance(MISSING.chairman) ? null : chairman(r),
    edu_org: hasEdu
      ? JSON.stringify({
          name: eduName,
          type: kind.type,
          inn: r.chance(p(MISSING.eduOrgInn)) ? null : checkedInn(r),
          headName: r.chance(p(MISSING.eduOrgHead)) ? null : fullName(r),
          headPosition: r.chance(p(MISSING.eduOrgHeadPosition)) ? null : r.pick(headPositions),
          employees: university ? r.int(300, 3000) : r.int(15, 150),
          students: university ? r.int(3000, 30000) : r.int(50, 1500),
        })
      : null,
  };
}

function pickKind(r: Random) {
  let x = r.next();
  for (const kind of eduKinds) {
    x -= kind.weight;
    if (x < 0) return kind;
  }
  return eduKinds[0];
}

function fullName(r: Random) {
  const p = personName(r, r.chance(0.7) ? 'female' : 'male');
  return `${p.lastName} ${p.firstName} ${p.middleName}`;
}
