// The language of a report form's formulas and rules: numbers, cell codes, arithmetic,
// comparisons, and/or/not and a few functions. Parsed by hand into a tree and evaluated by
// walking it, never by eval or Function, so a form's author cannot run code on the server.

export const MAX_EXPRESSION_LENGTH = 1000;
/** How deep parentheses, unary operators and nested calls may go (the parser recurses on them). */
export const MAX_EXPRESSION_DEPTH = 50;

export type ArithmeticOp = '+' | '-' | '*' | '/';
export type ComparisonOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type LogicalOp = 'and' | 'or';
export type FunctionName = 'min' | 'max' | 'abs' | 'round' | 'sum' | 'if';
export type ValueType = 'number' | 'boolean';

/** A node of the tree; `pos` is its 0-based offset in the text, `type` what it yields. */
export type Expr = { pos: number; type: ValueType } & (
  | { kind: 'number'; value: number }
  | { kind: 'cell'; code: string }
  | { kind: 'negate'; arg: Expr }
  | { kind: 'not'; arg: Expr }
  | { kind: 'binary'; op: ArithmeticOp | ComparisonOp | LogicalOp; left: Expr; right: Expr }
  | { kind: 'call'; fn: FunctionName; args: Expr[] }
);

/** A text that is not an expression: `position` is the 0-based offset, the message counts from 1. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/** Words of the language, so no cell code may be one of them. */
export const reservedWords: readonly string[] = ['and', 'or', 'not'];

const functions: Record<FunctionName, { min: number; max: number }> = {
  min: { min: 1, max: Number.POSITIVE_INFINITY },
  max: { min: 1, max: Number.POSITIVE_INFINITY },
  sum: { min: 1, max: Number.POSITIVE_INFINITY },
  abs: { min: 1, max: 1 },
  round: { min: 1, max: 2 },
  if: { min: 3, max: 3 },
};
const isFunctionName = (name: string): name is FunctionName => Object.hasOwn(functions, name);

// --- tokens ----------------------------------------------------------------------------------

type Token =
  | { kind: 'number'; value: number; pos: number; text: string }
  | { kind: 'name'; text: string; pos: number }
  | { kind: 'op'; text: string; pos: number }
  | { kind: 'end'; text: ''; pos: number };

const operators = ['<=', '>=', '==', '!=', '<', '>', '=', '+', '-', '*', '/', '(', ')', ','];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(text.slice(i, i + 400));
    if (number) {
      const value = Number(number[0]);
      // A run of digits too long for a double would silently become Infinity.
      if (!Number.isFinite(value) || number[0].length > 30) {
        throw new ExpressionError(`Слишком длинное число в позиции ${i + 1}`, i);
      }
      tokens.push({ kind: 'number', value, pos: i, text: number[0] });
      i += number[0].length;
      if (/[\d.a-z_]/i.test(text[i] ?? '')) throw unexpectedChar(text, i);
      continue;
    }
    const name = /^[a-z][a-z0-9_]*/.exec(text.slice(i, i + 200));
    if (name) {
      tokens.push({ kind: 'name', text: name[0], pos: i });
      i += name[0].length;
      if (/[A-Z]/.test(text[i] ?? '')) throw unexpectedChar(text, i);
      continue;
    }
    const op = operators.find((candidate) => text.startsWith(candidate, i));
    if (!op) throw unexpectedChar(text, i);
    tokens.push({ kind: 'op', text: op === '=' ? '==' : op, pos: i });
    i += op.length;
  }
  tokens.push({ kind: 'end', text: '', pos: text.length });
  return tokens;
}

function unexpectedChar(text: string, i: number) {
  const ch = String.fromCodePoint(text.codePointAt(i) ?? 0);
  return new ExpressionError(`Неожиданный символ «${ch}» в позиции ${i + 1}`, i);
}

// --- parser ----------------------------------------------------------------------------------

// Binding power of infix operators; comparisons bind once (a < b < c is a type error).
// A Map, not an object: a cell named `constructor` must not find Object.prototype's.
const COMPARISON = 4;
const infix = new Map<string, number>([
  ['or', 1],
  ['and', 2],
  ...(['<', '<=', '>', '>=', '==', '!='] as const).map((op) => [op, COMPARISON] as const),
  ['+', 5],
  ['-', 5],
  ['*', 6],
  ['/', 6],
]);
const NOT_OPERAND = COMPARISON; // `not a < b` is `not (a < b)`
const NEGATE_OPERAND = 7; // `-a * b` is `(-a) * b`

