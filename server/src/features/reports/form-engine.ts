import {
  type FormCell,
  type FormRule,
  type ReportForm,
  type ReportValues,
  type RuleFailure,
  registerSources,
} from '@profreestr/contracts';
import { AppError } from '../../lib/app-error.js';
import {
  type Expr,
  ExpressionError,
  evaluate,
  isBooleanExpr,
  parseExpression,
  referencedCells,
  reservedWords,
  roundTo,
} from './form-expression.js';

// A report form's definition checked once and compiled: its formulas in the order they can be
// computed, its rules parsed. Pure functions over values, no database: the service feeds them.

/** What is wrong with a form or with values; `place` says where (a path, or a cell's code). */
export interface FormProblem {
  place: string;
  message: string;
}

/** A form as its author sent it, parsed by reportFormInputSchema (defaults filled in). */
export type FormDefinition = Omit<ReportForm, 'version'>;

export type CompiledCell = FormCell & { section: number; row: string };

export interface CompiledForm {
  form: ReportForm;
  cells: Map<string, CompiledCell>;
  /** Integer and decimal cells, in the form's order. */
  numericCells: string[];
  /** Cells with a prefill source. */
  prefilled: string[];
  /** Formula cells, each after every formula cell it reads. */
  formulaOrder: string[];
  formulas: Map<string, Expr>;
  rules: { rule: FormRule; expr: Expr; cells: string[] }[];
}

// Form codes may start with a digit (`5sp`), cell codes may not.
const sumSource = /^sum:[a-z0-9][a-z0-9_]{0,62}\.[a-z][a-z0-9_]{0,62}$/;
const knownSources = new Set<string>(registerSources);

const MAX_INTEGER = 1e12;
const MAX_TEXT = 2000;

interface Located {
  cell: FormCell;
  place: string;
}

const cellPlace = (s: number, r: number, c: number, code: string) =>
  `sections[${s}].rows[${r}].cells[${c}] (${code})`;

/** Every problem of a form's definition; an empty list means it can be compiled. */
export function checkFormDefinition(form: FormDefinition): FormProblem[] {
  const problems: FormProblem[] = [];
  const cells = new Map<string, Located>();
  const rows = new Map<string, string>();

  form.sections.forEach((section, s) => {
    section.rows.forEach((row, r) => {
      const rowPlace = `sections[${s}].rows[${r}] (${row.code})`;
      const earlierRow = rows.get(row.code);
      if (earlierRow) {
        problems.push({
          place: rowPlace,
          message: `Код строки «${row.code}» уже есть: ${earlierRow}`,
        });
      } else rows.set(row.code, rowPlace);
      row.cells.forEach((cell, c) => {
        const place = cellPlace(s, r, c, cell.code);
        const earlier = cells.get(cell.code);
        if (earlier) {
          problems.push({ place, message: `Код ячейки «${cell.code}» уже есть: ${earlier.place}` });
          return;
        }
        cells.set(cell.code, { cell, place });
        problems.push(...cellProblems(cell, place));
      });
    });
  });

  // Formulas: parsed, their references checked, then the graph among them for cycles.
  const reads = new Map<string, string[]>();
  for (const [code, { cell, place }] of cells) {
    if (cell.formula === null || cell.type === 'text') continue;
    const expr = parseOrReport(cell.formula, place, 'Формула', problems);
    if (!expr) continue;
    if (isBooleanExpr(expr)) {
      problems.push({ place, message: 'Формула должна давать число, а не условие' });
    }
    const refs = referencedCells(expr);
    problems.push(...referenceProblems(refs, cells, place));
    reads.set(
      code,
      refs.filter((ref) => cells.get(ref)?.cell.formula != null),
    );
  }
  for (const cycle of walkFormulas(reads).cycles) {
    const first = cells.get(cycle[0] as string) as Located;
    problems.push({
      place: first.place,
      message: `Формулы ссылаются друг на друга по кругу: ${cycle.join(' → ')}`,
    });
  }

  const ruleCodes = new Map<string, string>();
  form.rules.forEach((rule, i) => {
    const place = `rules[${i}] (${rule.code})`;
    const earlier = ruleCodes.get(rule.code);
    if (earlier)
      problems.push({ place, message: `Код проверки «${rule.code}» уже есть: ${earlier}` });
    else ruleCodes.set(rule.code, place);
    const expr = parseOrReport(rule.expr, place, 'Условие', problems);
    if (!expr) return;
    if (!isBooleanExpr(expr)) {
      problems.push({
        place,
        message:
          'Условие проверки должно быть сравнением (например, members_women <= members_total)',
      });
    }
    problems.push(...referenceProblems(referencedCells(expr), cells, place));
  });
  return problems;
}

