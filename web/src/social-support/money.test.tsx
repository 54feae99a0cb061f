import { describe, expect, it } from 'vitest';
import { formatRoubles, parseRoubles } from './money';

describe('amounts of aid', () => {
  it('reads roubles as people type them, with a comma, spaces or the sign', () => {
    expect(parseRoubles('1 500,5')).toEqual({ value: 1500.5 });
    expect(parseRoubles('1500.50 ₽')).toEqual({ value: 1500.5 });
    expect(parseRoubles('  ')).toEqual({ value: null });
  });

  it('refuses what is not a number instead of guessing', () => {
    expect(parseRoubles('-5')).toHaveProperty('error');
    expect(parseRoubles('12,3,4')).toHaveProperty('error');
    expect(parseRoubles('пять')).toHaveProperty('error');
  });

  it('shows roubles with kopecks and the sign, without float noise', () => {
    expect(formatRoubles(1234.56)).toBe('1\u00a0234,56\u00a0₽');
    expect(formatRoubles(0.1 + 0.2)).toBe('0,30\u00a0₽');
  });
});