/** Parses a formula or a rule; throws ExpressionError saying what is wrong and where. */
export function parseExpression(text: string): Expr {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(`Выражение длиннее ${MAX_EXPRESSION_LENGTH} символов`, 0);
  }
  if (text.trim() === '') throw new ExpressionError('Пустое выражение', 0);
  const tokens = tokenize(text);
  let at = 0;
  let depth = 0;
  const peek = () => tokens[at] as Token;
  const next = () => tokens[at++] as Token;

  const unexpected = (token: Token) =>
    token.kind === 'end'
      ? new ExpressionError(`Выражение оборвалось в позиции ${token.pos + 1}`, token.pos)
      : new ExpressionError(`Неожиданное «${token.text}» в позиции ${token.pos + 1}`, token.pos);

  const enter = (pos: number) => {
    if (++depth > MAX_EXPRESSION_DEPTH) {
      throw new ExpressionError(
        `Слишком глубокая вложенность (больше ${MAX_EXPRESSION_DEPTH}) в позиции ${pos + 1}`,
        pos,
      );
    }
  };

  function parseBinary(minPower: number): Expr {
    enter(peek().pos);
    let left = parsePrefix();
    for (;;) {
      const token = peek();
      const power =
        token.kind === 'name' || token.kind === 'op' ? infix.get(token.text) : undefined;
      if (power === undefined || power < minPower) break;
      next();
      const right = parseBinary(power + 1);
      left = binary(token.text as ArithmeticOp | ComparisonOp | LogicalOp, left, right, token.pos);
    }
    depth--;
    return left;
  }

  function parsePrefix(): Expr {
    const token = next();
    if (token.kind === 'number')
      return { kind: 'number', value: token.value, pos: token.pos, type: 'number' };
    if (token.kind === 'op' && token.text === '-') {
      const arg = expect('number', parseBinary(NEGATE_OPERAND));
      return { kind: 'negate', arg, pos: token.pos, type: 'number' };
    }
    if (token.kind === 'op' && token.text === '(') {
      const inner = parseBinary(0);
      const close = next();
      if (close.kind === 'end') {
        throw new ExpressionError(
          `Не закрыта скобка, открытая в позиции ${token.pos + 1}`,
          token.pos,
        );
      }
      if (close.text !== ')') throw unexpected(close);
      return inner;
    }
    if (token.kind === 'name') {
      if (token.text === 'not') {
        const arg = expect('boolean', parseBinary(NOT_OPERAND));
        return { kind: 'not', arg, pos: token.pos, type: 'boolean' };
      }
      if (reservedWords.includes(token.text)) throw unexpected(token);
      if (peek().text === '(') return parseCall(token);
      return { kind: 'cell', code: token.text, pos: token.pos, type: 'number' };
    }
    throw unexpected(token);
  }

  function parseCall(name: Token): Expr {
    if (!isFunctionName(name.text)) {
      throw new ExpressionError(`Неизвестная функция «${name.text}»`, name.pos);
    }
    const open = next();
    const args: Expr[] = [];
    if (peek().text !== ')') {
      for (;;) {
        args.push(parseBinary(0));
        const token = next();
        if (token.text === ')') break;
        if (token.kind === 'end') {
          throw new ExpressionError(
            `Не закрыта скобка, открытая в позиции ${open.pos + 1}`,
            open.pos,
          );
        }
        if (token.text !== ',') throw unexpected(token);
      }
    } else next();
    return call(name.text, args, name.pos);
  }

  const expr = parseBinary(0);
  const rest = peek();
  if (rest.kind !== 'end') throw unexpected(rest);
  return expr;
}

const typeNames: Record<ValueType, string> = { number: 'число', boolean: 'условие' };

function expect(type: ValueType, expr: Expr): Expr {
  if (expr.type !== type) {
    throw new ExpressionError(
      `Ожидается ${typeNames[type]}, а не ${typeNames[expr.type]}, в позиции ${expr.pos + 1}`,
      expr.pos,
    );
  }
  return expr;
}

function binary(
  op: ArithmeticOp | ComparisonOp | LogicalOp,
  left: Expr,
  right: Expr,
  pos: number,
): Expr {
  const logical = op === 'and' || op === 'or';
  const operand: ValueType = logical ? 'boolean' : 'number';
  expect(operand, left);
  expect(operand, right);
  const type: ValueType = logical || infix.get(op) === COMPARISON ? 'boolean' : 'number';
  return { kind: 'binary', op, left, right, pos, type };
}

