import { describe, expect, it } from 'vitest';
import { contribution, memberDeltas } from './member-stats.js';

describe('member contributions to subtree counts', () => {
  it('an active member counts in status, category and sex; one off record only as such', () => {
    expect(contribution({ status: 'active', category: 'student', sex: null })).toMatchObject({
      active: 1,
      student: 1,
      sex_unknown: 1,
      working: 0,
      deregistered: 0,
    });
    expect(
      contribution({ status: 'deregistered', category: 'student', sex: 'male' }),
    ).toMatchObject({
      active: 0,
      student: 0,
      male: 0,
      deregistered: 1,
    });
  });

  it('a transfer inside one territorial org leaves its counts and those above untouched', () => {
    const before = { path: '1.2.3.10.', status: 'active', category: 'working', sex: 'female' };
    const after = { ...before, path: '1.2.3.11.' };
    const deltas = memberDeltas(before, after);
    expect([...deltas.keys()].sort()).toEqual(['10', '11']);
    expect(deltas.get('10')?.active).toBe(-1);
    expect(deltas.get('11')?.female).toBe(1);
  });

  it('a change that alters nothing counted writes nothing', () => {
    const m = { path: '1.2.', status: 'active', category: null, sex: 'male' };
    expect(memberDeltas(m, { ...m }).size).toBe(0);
  });
});
