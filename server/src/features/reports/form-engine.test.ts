import {
  type ReportForm,
  type ReportFormInput,
  reportFormInputSchema,
} from '@profreestr/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/app-error.js';
import {
  checkFormDefinition,
  checkRules,
  checkValues,
  compileForm,
  computeValues,
} from './form-engine.js';
import { builtInForms } from './forms/index.js';

// The form's own code aside (API.md names the built-in forms `5sp` and `2sp`, which the
// contract's code pattern, letter first, does not yet admit): the rest goes through the schema.
const formOf = (input: ReportFormInput): ReportForm => ({
  ...reportFormInputSchema.parse({ ...input, code: 'form' }),
  code: input.code,
  version: 1,
});

type CellInput = ReportFormInput['sections'][number]['rows'][number]['cells'][number];
type RuleInput = NonNullable<ReportFormInput['rules']>[number];

/** A one-section form with a row per cell. */
const tiny = (cells: CellInput[], rules: RuleInput[] = []): ReportForm =>
  formOf({
    code: 'test',
    title: 'Тест',
    orgLevel: 'primary',
    sections: [
      {
        title: 'Раздел',
        rows: cells.map((cell) => ({ code: cell.code, title: cell.title, cells: [cell] })),
      },
    ],
    rules,
  });

const int = (code: string, more: Partial<CellInput> = {}): CellInput => ({
  code,
  title: `Ячейка ${code}`,
  type: 'integer',
  ...more,
});

const builtIn = (code: string) => {
  const input = builtInForms.find((form) => form.code === code);
  if (!input) throw new Error(code);
  return compileForm(formOf(input));
};

