import { cashbackOf, MAX_PURCHASE_KOPECKS } from '@profreestr/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basisPoints, rateOnDay } from './partners.service.js';

// Money is integer kopecks and a rate integer hundredths of a percent: cashback is exact
// integer arithmetic, rounded half-up, whatever the amount the contract allows.

/** amount × rate / 10 000, rounded half-up, in exact rational arithmetic (BigInt). */
const exactHalfUp = (amount: number, rateBp: number) =>
  Number((2n * BigInt(amount) * BigInt(rateBp) + 10_000n) / 20_000n);

describe('cashback in kopecks', () => {
  it('equals the exact rational amount × rate rounded half-up, for every amount and rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_PURCHASE_KOPECKS }),
        fc.integer({ min: 1, max: 10_000 }),
        (amount, rateBp) => {
          const cashback = cashbackOf(amount, rateBp);
          expect(Number.isSafeInteger(cashback)).toBe(true);
          expect(cashback).toBe(exactHalfUp(amount, rateBp));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('rounds the exact halves up and everything else to the nearest kopeck', () => {
    expect(cashbackOf(1_300, 350)).toBe(46); // 45.5
    expect(cashbackOf(12_345, 350)).toBe(432); // 432.075
    expect(cashbackOf(1, 5_000)).toBe(1); // 0.5
    expect(cashbackOf(1, 4_999)).toBe(0); // 0.4999
    expect(cashbackOf(MAX_PURCHASE_KOPECKS, 10_000)).toBe(MAX_PURCHASE_KOPECKS);
  });

  it('a percent with two decimals is its hundredths exactly (3.5 % → 350)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (bp) => {
        expect(basisPoints(bp / 100)).toBe(bp);
      }),
    );
  });

  it('the rate of a day is the last set from that day or before; earlier days take the first', () => {
    const rates = [
      { partner_id: '1', id: '1', valid_from: '2026-01-10', rate_bp: 100 },
      { partner_id: '1', id: '2', valid_from: '2026-03-01', rate_bp: 200 },
      { partner_id: '1', id: '3', valid_from: '2026-03-01', rate_bp: 300 },
      { partner_id: '1', id: '4', valid_from: '2026-05-01', rate_bp: 400 },
    ];
    expect(rateOnDay(rates, '2026-01-01')).toBe(100);
    expect(rateOnDay(rates, '2026-02-28')).toBe(100);
    expect(rateOnDay(rates, '2026-03-01')).toBe(300);
    expect(rateOnDay(rates, '2026-04-30')).toBe(300);
    expect(rateOnDay(rates, '2027-01-01')).toBe(400);
  });
});
