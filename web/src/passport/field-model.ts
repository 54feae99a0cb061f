import {
  type DateRule,
  formatCardNumber,
  isValidCardNumber,
  isValidEmail,
  isValidIsoDate,
  isValidOgrn,
  isValidOrgInn,
  NAME_MESSAGE,
  NAME_PATTERN,
  normalizePhone,
  ORG_CODE_MESSAGE,
  ORG_CODE_PATTERN,
  pastRule,
} from '@profreestr/contracts';
import { dateText, parseDateInput } from '../components/date-input';
import { formatPhone } from '../format';

// One description per passport field drives its read view, its input, its conversion to the
// API value and its client-side checks. Form values are strings (checkboxes: booleans).

export type FieldKind =
  | 'text'
  | 'longtext'
  | 'name'
  | 'code'
  | 'date'
  | 'bool'
  | 'check'
  | 'enum'
  | 'int'
  | 'decimal'
  | 'phone'
  | 'email'
  | 'website'
  | 'inn'
  | 'ogrn'
  | 'card';

export interface FieldDef {
  /** Path inside the edited object: `lastName`, `notify.sms`. */
  key: string;
  label: string;
  kind: FieldKind;
  /** Value → Russian label, for `enum`. */
  options?: Record<string, string>;
  required?: boolean;
  /** A date's rule from the contract (`memberBirthRule`…): the API's range and message. */
  rule?: DateRule;
  /** Dates that cannot be in the future (when there is no `rule`). */
  past?: boolean;
  min?: number;
  max?: number;
  /** Grid columns the input spans on wide screens (1 or 2). */
  span?: 1 | 2;
  /** A note under the input that depends on the form, e.g. what the server will fill in. */
  hint?: (values: FormValues) => string | null;
  /** A further check of a parsed, non-empty value: the error, or null when it is fine. */
  validate?: (value: unknown) => string | null;
}

/** Date inputs hold the text as typed (ДД.ММ.ГГГГ), the rest their raw text; checkboxes booleans. */
export type FormValue = string | boolean;
export type FormValues = Record<string, FormValue>;
export type FieldErrors = Record<string, string>;

export function readPath(source: unknown, path: string): unknown {
  let value = source;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[part];
  }
  return value ?? null;
}

const decimalText = (value: number) => String(value).replace('.', ',');

export function toFormValue(def: FieldDef, value: unknown): FormValue {
  if (def.kind === 'check') return value === true;
  if (value === null || value === undefined) return '';
  if (def.kind === 'bool') return value ? 'true' : 'false';
  if (def.kind === 'date') return dateText(String(value));
  if (typeof value === 'number') return decimalText(value);
  return String(value);
}

export const toFormValues = (defs: FieldDef[], source: unknown): FormValues =>
  Object.fromEntries(defs.map((def) => [def.key, toFormValue(def, readPath(source, def.key))]));

type Parsed = { value: unknown } | { error: string };

const parseNumber = (def: FieldDef, raw: string, integer: boolean): Parsed => {
  const text = raw.replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return { error: integer ? 'Целое число' : 'Укажите число' };
  const value = Number(text);
  if (integer && !Number.isInteger(value)) return { error: 'Целое число' };
  if (def.min !== undefined && value < def.min) return { error: `Не меньше ${def.min}` };
  if (def.max !== undefined && value > def.max) return { error: `Не больше ${def.max}` };
  return { value };
};

/** The rule a date field is checked by: its own, or "not in the future" for `past`. */
export const dateRuleOf = (def: FieldDef): DateRule => def.rule ?? (def.past ? pastRule : {});

/** The API value of one input, or the reason it cannot be sent. Empty means null. */
export function parseFormValue(def: FieldDef, raw: FormValue): Parsed {
  const parsed = parseKind(def, raw);
  if (!def.validate || !('value' in parsed) || parsed.value === null) return parsed;
  const error = def.validate(parsed.value);
  return error ? { error } : parsed;
}

