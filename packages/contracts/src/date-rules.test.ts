import { describe, expect, it } from 'vitest';
import {
  chairmanTermRule,
  memberBirthRule,
  NO_SUCH_DATE,
  parseDateText,
  pdConsentRule,
  unionEraRule,
} from './date-rules.js';
import { orgFieldApplies } from './org-field-levels.js';
import { quoted } from './quotes.js';

// What the web's date inputs check before sending: the same rule and message as the API.

const TODAY = '2026-06-15';

describe('a date typed as people type it', () => {
  it.each([
    ['31.02.1990', NO_SUCH_DATE],
    ['31.02.19', NO_SUCH_DATE],
    ['31.02', NO_SUCH_DATE],
    ['1990', NO_SUCH_DATE],
    ['45.13.1985', NO_SUCH_DATE],
    ['1990-02-31', NO_SUCH_DATE],
  ])('«%s» is no date: «%s»', (text, message) => {
    expect(parseDateText(text, {}, TODAY)).toEqual({ error: message });
  });

  it('a whole, real date becomes the ISO day; one-digit day and month are fine', () => {
    expect(parseDateText('17.04.1992', {}, TODAY)).toEqual({ value: '1992-04-17' });
    expect(parseDateText(' 7.5.1965 ', {}, TODAY)).toEqual({ value: '1965-05-07' });
    expect(parseDateText('1992-04-17', {}, TODAY)).toEqual({ value: '1992-04-17' });
    expect(parseDateText('29.02.2024', {}, TODAY)).toEqual({ value: '2024-02-29' });
  });

  it('empty is no value, not an error', () => {
    expect(parseDateText('  ', memberBirthRule, TODAY)).toEqual({ value: null });
  });

  it("refuses what the field's rule refuses, with the API's message", () => {
    expect(parseDateText('01.01.2020', memberBirthRule, TODAY)).toEqual({
      error: 'Проверьте дату рождения: возраст от 14 до 100 лет',
    });
    expect(parseDateText('16.06.2026', unionEraRule, TODAY)).toEqual({
      error: 'Дата не может быть в будущем',
    });
    expect(parseDateText('01.01.2000', pdConsentRule, TODAY)).toEqual({
      error: 'Согласие на обработку ПД не может быть дано раньше 27.07.2006 (152-ФЗ)',
    });
    expect(parseDateText('16.06.2036', chairmanTermRule, TODAY)).toEqual({
      error: 'Дата не позже 15.06.2036',
    });
  });
});

describe('quotes inside quotes', () => {
  it('turns the quotes of a quoted name into „лапки“', () => {
    expect(quoted('МБОУ «Школа № 1»')).toBe('«МБОУ „Школа № 1“»');
    expect(quoted('ППО "Гимназия № 2"')).toBe('«ППО „Гимназия № 2“»');
    expect(quoted('ППО школы № 3')).toBe('«ППО школы № 3»');
  });
});

describe('passport fields of primaries only', () => {
  it('the dues rate, the flags and the headcounts are not fields of higher levels', () => {
    for (const path of [
      'duesRate',
      'isSmall',
      'hasCommittee',
      'eduOrg.employees',
      'eduOrg.students',
    ]) {
      expect(orgFieldApplies(path, 'primary')).toBe(true);
      expect(orgFieldApplies(path, 'central')).toBe(false);
      expect(orgFieldApplies(path, 'territorial')).toBe(false);
    }
    expect(orgFieldApplies('eduOrg.name', 'central')).toBe(true);
    expect(orgFieldApplies('inn', 'regional')).toBe(true);
  });
});
