import type { ErrorDetail } from '@profreestr/contracts';
import { isApiError } from '../api/client';
import { errorMessage } from '../components/query-state';
import type { FieldErrors } from './field-model';

export interface FormErrors {
  fields: FieldErrors;
  /** The message for the Alert above the form: the general one and the unplaceable details. */
  general: string | null;
}

export const FORM_ERRORS_NONE: FormErrors = { fields: {}, general: null };

/**
 * Puts each detail under its input: `field` is the API path (`chairman.phone`); the form knows
 * its own keys relative to `prefix` (`phone`). Details no input shows go to the general message.
 */
export function placeDetails(details: ErrorDetail[], prefix: string, keys: string[]) {
  const fields: FieldErrors = {};
  const rest: string[] = [];
  for (const { field, message } of details) {
    const key = prefix && field.startsWith(`${prefix}.`) ? field.slice(prefix.length + 1) : field;
    if (keys.includes(key) && !fields[key]) fields[key] = message;
    else rest.push(message);
  }
  return { fields, rest };
}

export function formErrors(error: unknown, prefix: string, keys: string[]): FormErrors {
  if (!isApiError(error)) return { fields: {}, general: errorMessage(error) };
  const { fields, rest } = placeDetails(error.details, prefix, keys);
  const general = [error.message, ...rest].filter(Boolean).join(' ');
  return { fields, general };
}

/** Typing into an input drops its error; the rest stay until the next attempt. */
export function clearFieldError(errors: FormErrors, key: string): FormErrors {
  if (!errors.fields[key]) return errors;
  return { ...errors, fields: { ...errors.fields, [key]: '' } };
}