function cellProblems(cell: FormCell, place: string): FormProblem[] {
  const problems: FormProblem[] = [];
  if (reservedWords.includes(cell.code)) {
    problems.push({ place, message: `Код «${cell.code}» занят словом языка формул` });
  }
  if (cell.prefill !== null && cell.formula !== null) {
    problems.push({ place, message: 'У ячейки не может быть и источника, и формулы' });
  }
  if (cell.type === 'text' && cell.formula !== null) {
    problems.push({ place, message: 'У текстовой ячейки не может быть формулы' });
  }
  if (cell.prefill !== null) {
    if (!knownSources.has(cell.prefill) && !sumSource.test(cell.prefill)) {
      problems.push({
        place,
        message: `Неизвестный источник «${cell.prefill}»: нужен показатель реестра или sum:<форма>.<ячейка>`,
      });
    }
    // Every source is a count, so it cannot fill a text cell.
    if (cell.type === 'text') {
      problems.push({ place, message: 'Текстовую ячейку нельзя заполнить из источника' });
    }
  }
  return problems;
}

function parseOrReport(
  text: string,
  place: string,
  what: string,
  problems: FormProblem[],
): Expr | null {
  try {
    return parseExpression(text);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    problems.push({ place, message: `${what}: ${error.message}` });
    return null;
  }
}

function referenceProblems(
  refs: string[],
  cells: ReadonlyMap<string, Located>,
  place: string,
): FormProblem[] {
  return refs.flatMap((ref) => {
    const target = cells.get(ref);
    if (!target) return [{ place, message: `Неизвестная ячейка «${ref}»` }];
    if (target.cell.type === 'text') {
      return [
        { place, message: `Ссылка на текстовую ячейку «${ref}»: считать можно только числа` },
      ];
    }
    return [];
  });
}

/**
 * A depth-first walk of the formula graph (by hand, not recursive: a form may hold thousands of
 * cells). Gives each cycle as its cells in order with the first repeated at the end, and the
 * formula cells in an order where each comes after the formula cells it reads.
 */
function walkFormulas(reads: ReadonlyMap<string, string[]>) {
  const cycles: string[][] = [];
  const order: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  for (const root of reads.keys()) {
    if (state.has(root)) continue;
    state.set(root, 'open');
    const trail: { code: string; next: number }[] = [{ code: root, next: 0 }];
    while (trail.length > 0) {
      const top = trail[trail.length - 1] as { code: string; next: number };
      const target = reads.get(top.code)?.[top.next++];
      if (target === undefined) {
        trail.pop();
        state.set(top.code, 'done');
        order.push(top.code);
      } else if (state.get(target) === 'open') {
        const from = trail.findIndex((step) => step.code === target);
        cycles.push([...trail.slice(from).map((step) => step.code), target]);
      } else if (!state.has(target)) {
        state.set(target, 'open');
        trail.push({ code: target, next: 0 });
      }
    }
  }
  return { cycles, order };
}

/** Checks and compiles a form; a form with problems is refused with 422 listing them all. */
export function compileForm(form: ReportForm): CompiledForm {
  const problems = checkFormDefinition(form);
  if (problems.length > 0) {
    throw new AppError(
      'invalid',
      `Форма составлена с ошибками: ${problems[0]?.message}`,
      problems.map((problem) => ({ field: problem.place, message: problem.message })),
    );
  }
  const cells = new Map<string, CompiledCell>();
  form.sections.forEach((section, s) => {
    for (const row of section.rows) {
      for (const cell of row.cells) cells.set(cell.code, { ...cell, section: s, row: row.code });
    }
  });
  const formulas = new Map<string, Expr>();
  const reads = new Map<string, string[]>();
  for (const cell of cells.values()) {
    if (cell.formula === null) continue;
    const expr = parseExpression(cell.formula);
    formulas.set(cell.code, expr);
    reads.set(
      cell.code,
      referencedCells(expr).filter((ref) => cells.get(ref)?.formula != null),
    );
  }
  const all = [...cells.values()];
  return {
    form,
    cells,
    numericCells: all.filter((cell) => cell.type !== 'text').map((cell) => cell.code),
    prefilled: all.filter((cell) => cell.prefill !== null).map((cell) => cell.code),
    formulaOrder: walkFormulas(reads).order,
    formulas,
    rules: form.rules.map((rule) => {
      const expr = parseExpression(rule.expr);
      return { rule, expr, cells: referencedCells(expr) };
    }),
  };
}