describe('checking a form definition', () => {
  it('finds nothing wrong with the built-in forms', () => {
    expect(builtInForms.map((form) => form.code)).toEqual(['5sp', '2sp']);
    for (const form of builtInForms) {
      expect(checkFormDefinition(formOf(form))).toEqual([]);
    }
  });

  it('passes the contract schema as it is, form code included', () => {
    for (const form of builtInForms) {
      expect(reportFormInputSchema.safeParse(form).error?.issues ?? []).toEqual([]);
    }
  });

  it('has the cells the register and the reports rely on', () => {
    const sp5 = builtIn('5sp');
    for (const code of [
      'members_total',
      'left_own_wish',
      'left_left_job',
      'employees',
      'coverage_pct',
    ]) {
      expect(sp5.cells.has(code)).toBe(true);
    }
    expect(sp5.prefilled).toContain('left_death');
    expect(sp5.cells.get('members_women')?.prefill).toBe('members_women');
    const sp2 = builtIn('2sp');
    expect(sp2.form.orgLevel).toBe('territorial');
    expect(sp2.cells.get('employees')?.prefill).toBe('sum:5sp.employees');
    expect(sp2.cells.get('primaries_active')?.prefill).toBe('primaries_active');
  });

  it('refuses a rule over an unknown cell, naming the rule', () => {
    const form = tiny([int('a')], [{ code: 'r', expr: 'a <= x', message: 'м', severity: 'error' }]);
    expect(checkFormDefinition(form)).toEqual([
      { place: 'rules[0] (r)', message: 'Неизвестная ячейка «x»' },
    ]);
  });

  it('refuses formulas that refer to each other in a circle, naming the cells in order', () => {
    const form = tiny([
      int('a', { formula: 'b + 1' }),
      int('b', { formula: 'c + 1' }),
      int('c', { formula: 'a + 1' }),
      int('d', { formula: 'a + 1' }),
    ]);
    const problems = checkFormDefinition(form);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.place).toBe('sections[0].rows[0].cells[0] (a)');
    expect(problems[0]?.message).toContain('a → b → c → a');
    expect(checkFormDefinition(tiny([int('a', { formula: 'a * 2' })]))[0]?.message).toContain(
      'a → a',
    );
  });

  it('refuses what cannot be a formula, a rule, a source or a code', () => {
    const form = formOf({
      code: 'test',
      title: 'Тест',
      orgLevel: 'primary',
      sections: [
        {
          title: 'Раздел',
          rows: [
            { code: 'r1', title: 'Строка', cells: [int('a'), int('a')] },
            {
              code: 'r1',
              title: 'Строка',
              cells: [{ code: 'note', title: 'Примечание', type: 'text' }],
            },
            {
              code: 'r3',
              title: 'Строка',
              cells: [
                int('both', { prefill: 'members_total', formula: 'a + 1' }),
                int('bad_source', { prefill: 'members_everything' }),
                int('sum_source', { prefill: 'sum:5sp.employees' }),
                int('broken', { formula: 'a + #' }),
                int('reads_text', { formula: 'note + 1' }),
                int('condition', { formula: 'a > 1' }),
                { code: 'text_formula', title: 'Т', type: 'text', formula: 'a + 1' },
                int('and'),
              ],
            },
          ],
        },
      ],
      rules: [
        { code: 'dup', expr: 'a >= 0', message: 'м', severity: 'error' },
        { code: 'dup', expr: 'a + 1', message: 'м', severity: 'warning' },
      ],
    });
    const problems = checkFormDefinition(form);
    const at = (place: string) => problems.filter((p) => p.place === place).map((p) => p.message);
    expect(at('sections[0].rows[0].cells[1] (a)')).toEqual([
      'Код ячейки «a» уже есть: sections[0].rows[0].cells[0] (a)',
    ]);
    expect(at('sections[0].rows[1] (r1)')[0]).toMatch(/Код строки «r1» уже есть/);
    expect(at('sections[0].rows[2].cells[0] (both)')).toEqual([
      'У ячейки не может быть и источника, и формулы',
    ]);
    expect(at('sections[0].rows[2].cells[1] (bad_source)')[0]).toMatch(/Неизвестный источник/);
    expect(at('sections[0].rows[2].cells[2] (sum_source)')).toEqual([]);
    expect(at('sections[0].rows[2].cells[3] (broken)')).toEqual([
      'Формула: Неожиданный символ «#» в позиции 5',
    ]);
    expect(at('sections[0].rows[2].cells[4] (reads_text)')[0]).toMatch(/текстовую ячейку «note»/);
    expect(at('sections[0].rows[2].cells[5] (condition)')[0]).toMatch(/число, а не условие/);
    expect(at('sections[0].rows[2].cells[6] (text_formula)')).toEqual([
      'У текстовой ячейки не может быть формулы',
    ]);
    expect(at('sections[0].rows[2].cells[7] (and)')[0]).toMatch(/занят/);
    expect(at('rules[1] (dup)')).toEqual([
      'Код проверки «dup» уже есть: rules[0] (dup)',
      'Условие проверки должно быть сравнением (например, members_women <= members_total)',
    ]);
  });

  it('compiles only a valid form, refusing the rest with 422 and every problem', () => {
    const form = tiny(
      [int('a', { formula: 'x' })],
      [{ code: 'r', expr: 'y > 1', message: 'м', severity: 'error' }],
    );
    let caught: unknown;
    try {
      compileForm(form);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const error = caught as AppError;
    expect(error.status).toBe(422);
    expect(error.details).toEqual([
      { field: 'sections[0].rows[0].cells[0] (a)', message: 'Неизвестная ячейка «x»' },
      { field: 'rules[0] (r)', message: 'Неизвестная ячейка «y»' },
    ]);
  });

  it('orders formulas after the formulas they read', () => {
    const compiled = compileForm(
      tiny([
        int('c', { formula: 'b * 2' }),
        int('b', { formula: 'a + 1' }),
        int('a'),
        int('d', { formula: 'c + b' }),
      ]),
    );
    expect(compiled.formulaOrder).toEqual(['b', 'c', 'd']);
    expect(compiled.numericCells).toEqual(['c', 'b', 'a', 'd']);
    expect(computeValues(compiled, { a: 1 })).toEqual({ a: 1, b: 2, c: 4, d: 6 });
  });
});

