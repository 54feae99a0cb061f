import { dateProblem, memberBirthRule } from '@profreestr/contracts';
import type { FormValue } from '../passport/field-model';

/**
 * A birth date giving an age from 14 to 100, as the API requires: the contract's rule and
 * message. Fields can say `rule: memberBirthRule` instead (the member card does).
 */
export const checkBirthDate = (value: unknown) => dateProblem(String(value), memberBirthRule);

/** Russian patronymics tell the sex: saves a tap when the form is filled in a hurry. */
export function sexFromMiddleName(middleName: FormValue): string {
  const text = String(middleName).trim().toLocaleLowerCase('ru-RU');
  if (/(вна|чна|кызы|гызы)$/.test(text)) return 'female';
  if (/(ич|оглы|улы|уулу)$/.test(text)) return 'male';
  return '';
}