function call(fn: FunctionName, args: Expr[], pos: number): Expr {
  const { min, max } = functions[fn];
  if (args.length < min || args.length > max) {
    const count =
      min === max
        ? `${min}`
        : max === Number.POSITIVE_INFINITY
          ? `от ${min}`
          : `от ${min} до ${max}`;
    throw new ExpressionError(`Функции «${fn}» нужно аргументов: ${count}`, pos);
  }
  if (fn === 'if') {
    const [cond, then, otherwise] = args as [Expr, Expr, Expr];
    expect('boolean', cond);
    expect(then.type, otherwise);
    return { kind: 'call', fn, args, pos, type: then.type };
  }
  for (const arg of args) expect('number', arg);
  // Digits of round() are fixed in the text, so a formula cannot ask for 10^1000.
  const digits = args[1];
  if (
    fn === 'round' &&
    digits &&
    (digits.kind !== 'number' || !Number.isInteger(digits.value) || digits.value > 9)
  ) {
    throw new ExpressionError(
      `Знаков после запятой в round — целое число от 0 до 9 (позиция ${digits.pos + 1})`,
      digits.pos,
    );
  }
  return { kind: 'call', fn, args, pos, type: 'number' };
}

// --- reading the tree ------------------------------------------------------------------------

/** The cell codes an expression reads, each once, in the order they appear. */
export function referencedCells(expr: Expr): string[] {
  const codes = new Set<string>();
  const walk = (node: Expr): void => {
    switch (node.kind) {
      case 'cell':
        codes.add(node.code);
        return;
      case 'negate':
      case 'not':
        walk(node.arg);
        return;
      case 'binary':
        walk(node.left);
        walk(node.right);
        return;
      case 'call':
        node.args.forEach(walk);
        return;
      case 'number':
        return;
    }
  };
  walk(expr);
  return [...codes];
}

/** Whether the expression yields a condition (a rule) rather than a number (a formula). */
export const isBooleanExpr = (expr: Expr): boolean => expr.type === 'boolean';

/** Rounds half away from zero; toPrecision first drops binary noise (1.005 * 100 = 100.49999…). */
export function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  // Past 2^53 a double has no fractional digits left to round (and toPrecision would cut some).
  if (!Number.isFinite(value) || Math.abs(value) * factor >= 2 ** 53) return value;
  const scaled = Number((Math.abs(value) * factor).toPrecision(15));
  const rounded = (Math.sign(value) * Math.round(scaled)) / factor;
  return rounded === 0 ? 0 : rounded; // no -0
}

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

const arithmetic: Record<'+' | '-' | '*', (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
};
const comparisons: Record<ComparisonOp, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/**
 * Evaluates over the cells' values. An empty cell (null) makes what depends on it null, so a
 * rule over empty cells is not checkable rather than false; division by zero is null too.
 */
export function evaluate(
  expr: Expr,
  lookup: (code: string) => number | null,
): number | boolean | null {
  const num = (node: Expr) => run(node) as number | null;
  const bool = (node: Expr) => run(node) as boolean | null;

  function run(node: Expr): number | boolean | null {
    switch (node.kind) {
      case 'number':
        return node.value;
      case 'cell': {
        const value = lookup(node.code);
        return typeof value === 'number' && Number.isFinite(value) ? value : null;
      }
      case 'negate': {
        const value = num(node.arg);
        return value === null ? null : 0 - value;
      }
      case 'not': {
        const value = bool(node.arg);
        return value === null ? null : !value;
      }
      case 'binary':
        return runBinary(node.op, node.left, node.right);
      case 'call':
        return runCall(node.fn, node.args);
    }
  }

  function runBinary(op: ArithmeticOp | ComparisonOp | LogicalOp, leftNode: Expr, rightNode: Expr) {
    // Three-valued logic: false and anything is false, true or anything is true.
    if (op === 'and' || op === 'or') {
      const decisive = op === 'or';
      const left = bool(leftNode);
      if (left === decisive) return decisive;
      const right = bool(rightNode);
      if (right === decisive) return decisive;
      return left === null || right === null ? null : !decisive;
    }
    const left = num(leftNode);
    if (left === null) return null;
    const right = num(rightNode);
    if (right === null) return null;
    if (op === '/') return right === 0 ? null : finite(left / right);
    if (op === '+' || op === '-' || op === '*') return finite(arithmetic[op](left, right));
    // Compared at 9 decimals, so 0.1 + 0.2 == 0.3.
    return comparisons[op](roundTo(left, 9), roundTo(right, 9));
  }

  function runCall(fn: FunctionName, args: Expr[]): number | boolean | null {
    if (fn === 'if') {
      const cond = bool(args[0] as Expr);
      if (cond === null) return null;
      return run((cond ? args[1] : args[2]) as Expr);
    }
    const values: number[] = [];
    for (const arg of args) {
      const value = num(arg);
      if (value === null) return null;
      values.push(value);
    }
    const [first = 0, second = 0] = values;
    switch (fn) {
      case 'min':
        return Math.min(...values);
      case 'max':
        return Math.max(...values);
      case 'sum':
        return finite(values.reduce((total, value) => total + value, 0));
      case 'abs':
        return Math.abs(first);
      case 'round':
        return roundTo(first, second);
    }
  }

  return run(expr);
}
