import {
  eduOrgTypeLabels,
  memberCategoryLabels,
  memberCreateSchema,
  orgCreateSchema,
  orgLevelLabels,
} from '@profreestr/contracts';
import type { z } from 'zod';
import {
  type Cell,
  labelAliases,
  parseBoolean,
  parseChoice,
  parseDate,
  parseInteger,
  parseNumber,
  synonymAliases,
} from './cells.js';
import {
  CATEGORY_VALUES,
  type ColumnSpec,
  DUES_FORM_VALUES,
  EDU_TYPE_SYNONYMS,
  EDU_TYPE_VALUES,
  LEVEL_VALUES,
  SEX_VALUES,
} from './columns.js';

// One row of cells to the input the API takes, validated by the API's own schemas, so a file
// is refused exactly what a form is refused. Every message names its column.

export interface CellError {
  column: string | null;
  message: string;
}

/** A row's cells by API field; only non-empty cells are present. */
export type RowCells = Map<string, { header: string; text: string }>;

type Converter = (text: string) => Cell<unknown>;

const text: Converter = (t) => ({ ok: true, value: t });

const memberConverters: Record<string, Converter> = {
  sex: (t) =>
    parseChoice(t, SEX_VALUES, { муж: 'male', жен: 'female', мужской: 'male', женский: 'female' }),
  birthDate: parseDate,
  joinedOn: parseDate,
  category: (t) =>
    parseChoice(t, CATEGORY_VALUES, {
      ...labelAliases(memberCategoryLabels),
      пенсионер: 'pensioner',
    }),
  duesPaymentForm: (t) => parseChoice(t, DUES_FORM_VALUES),
  pdConsent: (t) => {
    const date = parseDate(t);
    return date.ok ? { ok: true, value: { givenOn: date.value } } : date;
  },
  studyCourse: parseInteger,
};

const orgConverters: Record<string, Converter> = {
  level: (t) => parseChoice(t, LEVEL_VALUES, labelAliases(orgLevelLabels)),
  isLegalEntity: parseBoolean,
  isSmall: parseBoolean,
  hasCommittee: parseBoolean,
  duesRate: parseNumber,
  'eduOrg.type': (t) =>
    parseChoice(t, EDU_TYPE_VALUES, {
      ...labelAliases(eduOrgTypeLabels),
      ...synonymAliases(EDU_TYPE_VALUES, EDU_TYPE_SYNONYMS),
    }),
};

/** Converts the cells and puts them at their (possibly nested) fields. */
function assemble(cells: RowCells, converters: Record<string, Converter>, skip: readonly string[]) {
  const input: Record<string, unknown> = {};
  const errors: CellError[] = [];
  for (const [field, cell] of cells) {
    if (skip.includes(field)) continue;
    const converted = (converters[field] ?? text)(cell.text);
    if (!converted.ok) {
      errors.push({ column: cell.header, message: converted.message });
      continue;
    }
    const [head, nested] = field.split('.') as [string, string | undefined];
    if (nested) {
      const group = (input[head] ?? {}) as Record<string, unknown>;
      group[nested] = converted.value;
      input[head] = group;
    } else input[head] = converted.value;
  }
  return { input, errors };
}

/** Validates with an API schema; issues are reported at the column of their field. */
function validate<S extends z.ZodType>(
  schema: S,
  input: Record<string, unknown>,
  cells: RowCells,
  columns: readonly ColumnSpec[],
): { value: z.infer<S>; errors: CellError[] } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { value: parsed.data, errors: [] };
  const errors = parsed.error.issues.map((issue) => {
    const path = issue.path.map(String);
    // pdConsent.givenOn comes from the pdConsent column; chairman.phone from its own.
    const field = columns.find((c) => c.field === path.slice(0, 2).join('.'))
      ? path.slice(0, 2).join('.')
      : (path[0] ?? '');
    const column =
      cells.get(field)?.header ?? columns.find((c) => c.field === field)?.header ?? null;
    return { column, message: issue.message };
  });
  return { value: undefined as never, errors };
}

const memberImportSchema = memberCreateSchema.omit({ orgId: true, registeredOn: true });
export type MemberRowInput = z.infer<typeof memberImportSchema>;

export interface ParsedMemberRow {
  orgCode: string | null;
  fields: Omit<MemberRowInput, 'cardNumber'> & { lastName: string; firstName: string };
  cardNumber: string | null;
}

export function parseMemberRow(
  cells: RowCells,
  columns: readonly ColumnSpec[],
): { row?: ParsedMemberRow; errors: CellError[] } {
  const { input, errors } = assemble(cells, memberConverters, ['orgId']);
  for (const field of ['lastName', 'firstName'] as const) {
    if (!cells.has(field)) {
      const header = columns.find((c) => c.field === field)?.header ?? field;
      errors.push({ column: header, message: `Не заполнено: ${header.toLowerCase()}` });
    }
  }
  if (errors.length) return { errors };
  const checked = validate(memberImportSchema, input, cells, columns);
  if (checked.errors.length) return { errors: checked.errors };
  const { cardNumber, ...fields } = checked.value;
  return {
    row: {
      orgCode: cells.get('orgId')?.text ?? null,
      fields: fields as ParsedMemberRow['fields'],
      cardNumber: cardNumber ?? null,
    },
    errors: [],
  };
}

const orgImportSchema = orgCreateSchema.omit({ parentId: true });
export type OrgRowInput = z.infer<typeof orgImportSchema>;

export interface ParsedOrgRow {
  parentCode: string | null;
  input: OrgRowInput;
}

export function parseOrgRow(
  cells: RowCells,
  columns: readonly ColumnSpec[],
): { row?: ParsedOrgRow; errors: CellError[] } {
  const { input, errors } = assemble(cells, orgConverters, ['parentId']);
  for (const field of ['code', 'level', 'name'] as const) {
    if (!cells.has(field)) {
      const header = columns.find((c) => c.field === field)?.header ?? field;
      errors.push({ column: header, message: `Не заполнено: ${header.toLowerCase()}` });
    }
  }
  if (errors.length) return { errors };
  const checked = validate(orgImportSchema, input, cells, columns);
  if (checked.errors.length) return { errors: checked.errors };
  return {
    row: { parentCode: cells.get('parentId')?.text ?? null, input: checked.value },
    errors: [],
  };
}
