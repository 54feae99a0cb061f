import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idSchema } from './common.js';
import { dateProblem, NO_SUCH_DATE, plainText } from './fields.js';
import { memberCreateSchema } from './members.js';
import { orgPatchSchema } from './orgs.js';
import { passwordSchema } from './users.js';
import { addDays, todayIso } from './validators.js';

// The contract's shared rules: one date rule, one id rule, one text rule, one password rule.

const messageOf = (result: {
  success: boolean;
  error?: { issues: { message: string; path: PropertyKey[] }[] };
}) => (result.success ? null : (result.error?.issues[0]?.message ?? null));

describe('dates', () => {
  it('names which rule failed: format, calendar, range', () => {
    expect(dateProblem('1985-13-45')).toBe(NO_SUCH_DATE);
    expect(dateProblem('2023-02-30')).toBe(NO_SUCH_DATE);
    expect(dateProblem('15.03.1985')).toBe('Дата в формате ГГГГ-ММ-ДД');
    expect(dateProblem('0000-01-01')).toBe('Дата не раньше 01.01.1900');
    expect(dateProblem('1800-01-01', { min: '1990-01-01' })).toBe('Дата не раньше 01.01.1990');
    expect(dateProblem(addDays(todayIso(), 1), { max: 'today' })).toBe(
      'Дата не может быть в будущем',
    );
    expect(dateProblem('2024-02-29')).toBeNull();
  });

  it('any YYYY-MM-DD string is either a real day in range or refused with a message', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        (y, m, d) => {
          const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const problem = dateProblem(text);
          const date = new Date(`${text}T00:00:00Z`);
          const real = !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
          if (problem === null) {
            expect(real).toBe(true);
            expect(text >= '1900-01-01' && text <= '2100-12-31').toBe(true);
          } else
            expect(problem).toMatch(/^(Такой даты нет|Дата не (раньше|позже) \d\d\.\d\d\.\d{4})$/);
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it.each([
    ['birthDate', '2023-02-30', NO_SUCH_DATE],
    ['birthDate', '1985-13-45', NO_SUCH_DATE],
    ['birthDate', addDays(todayIso(), -365), 'Проверьте дату рождения: возраст от 14 до 100 лет'],
    ['joinedOn', '1800-01-01', 'Дата не раньше 01.01.1940'],
    ['joinedOn', '0000-01-01', 'Дата не раньше 01.01.1940'],
    ['registeredOn', '1800-01-01', 'Дата не раньше 01.01.1990'],
  ])('a member with %s %s: «%s»', (field, value, message) => {
    const result = memberCreateSchema.safeParse({
      orgId: '1',
      lastName: 'Иванова',
      firstName: 'Анна',
      [field]: value,
    });
    expect(messageOf(result)).toBe(message);
  });

  it('a PD consent before 152-ФЗ and a chairman elected in year 0 are refused', () => {
    const consent = memberCreateSchema.safeParse({
      orgId: '1',
      lastName: 'Иванова',
      firstName: 'Анна',
      pdConsent: { givenOn: '2001-01-01' },
    });
    expect(messageOf(consent)).toMatch(/152-ФЗ/);
    expect(messageOf(orgPatchSchema.safeParse({ chairman: { electedOn: '0000-01-01' } }))).toBe(
      'Дата не раньше 01.01.1990',
    );
    expect(messageOf(orgPatchSchema.safeParse({ foundedOn: '1800-01-01' }))).toBe(
      'Дата не раньше 01.01.1900',
    );
  });
});

describe('ids', () => {
  it('take 1 … 9223372036854775807 and nothing else', () => {
    for (const ok of ['1', '42', '9223372036854775807'])
      expect(idSchema.safeParse(ok).success).toBe(true);
    for (const bad of [
      '0',
      '01',
      '-1',
      '9223372036854775808',
      '9999999999999999999',
      '1e3',
      ' 1',
      1,
    ])
      expect(idSchema.safeParse(bad).success).toBe(false);
  });
});

describe('text', () => {
  it('refuses control characters and broken surrogates, keeps tabs, line breaks, RTL marks and emoji', () => {
    const text = plainText();
    for (const bad of ['a\u0000b', '\u0007', '\u001b[31m', '\ud800', 'x\udc00', '\u0085'])
      expect(text.safeParse(bad).success).toBe(false);
    for (const ok of ['строка\nвторая\tтаб', '\u202eтекст', 'Имя😀👨‍👩‍👧', '\u200b'])
      expect(text.safeParse(ok).success).toBe(true);
  });
});

describe('passwords', () => {
  it.each([
    'aaaaaaaaaa',
    'ааааааааааааа',
    'абвабвабвабв',
    '1212121212',
    'ЙЦУКЕНГШЩЗ',
    'пароль123456',
    'Москва12345',
  ])('%s is refused as too common', (password) => {
    expect(messageOf(passwordSchema.safeParse(password))).toMatch(/распространён/);
  });

  it('a long passphrase without digits or capitals is fine', () => {
    expect(passwordSchema.safeParse('тихо шумит осенний лес').success).toBe(true);
  });
});