/**
 * Checks the values of a PATCH, each against its cell; null clears a cell. A formula cell is
 * refused even with null: its value is always computed. Place = the cell's code.
 */
export function checkValues(compiled: CompiledForm, input: Record<string, unknown>): FormProblem[] {
  const problems: FormProblem[] = [];
  for (const [code, value] of Object.entries(input)) {
    const cell = compiled.cells.get(code);
    const message = !cell
      ? 'Нет такой ячейки'
      : cell.formula !== null
        ? 'Ячейка вычисляется по формуле'
        : value === null
          ? null
          : valueProblem(cell.type, value);
    if (message) problems.push({ place: code, message });
  }
  return problems;
}

function valueProblem(type: FormCell['type'], value: unknown): string | null {
  if (type === 'text') {
    if (typeof value !== 'string') return 'Нужен текст';
    return value.length > MAX_TEXT ? `Не длиннее ${MAX_TEXT} символов` : null;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'Нужно число';
  if (value < 0)
    return type === 'integer' ? 'Целое неотрицательное число' : 'Неотрицательное число';
  if (type === 'integer' && !Number.isInteger(value)) return 'Целое неотрицательное число';
  if (value > MAX_INTEGER) return 'Не больше 1 000 000 000 000';
  if (type === 'decimal' && roundTo(value, 4) !== value) {
    return 'Не больше четырёх знаков после запятой';
  }
  return null;
}

/**
 * The values with every formula cell computed from the others (null when what it reads is
 * empty). Holds each cell of the form, empty ones as null; codes the form lacks are dropped.
 */
export function computeValues(compiled: CompiledForm, values: ReportValues): ReportValues {
  const result: ReportValues = {};
  for (const [code, cell] of compiled.cells) {
    const value = Object.hasOwn(values, code) ? values[code] : null;
    // A value of the wrong type counts as empty; so does a text of spaces, as an empty string
    // is no value anywhere in the API.
    result[code] =
      cell.type === 'text'
        ? typeof value === 'string' && value.trim() !== ''
          ? value
          : null
        : typeof value === 'number' && Number.isFinite(value)
          ? value
          : null;
  }
  const lookup = (code: string) => {
    const value = result[code];
    return typeof value === 'number' ? value : null;
  };
  for (const code of compiled.formulaOrder) {
    const cell = compiled.cells.get(code) as CompiledCell;
    const value = evaluate(compiled.formulas.get(code) as Expr, lookup);
    result[code] =
      typeof value === 'number' ? roundTo(value, cell.type === 'integer' ? 0 : 4) : null;
  }
  return result;
}

/**
 * The rules over the computed values: a rule that is false fails (one that cannot be checked
 * for empty cells does not), and every required empty cell is an error.
 */
export function checkRules(
  compiled: CompiledForm,
  values: ReportValues,
): { errors: RuleFailure[]; warnings: RuleFailure[] } {
  const computed = computeValues(compiled, values);
  const errors: RuleFailure[] = [];
  const warnings: RuleFailure[] = [];
  for (const [code, cell] of compiled.cells) {
    if (cell.required && computed[code] === null) {
      errors.push({
        rule: `required:${code}`,
        message: `Заполните «${cell.title}»`,
        cells: [code],
      });
    }
  }
  const lookup = (code: string) => {
    const value = computed[code];
    return typeof value === 'number' ? value : null;
  };
  for (const { rule, expr, cells } of compiled.rules) {
    if (evaluate(expr, lookup) !== false) continue;
    const failure = { rule: rule.code, message: rule.message, cells };
    (rule.severity === 'error' ? errors : warnings).push(failure);
  }
  return { errors, warnings };
}

/** The numeric entries of a record of values: what sums and discrepancies are made of. */
export const numbersOf = (record: Readonly<Record<string, unknown>>): Record<string, number> =>
  Object.fromEntries(
    Object.entries(record).filter(
      (entry): entry is [string, number] => typeof entry[1] === 'number',
    ),
  );
