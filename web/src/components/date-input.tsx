import { TextInput, type TextInputProps } from '@mantine/core';
import { type DateRule, isoToRu, parseDateText } from '@profreestr/contracts';

// Every date of the UI is typed as people write it, ДД.ММ.ГГГГ, into a text input with a mask.
// A native <input type="date"> reports a half-typed or impossible day (31.02.1990) as an empty
// value, so the form could not tell it from a cleared one and dropped it silently; its look also
// follows the browser's locale (MM/DD/YYYY on an English system). A text input shows exactly what
// was typed, so «Такой даты нет» points at something the user sees, and it takes a pasted date.

export const DATE_PLACEHOLDER = 'ДД.ММ.ГГГГ';

/**
 * The mask: digits only, the dots put in as the day and the month fill up (not while deleting),
 * a separator typed after one digit pads it (`1.` → `01.`). A pasted `YYYY-MM-DD` (a date
 * copied from a file or typed by a script) reads as `ДД.ММ.ГГГГ`.
 */
export function maskDateText(raw: string, previous: string): string {
  const trimmed = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return isoToRu(trimmed);
  const parts = ['', '', ''];
  let part = 0;
  for (const char of raw) {
    if (/\d/.test(char)) {
      if (part < 2 && (parts[part] as string).length === 2) part += 1;
      if (part < 2 || (parts[2] as string).length < 4) parts[part] += char;
    } else if (/[.,/\-\s]/.test(char) && part < 2 && parts[part] !== '') {
      parts[part] = (parts[part] as string).padStart(2, '0');
      part += 1;
    }
  }
  const [day, month, year] = parts as [string, string, string];
  let text = day;
  if (part >= 1) text += `.${month}`;
  if (part >= 2) text += `.${year}`;
  const deleting = raw.length < previous.length;
  const full = part < 2 && (parts[part] as string).length === 2;
  return !deleting && full ? `${text}.` : text;
}

/** A date's text in a form: `YYYY-MM-DD` from the API → `ДД.ММ.ГГГГ`; null → empty. */
export const dateText = (iso: string | null | undefined): string => (iso ? isoToRu(iso) : '');

/**
 * The one check of a typed date: empty is null (or «Заполните поле» when `required`), anything
 * else must be a whole, real day that `rule` allows — the contract's rule and message.
 */
export function parseDateInput(
  text: string,
  rule: DateRule,
  required = false,
): { value: string | null } | { error: string } {
  if (text.trim() === '' && required) return { error: 'Заполните поле' };
  return parseDateText(text, rule);
}

export interface DateInputProps
  extends Omit<TextInputProps, 'value' | 'onChange' | 'type' | 'inputMode' | 'placeholder'> {
  /** The text as typed (ДД.ММ.ГГГГ). */
  value: string;
  onChange: (text: string) => void;
}

/** The date input of every form: a numeric keyboard on phones, the mask ДД.ММ.ГГГГ. */
export function DateInput({ value, onChange, ...props }: DateInputProps) {
  return (
    <TextInput
      autoComplete="off"
      {...props}
      type="text"
      inputMode="numeric"
      placeholder={DATE_PLACEHOLDER}
      value={value}
      onChange={(event) => onChange(maskDateText(event.currentTarget.value, value))}
    />
  );
}
