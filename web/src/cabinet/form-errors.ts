import { isApiError } from '../api/client';
import { type FormErrors, formErrors } from '../passport/api-errors';

/**
 * The server's refusal (422 `details`): each message under its input; when every one of them
 * found its input, the alert above only points at them instead of repeating the same words.
 */
export function placedFormErrors(error: unknown, keys: string[]): FormErrors {
  const result = formErrors(error, '', keys);
  const placed = Object.values(result.fields).filter(Boolean).length;
  if (isApiError(error) && placed > 0 && placed === error.details.length) {
    return { ...result, general: 'Проверьте поля, отмеченные красным.' };
  }
  return result;
}