function parseKind(def: FieldDef, raw: FormValue): Parsed {
  if (typeof raw === 'boolean') return { value: raw };
  const text = raw.trim();
  if (text === '') return def.required ? { error: 'Заполните поле' } : { value: null };
  switch (def.kind) {
    case 'bool':
      return { value: text === 'true' };
    case 'int':
      return parseNumber(def, text, true);
    case 'decimal':
      return parseNumber(def, text, false);
    case 'date':
      return parseDateInput(text, dateRuleOf(def));
    case 'code':
      return ORG_CODE_PATTERN.test(text) ? { value: text } : { error: ORG_CODE_MESSAGE };
    case 'name':
      return NAME_PATTERN.test(text) ? { value: text } : { error: NAME_MESSAGE };
    case 'phone': {
      const phone = normalizePhone(text);
      return phone
        ? { value: phone }
        : { error: 'Телефон: 10 цифр номера, например +7 912 345-67-89' };
    }
    case 'email':
      return isValidEmail(text.toLowerCase())
        ? { value: text.toLowerCase() }
        : { error: 'Адрес электронной почты вида name@example.ru' };
    case 'inn':
      if (!/^\d{10}$/.test(text)) return { error: 'ИНН организации: 10 цифр' };
      return isValidOrgInn(text) ? { value: text } : { error: 'ИНН: неверная контрольная цифра' };
    case 'ogrn':
      if (!/^\d{13}$/.test(text)) return { error: 'ОГРН: 13 цифр' };
      return isValidOgrn(text) ? { value: text } : { error: 'ОГРН: неверная контрольная цифра' };
    case 'card': {
      const digits = text.replace(/\s/g, '');
      if (!/^\d{16}$/.test(digits)) return { error: 'Номер билета: 16 цифр' };
      return isValidCardNumber(digits)
        ? { value: digits }
        : { error: 'Номер билета: неверная контрольная цифра' };
    }
    default:
      return { value: text };
  }
}

/** Parses every input: the API values by key, and the errors by key. */
export function parseForm(defs: FieldDef[], values: FormValues) {
  const parsed: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const def of defs) {
    const result = parseFormValue(def, values[def.key] ?? '');
    if ('error' in result) errors[def.key] = result.error;
    else parsed[def.key] = result.value;
  }
  return { parsed, errors };
}

/** Flat `a.b` keys to nested objects. */
export function nest(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(flat)) {
    const parts = path.split('.');
    let target = out;
    for (const part of parts.slice(0, -1)) {
      target[part] ??= {};
      target = target[part] as Record<string, unknown>;
    }
    target[parts.at(-1) as string] = value;
  }
  return out;
}

/**
 * The keys whose input differs from the initial one. A changed key inside a nested group
 * (`notify.sms`) brings its siblings along, so the group is always sent whole.
 */
export function changedKeys(defs: FieldDef[], initial: FormValues, values: FormValues): string[] {
  const changed = defs.filter((def) => values[def.key] !== initial[def.key]).map((d) => d.key);
  const groups = new Set(changed.filter((k) => k.includes('.')).map((k) => k.split('.')[0]));
  return defs
    .map((def) => def.key)
    .filter((key) => changed.includes(key) || groups.has(key.split('.')[0] as string));
}

/**
 * What an edit sends: the changed keys and their parsed values. Only what is sent is checked:
 * an old value nobody touched does not block the others.
 */
export function parseChanges(defs: FieldDef[], initial: FormValues, values: FormValues) {
  const changed = changedKeys(defs, initial, values);
  const { parsed, errors } = parseForm(
    defs.filter((def) => changed.includes(def.key)),
    values,
  );
  return { changed, parsed, errors };
}

const dateFormat = new Intl.DateTimeFormat('ru-RU', { timeZone: 'UTC' });
const numberFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });

/** 'YYYY-MM-DD' as dd.mm.yyyy. */
export const formatDate = (iso: string) =>
  isValidIsoDate(iso) ? dateFormat.format(new Date(`${iso}T00:00:00Z`)) : iso;

/** The read-view text of a value; null when nothing is filled in. */
export function formatValue(def: FieldDef | undefined, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value ? 'Да' : 'Нет';
  if (typeof value === 'number') return numberFormat.format(value);
  if (typeof value !== 'string') return JSON.stringify(value);
  if (def?.options) return def.options[value] ?? value;
  if (def?.kind === 'card') return formatCardNumber(value);
  if (def?.kind === 'phone') return formatPhone(value);
  if (def?.kind === 'date' || /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  return value;
}
