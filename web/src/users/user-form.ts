import { type Role, roleLabels, roles } from '@profreestr/contracts';
import { isApiError } from '../api/client';
import { type FormErrors, formErrors } from '../passport/api-errors';

/** The roles a user may give (`grantableRoles` of `/auth/me`), least rights first. */
export const roleOptions = (grantable: readonly Role[]) =>
  roles
    .filter((role) => grantable.includes(role))
    .map((value) => ({ value, label: roleLabels[value] }));

/**
 * The server's refusal: each detail under its input; when all of them found one, the alert
 * above only points at them instead of repeating the same words.
 */
export function userFormErrors(error: unknown, keys: string[]): FormErrors {
  const result = formErrors(error, '', keys);
  const placed = Object.values(result.fields).filter(Boolean).length;
  if (isApiError(error) && placed > 0 && placed === error.details.length) {
    return { ...result, general: 'Проверьте выделенные поля.' };
  }
  return result;
}
