import type { OrgLevel } from '@profreestr/contracts';
import { isValidOgrn, isValidOrgInn, mayHoldChild } from '@profreestr/contracts';
import { describe, expect, it } from 'vitest';
import { DECK, generateOrgTree, orgCounts } from './org-tree.js';
import { Random } from './random.js';

const central = { id: '1', path: '1.' };

describe('org tree generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateOrgTree(new Random(7), central, 50_000, 2);
    const b = generateOrgTree(new Random(7), central, 50_000, 2);
    const c = generateOrgTree(new Random(8), central, 50_000, 2);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('the default preset is one region of the deck proportions', () => {
    expect(orgCounts(50_000)).toEqual({ regional: 1, okrug: 0, territorial: 31, primary: 975 });
  });

  it('the full size has the deck counts, valid levels, paths and checksums', () => {
    const rows = generateOrgTree(new Random(1), central, DECK.members, 2);
    const byLevel = new Map<string, number>();
    for (const r of rows) byLevel.set(r.level, (byLevel.get(r.level) ?? 0) + 1);
    expect(Object.fromEntries(byLevel)).toEqual({
      regional: DECK.regional,
      okrug: DECK.okrug,
      territorial: DECK.territorial,
      primary: DECK.primary,
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    byId.set('1', { ...central, level: 'central' } as never);
    for (const r of rows) {
      const parent = byId.get(r.parent_id as string);
      expect(mayHoldChild(parent?.level as OrgLevel, r.level as OrgLevel)).toBe(true);
      expect(r.path).toBe(`${parent?.path}${r.id}.`);
      if (r.inn) expect(isValidOrgInn(r.inn)).toBe(true);
      if (r.ogrn) expect(isValidOgrn(r.ogrn)).toBe(true);
    }
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
  });

  it('primaries lack passport fields at the rates of the deck', () => {
    const primaries = generateOrgTree(new Random(1), central, DECK.members, 2).filter(
      (r) => r.level === 'primary',
    );
    const share = (f: (r: (typeof primaries)[number]) => boolean) =>
      primaries.filter(f).length / primaries.length;
    expect(share((r) => r.dues_rate === null)).toBeCloseTo(0.385, 2);
    expect(share((r) => r.is_small === null)).toBeCloseTo(0.399, 2);
    expect(share((r) => r.chairman === null)).toBeCloseTo(5_981 / 72_127, 2);
    expect(share((r) => r.edu_org === null)).toBeCloseTo(4_234 / 72_127, 2);
    const headMissing = share(
      (r) => r.edu_org !== null && JSON.parse(String(r.edu_org)).headName === null,
    );
    expect(headMissing).toBeCloseTo(31_411 / 72_127, 2);
  });
});
