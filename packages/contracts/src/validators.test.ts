import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addYears,
  isValidIsoDate,
  isValidOgrn,
  isValidOrgInn,
  normalizePhone,
} from './validators.js';

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n });

const innCheck = (d: number[]) =>
  ([2, 4, 10, 3, 5, 9, 4, 6, 8].reduce((s, w, i) => s + w * (d[i] ?? 0), 0) % 11) % 10;

describe('organization INN', () => {
  it('accepts published INNs of real organizations', () => {
    expect(isValidOrgInn('7707083893')).toBe(true);
    expect(isValidOrgInn('7736050003')).toBe(true);
  });

  it('any nine digits with their check digit are valid, every other last digit is not', () => {
    fc.assert(
      fc.property(digits(9), fc.integer({ min: 1, max: 9 }), (d, shift) => {
        const check = innCheck(d);
        expect(isValidOrgInn(`${d.join('')}${check}`)).toBe(true);
        expect(isValidOrgInn(`${d.join('')}${(check + shift) % 10}`)).toBe(false);
      }),
    );
  });

  it('refuses wrong lengths and non-digits', () => {
    for (const v of ['', '770708389', '77070838931', '77070838 3', 'abcdefghij']) {
      expect(isValidOrgInn(v)).toBe(false);
    }
  });
});

describe('OGRN', () => {
  it('accepts published OGRNs and refuses a changed check digit', () => {
    expect(isValidOgrn('1027700132195')).toBe(true);
    expect(isValidOgrn('1027700132196')).toBe(false);
  });

  it('any twelve digits with (number mod 11) mod 10 appended are valid', () => {
    fc.assert(
      fc.property(digits(12), (d) => {
        const head = d.join('');
        const check = Number(BigInt(head) % 11n) % 10;
        expect(isValidOgrn(`${head}${check}`)).toBe(true);
        expect(isValidOgrn(`${head}${(check + 1) % 10}`)).toBe(false);
      }),
    );
  });
});

describe('phone normalisation', () => {
  it.each([
    ['8 (912) 345-67-89', '+79123456789'],
    ['+7 912 345 67 89', '+79123456789'],
    ['9123456789', '+79123456789'],
    ['7-912-345-67-89', '+79123456789'],
    ['+7(495)1234567', '+74951234567'],
    ['+7 727 123 45 67', '+77271234567'],
    ['+1 212 555 0100', '+12125550100'],
    ['+375 29 123-45-67', '+375291234567'],
    ['+49 30 1234 5678', '+493012345678'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    '12345',
    '912 345 67 8',
    'телефон',
    '+7 912 345 67 89 доб. 1',
    // A date-like probe value once became +72757600913.
    '+275760-09-13',
    '+7 212 555 01 00',
    '8 (212) 345-67-89',
    '+375 29 123-45-6',
    '1 212 555 0100',
    '+0 123 456 7890',
    '9+123456789',
  ])('refuses %s', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it('normalising twice changes nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom(3, 4, 6, 7, 8, 9), digits(9), (first, d) => {
        const once = normalizePhone(`8${first}${d.join('')}`);
        expect(once).not.toBeNull();
        expect(normalizePhone(once ?? '')).toBe(once);
      }),
    );
  });
});

describe('dates', () => {
  it('knows real calendar dates', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2023-02-29')).toBe(false);
    expect(isValidIsoDate('2024-13-01')).toBe(false);
    expect(isValidIsoDate('01.02.2024')).toBe(false);
  });

  it('adds years, 29 February landing on 1 March', () => {
    expect(addYears('2021-09-15', 5)).toBe('2026-09-15');
    expect(addYears('2024-02-29', 5)).toBe('2029-03-01');
  });
});
