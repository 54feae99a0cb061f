import { isValidCardNumber } from '@profreestr/contracts';
import { describe, expect, it } from 'vitest';
import { generateMembers, membersPerPrimary, type SeedMember, seedPrimaryOf } from './members.js';
import { generateOrgTree } from './org-tree.js';
import { Random } from './random.js';

const central = { id: '1', path: '1.' };
const primaries = generateOrgTree(new Random(3), central, 200_000, 2)
  .filter((o) => o.level === 'primary')
  .map(seedPrimaryOf);

const generate = (total: number, seed = 5) => {
  const counts = membersPerPrimary(new Random(seed), primaries, total);
  return [...generateMembers(new Random(seed), primaries, counts, 1)];
};

describe('member generator', () => {
  it('is deterministic and gives exactly the requested number', () => {
    const a = generate(5_000);
    expect(a).toHaveLength(5_000);
    expect(generate(5_000)).toEqual(a);
  });

  it('never draws one person twice and numbers every card validly and uniquely', () => {
    const members = generate(50_000).map((g) => g.member);
    const people = members.filter((m) => m.birth_date).map((m) => `${m.name_key}|${m.birth_date}`);
    expect(new Set(people).size).toBe(people.length);
    const cards = members.map((m) => String(m.card_number));
    expect(new Set(cards).size).toBe(cards.length);
    expect(cards.every(isValidCardNumber)).toBe(true);
  });

  it('follows the deck: categories, the sex split within them, and the gaps', () => {
    const members = generate(100_000).map((g) => g.member);
    const share = (f: (m: SeedMember) => boolean, of: SeedMember[] = members) =>
      of.filter(f).length / of.length;
    expect(share((m) => m.category === 'working')).toBeCloseTo(1_832_921 / 2_592_079, 2);
    expect(share((m) => m.category === 'student')).toBeCloseTo(498_150 / 2_592_079, 2);
    expect(share((m) => m.category === null)).toBeCloseTo(222_463 / 2_592_079, 2);
    const working = members.filter((m) => m.category === 'working' && m.sex);
    expect(share((m) => m.sex === 'female', working)).toBeCloseTo(1_591_480 / 1_832_719, 2);
    expect(share((m) => m.pd_consent_on === null)).toBeCloseTo(400_869 / 2_592_079, 2);
    expect(share((m) => m.workplace === null)).toBeCloseTo(471_377 / 2_592_079, 2);
    const students = members.filter((m) => m.category === 'student');
    expect(share((m) => m.study_course === null, students)).toBeCloseTo(345_924 / 498_150, 1);
  });

  it('gives transferred members an earlier period and deregistered ones a closed one', () => {
    const generated = generate(20_000);
    const transferred = generated.filter((g) => g.periods.length === 2);
    expect(transferred.length / generated.length).toBeCloseTo(0.02, 2);
    for (const g of transferred) {
      expect(g.periods[0]).toMatchObject({
        reason: 'transfer',
        deregistered_on: g.member.registered_on,
      });
    }
    for (const g of generated.filter((x) => x.member.status === 'deregistered')) {
      expect(g.periods.at(-1)?.deregistered_on).toBe(g.member.deregistered_on);
    }
  });
});
