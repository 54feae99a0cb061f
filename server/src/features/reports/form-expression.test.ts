import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Expr,
  ExpressionError,
  evaluate,
  isBooleanExpr,
  parseExpression,
  referencedCells,
} from './form-expression.js';

const run = (text: string, cells: Record<string, number | null> = {}) =>
  evaluate(parseExpression(text), (code) => cells[code] ?? null);

const errorOf = (text: string): ExpressionError => {
  try {
    parseExpression(text);
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error(`«${text}» parsed`);
};

describe('the form expression language', () => {
  it('multiplies before adding, negates before multiplying, and follows parentheses', () => {
    expect(run('2 + 3 * 4')).toBe(14);
    expect(run('(2 + 3) * 4')).toBe(20);
    expect(run('10 - 4 - 3')).toBe(3);
    expect(run('12 / 3 / 2')).toBe(2);
    expect(run('-2 * 3 + 1')).toBe(-5);
    expect(run('2 - -3')).toBe(5);
    expect(run('3.5 * 2')).toBe(7);
  });

  it('binds comparisons tighter than not, not tighter than and, and tighter than or', () => {
    expect(run('1 < 2 and 2 < 1 or 3 == 3')).toBe(true);
    expect(run('1 < 2 and (2 < 1 or 3 != 3)')).toBe(false);
    expect(run('not 1 > 2 and 2 >= 2')).toBe(true);
    expect(run('a = 5', { a: 5 })).toBe(true);
    expect(run('a + 1 <= b * 2', { a: 3, b: 2 })).toBe(true);
  });

  it('calls min, max, abs, round, sum and if', () => {
    expect(run('min(3, a, 2)', { a: 1 })).toBe(1);
    expect(run('max(3, a, 2)', { a: 1 })).toBe(3);
    expect(run('abs(0 - 4)')).toBe(4);
    expect(run('round(2.5)')).toBe(3);
    expect(run('round(1.005, 2)')).toBe(1.01);
    expect(run('round(2 / 3 * 100, 1)')).toBe(66.7);
    expect(run('sum(1, 2, 3)')).toBe(6);
    expect(run('if(a > 0, 1, 2)', { a: 1 })).toBe(1);
    expect(run('if(a > 0, 1, 2)', { a: -1 })).toBe(2);
  });

  it('makes anything that reads an empty cell empty, so a rule over empty cells is not checked', () => {
    expect(run('a + 1')).toBeNull();
    expect(run('a <= b', { a: 1 })).toBeNull();
    expect(run('sum(a, b)', { a: 1 })).toBeNull();
    expect(run('round(a / b * 100, 1)', { a: 1 })).toBeNull();
    expect(run('not a > 1')).toBeNull();
  });

  it('decides and/or by one side when that side settles it, else leaves it empty', () => {
    expect(run('a > 1 and 1 > 2')).toBe(false);
    expect(run('a > 1 and 2 > 1')).toBeNull();
    expect(run('a > 1 or 2 > 1')).toBe(true);
    expect(run('a > 1 or 1 > 2')).toBeNull();
  });

  it('evaluates only the branch of if it takes', () => {
    expect(run('if(1 > 0, 5, a)')).toBe(5);
    expect(run('if(a > 0, 5, 6)')).toBeNull();
  });

  it('gives empty for division by zero', () => {
    expect(run('a / b', { a: 5, b: 0 })).toBeNull();
    expect(run('a / b > 1', { a: 5, b: 0 })).toBeNull();
  });

  it('compares at nine decimals, so 0.1 + 0.2 equals 0.3', () => {
    expect(run('0.1 + 0.2 == 0.3')).toBe(true);
    expect(run('0.1 + 0.2 <= 0.3')).toBe(true);
    expect(run('0.3 < 0.1 + 0.2')).toBe(false);
    expect(run('0.3000001 > 0.3')).toBe(true);
  });

  it('lists the cells read, each once, in order', () => {
    expect(referencedCells(parseExpression('b + a * b - if(c > a, d, 0)'))).toEqual([
      'b',
      'a',
      'c',
      'd',
    ]);
    expect(referencedCells(parseExpression('round(1.5)'))).toEqual([]);
  });

  it('tells conditions from numbers', () => {
    expect(isBooleanExpr(parseExpression('a <= b'))).toBe(true);
    expect(isBooleanExpr(parseExpression('a > 1 and not b > 1'))).toBe(true);
    expect(isBooleanExpr(parseExpression('if(a > 1, b > 1, c > 1)'))).toBe(true);
    expect(isBooleanExpr(parseExpression('a + b'))).toBe(false);
    expect(isBooleanExpr(parseExpression('if(a > 1, b, c)'))).toBe(false);
  });

  it('says what is wrong and where', () => {
    const hash = errorOf('a + #');
    expect(hash.position).toBe(4);
    expect(hash.message).toBe('Неожиданный символ «#» в позиции 5');
    expect(errorOf('foo(a)').message).toBe('Неизвестная функция «foo»');
    expect(errorOf('(a + b').message).toMatch(/^Не закрыта скобка/);
    expect(errorOf('min(a, b').message).toMatch(/^Не закрыта скобка/);
    expect(errorOf('a +').message).toMatch(/оборвалось/);
    expect(errorOf('a b').position).toBe(2);
    expect(errorOf('').message).toBe('Пустое выражение');
    expect(errorOf('Members').position).toBe(0);
    expect(errorOf('12.').position).toBe(2);
    expect(errorOf('abs(1, 2)').message).toMatch(/abs/);
    expect(errorOf('round(a, b)').message).toMatch(/round/);
  });

  it('refuses mixing conditions and numbers', () => {
    expect(errorOf('a + (b < c)').message).toMatch(/Ожидается число/);
    expect(errorOf('a < b < c').message).toMatch(/Ожидается число/);
    expect(errorOf('a and b').message).toMatch(/Ожидается условие/);
    expect(errorOf('if(a, 1, 2)').message).toMatch(/Ожидается условие/);
    expect(errorOf('if(a > 1, 1, b > 2)').message).toMatch(/Ожидается число/);
  });

  it('does not treat JavaScript names as operators or functions', () => {
    expect(errorOf('a constructor b').message).toMatch(/Неожиданное «constructor»/);
    expect(errorOf('tostring(a)').message).toBe('Неизвестная функция «tostring»');
    expect(run('constructor + 1', { constructor: 1 })).toBe(2);
  });

  it('refuses deep nesting and long texts without overflowing the stack', () => {
    expect(errorOf(`${'('.repeat(60)}1${')'.repeat(60)}`).message).toMatch(/вложенность/);
    expect(errorOf(`${'-'.repeat(60)}1`).message).toMatch(/вложенность/);
    expect(errorOf(`${'abs('.repeat(60)}1${')'.repeat(60)}`).message).toMatch(/вложенность/);
    expect(errorOf(`${'not '.repeat(60)}1 > 0`).message).toMatch(/вложенность/);
    expect(errorOf('1+'.repeat(600)).message).toMatch(/длиннее 1000/);
    // A long flat sum is not nesting: it parses and evaluates.
    expect(run(`${'a + '.repeat(240)}a`, { a: 1 })).toBe(241);
  });

  it('agrees with JavaScript arithmetic and comparisons on integers', () => {
    const int = fc.integer({ min: -1_000_000, max: 1_000_000 });
    fc.assert(
      fc.property(int, int, (a, b) => {
        const cells = { a, b };
        expect(run('a + b * 2 - (a - b)', cells)).toBe(a + b * 2 - (a - b));
        expect(run('-a * (b + 3) - -b', cells)).toBe(-a * (b + 3) - -b);
        expect(run('max(a, b) - min(a, b) == abs(a - b)', cells)).toBe(true);
        expect(run('sum(a, b, 1)', cells)).toBe(a + b + 1);
        expect(run('a < b', cells)).toBe(a < b);
        expect(run('a <= b', cells)).toBe(a <= b);
        expect(run('a > b', cells)).toBe(a > b);
        expect(run('a >= b', cells)).toBe(a >= b);
        expect(run('a == b', cells)).toBe(a === b);
        expect(run('a != b', cells)).toBe(a !== b);
        expect(run('a < b or not a < b', cells)).toBe(true);
        expect(run('a / b', cells)).toBe(b === 0 ? null : a / b);
      }),
    );
  });

  it('either parses any text or throws ExpressionError, never anything else', () => {
    const pieces = [
      ...'abcxyz_0123456789.+-*/<>=!(),# A\t'.split(''),
      ' and ',
      ' or ',
      'not ',
      'min(',
      'round(',
      'if(',
      'foo(',
      'constructor',
      '__proto__',
    ];
    const text = fc
      .array(fc.constantFrom(...pieces), { maxLength: 40 })
      .map((parts) => parts.join(''));
    const lookup = (code: string) => (code.length % 3 === 0 ? null : code.length);
    fc.assert(
      fc.property(text, (source) => {
        let expr: Expr;
        try {
          expr = parseExpression(source);
        } catch (error) {
          expect(error).toBeInstanceOf(ExpressionError);
          return;
        }
        // Whatever parses also evaluates without throwing.
        const value = evaluate(expr, lookup);
        expect(
          value === null || typeof value === (isBooleanExpr(expr) ? 'boolean' : 'number'),
        ).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
