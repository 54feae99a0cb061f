import type { ErrorDetail } from './errors.js';
import { todayIso } from './validators.js';

/** The passport facts the cross-field rules look at, after a change is merged in. */
export interface PassportState {
  isLegalEntity: boolean;
  inn: string | null;
  ogrn: string | null;
  chairman: {
    birthDate?: string | null;
    electedOn?: string | null;
    termEndsOn?: string | null;
  } | null;
}

const yearsBefore = (iso: string, years: number) =>
  `${Number(iso.slice(0, 4)) - years}${iso.slice(4)}`;

/** Rules that span fields; shared so the form says what the API would say. */
export function passportProblems(state: PassportState, today = todayIso()): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!state.isLegalEntity) {
    const message = 'Указывается только для организации — юридического лица';
    if (state.inn) problems.push({ field: 'inn', message });
    if (state.ogrn) problems.push({ field: 'ogrn', message });
  }
  const c = state.chairman;
  if (c?.electedOn && c.termEndsOn && c.termEndsOn <= c.electedOn) {
    problems.push({
      field: 'chairman.termEndsOn',
      message: 'Срок полномочий истекает позже даты избрания',
    });
  }
  if (
    c?.birthDate &&
    (c.birthDate > yearsBefore(today, 18) || c.birthDate < yearsBefore(today, 100))
  ) {
    problems.push({
      field: 'chairman.birthDate',
      message: 'Проверьте дату рождения: возраст от 18 до 100 лет',
    });
  }
  return problems;
}

/** Chairmen are elected for five years: the term end when none is given. */
export const CHAIRMAN_TERM_YEARS = 5;
