import { describe, expect, it } from 'vitest';
import { parseChoice, parseDate } from './cells.js';
import { EDU_TYPE_SYNONYMS, orgColumns } from './columns.js';
import { displayFileName } from './file-guard.js';
import { parseOrgRow, type RowCells } from './row-parsers.js';
import { valuesText } from './templates.js';

// What a cell may say: dates as people write them, and the words people use for a type of
// education organization besides the list's own.

const orgRow = (eduType: string) => {
  const cells: RowCells = new Map([
    ['code', { header: 'Код', text: 'P-1' }],
    ['level', { header: 'Уровень', text: 'первичная' }],
    ['name', { header: 'Полное наименование', text: 'ППО' }],
    ['eduOrg.type', { header: 'Тип организации образования', text: eduType }],
  ]);
  return parseOrgRow(cells, orgColumns);
};

describe('import cells', () => {
  it('a date written right that the calendar lacks is said to be missing, not misformatted', () => {
    expect(parseDate('31.02.1990')).toEqual({ ok: false, message: 'Такой даты нет: 31.02.1990' });
    expect(parseDate('29.02.2023')).toEqual({ ok: false, message: 'Такой даты нет: 29.02.2023' });
    expect(parseDate('1990-02-31')).toEqual({ ok: false, message: 'Такой даты нет: 1990-02-31' });
    expect(parseDate('32/01/1990')).toMatchObject({
      ok: false,
      message: 'Такой даты нет: 32/01/1990',
    });
    expect(parseDate('в прошлом году')).toEqual({
      ok: false,
      message: 'Дата в формате ДД.ММ.ГГГГ, например 15.03.1985',
    });
    expect(parseDate('7.5.1965')).toEqual({ ok: true, value: '1965-05-07' });
    expect(parseDate('29.02.2024')).toEqual({ ok: true, value: '2024-02-29' });
  });

  it.each([
    ['школа', 'school'],
    ['СОШ', 'school'],
    ['Гимназия', 'school'],
    ['ЛИЦЕЙ', 'school'],
    ['детский сад', 'kindergarten'],
    ['ДОУ', 'kindergarten'],
    ['колледж', 'college'],
    ['Техникум', 'college'],
    ['вуз', 'university'],
    ['университет', 'university'],
    ['институт', 'university'],
    ['высшего образования', 'university'],
    ['общеобразовательная', 'school'],
    ['Дошкольная образовательная организация', 'kindergarten'],
  ])('«%s» is taken as the education organization type %s', (word, type) => {
    const parsed = orgRow(word);
    expect(parsed.errors).toEqual([]);
    expect(parsed.row?.input.eduOrg?.type).toBe(type);
  });

  it('case and ё/е do not matter, in the cell or in the list', () => {
    expect(parseChoice('ЁЛОЧКА', { елочка: 'tree' })).toEqual({ ok: true, value: 'tree' });
    expect(parseChoice('елочка', { ёлочка: 'tree' })).toEqual({ ok: true, value: 'tree' });
    expect(orgRow('Дом Творчества').row?.input.eduOrg?.type).toBe('additional');
  });

  it('a word that names no type lists the allowed values', () => {
    expect(orgRow('завод').errors[0]?.message).toMatch(
      /^Допустимые значения: «общеобразовательная»/,
    );
  });

  it('the template lists the synonyms beside each value', () => {
    const column = orgColumns.find((c) => c.field === 'eduOrg.type');
    const text = valuesText(column as (typeof orgColumns)[number]);
    for (const [value, words] of Object.entries(EDU_TYPE_SYNONYMS)) {
      expect(text).toContain(`${value} (также: ${words.join(', ')})`);
    }
  });

  it('a file name is a label: its last segment, control characters replaced, at most 200 characters', () => {
    expect(displayFileName('C:\\Users\\x\\Члены.xlsx')).toBe('Члены.xlsx');
    expect(displayFileName('../../etc/passwd')).toBe('passwd');
    expect(displayFileName('a\u0000b\ud800.csv')).toBe('a_b_.csv');
    expect(displayFileName('я'.repeat(500))).toHaveLength(200);
    expect(displayFileName('')).toBe('file');
    expect(displayFileName(undefined)).toBe('file');
  });
});