describe('checking the values of a report', () => {
  const compiled = compileForm(
    tiny([
      int('n'),
      { code: 'x', title: 'Доля', type: 'decimal' },
      { code: 'note', title: 'Примечание', type: 'text' },
      int('f', { formula: 'n * 2' }),
    ]),
  );
  const messageFor = (values: Record<string, unknown>) =>
    checkValues(compiled, values).map((problem) => `${problem.place}: ${problem.message}`);

  it('accepts good values and null, which clears', () => {
    expect(messageFor({ n: 0, x: 12.3456, note: 'Текст' })).toEqual([]);
    expect(messageFor({ n: null, x: null, note: null })).toEqual([]);
    expect(messageFor({ n: 1e12 })).toEqual([]);
  });

  it('refuses negative, fractional and huge integers', () => {
    expect(messageFor({ n: -1 })).toEqual(['n: Целое неотрицательное число']);
    expect(messageFor({ n: 1.5 })).toEqual(['n: Целое неотрицательное число']);
    expect(messageFor({ n: 1e12 + 1 })).toEqual(['n: Не больше 1 000 000 000 000']);
  });

  it('refuses decimals below zero or past four places', () => {
    expect(messageFor({ x: -0.5 })).toEqual(['x: Неотрицательное число']);
    expect(messageFor({ x: 0.12345 })).toEqual(['x: Не больше четырёх знаков после запятой']);
  });

  it('refuses unknown cells, formula cells and values of the wrong type', () => {
    expect(messageFor({ nope: 1 })).toEqual(['nope: Нет такой ячейки']);
    expect(messageFor({ f: 4 })).toEqual(['f: Ячейка вычисляется по формуле']);
    expect(messageFor({ n: '12' })).toEqual(['n: Нужно число']);
    expect(messageFor({ x: Number.NaN })).toEqual(['x: Нужно число']);
    expect(messageFor({ note: 5 })).toEqual(['note: Нужен текст']);
    expect(messageFor({ note: 'я'.repeat(2001) })).toEqual(['note: Не длиннее 2000 символов']);
  });

  it('accepts every non-negative integer up to 10^12 and refuses every negative one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: -1e12, max: -1 }),
        (good, bad) => {
          expect(checkValues(compiled, { n: good })).toEqual([]);
          expect(checkValues(compiled, { n: bad })).toHaveLength(1);
        },
      ),
    );
  });
});

describe('computing a report', () => {
  const sp5 = builtIn('5sp');

  it('fills the coverage from the members and the workforce', () => {
    const values = computeValues(sp5, { members_working: 2, employees: 3, members_students: 1 });
    expect(values.coverage_pct).toBe(66.7);
    expect(values.students_coverage_pct).toBeNull();
    expect(values.committee_size).toBeNull();
    expect(computeValues(sp5, { members_working: 2, employees: 0 }).coverage_pct).toBeNull();
  });

  it('recomputes a formula cell whatever was stored in it, and drops unknown codes', () => {
    const values = computeValues(sp5, {
      members_working: 1,
      employees: 4,
      coverage_pct: 99,
      junk: 1,
    });
    expect(values.coverage_pct).toBe(25);
    expect(values).not.toHaveProperty('junk');
  });

  it('rounds an integer formula cell to a whole number', () => {
    const compiled = compileForm(tiny([int('a'), int('half', { formula: 'a / 2' })]));
    expect(computeValues(compiled, { a: 5 }).half).toBe(3);
  });
});

describe('checking the rules of a report', () => {
  const sp5 = builtIn('5sp');
  const complete = {
    members_total: 10,
    members_working: 10,
    members_students: 0,
    members_pensioners: 0,
    members_women: 6,
    members_under35: 2,
    employees: 20,
    students: 0,
  };

  it('passes a consistent report', () => {
    expect(checkRules(sp5, complete)).toEqual({ errors: [], warnings: [] });
  });

  it('fails a rule that is false, naming the cells it reads', () => {
    const { errors, warnings } = checkRules(sp5, { ...complete, employees: 5 });
    expect(errors).toEqual([
      {
        rule: 'working_le_employees',
        message: 'Работающих членов Профсоюза больше, чем работников',
        cells: ['members_working', 'employees'],
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('keeps warnings out of the errors', () => {
    const { errors, warnings } = checkRules(sp5, {
      ...complete,
      members_pensioners: 3,
      committee_size: 1,
    });
    expect(errors).toEqual([]);
    expect(warnings.map((failure) => failure.rule)).toEqual([
      'categories_sum',
      'committee_size_min',
    ]);
  });

  it('skips a rule over empty cells but requires the required ones', () => {
    const { errors, warnings } = checkRules(sp5, { members_working: 10 });
    expect(errors).toEqual([
      {
        rule: 'required:employees',
        message: 'Заполните «Работников в организации»',
        cells: ['employees'],
      },
      {
        rule: 'required:students',
        message: 'Заполните «Обучающихся в организации»',
        cells: ['students'],
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('checks flags of the chairman as 0 or 1', () => {
    const { errors } = checkRules(sp5, { ...complete, chairman_woman: 2 });
    expect(errors.map((failure) => failure.rule)).toEqual(['chairman_woman_flag']);
  });
});
