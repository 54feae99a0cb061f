import { invalid } from './app-error.js';

// Monthly figures (PROFCARDS statistics, aid totals): a range of `YYYY-MM` months and a month
// in words for files.

const MAX_MONTHS = 36;

/** `YYYY-MM` … `YYYY-MM`, both ends included; backwards or longer than 36 months is a 422. */
export function monthRange(from: string, to: string): string[] {
  if (from > to) throw invalid('from', 'Начало периода позже его конца');
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
  const count = index(to) - index(from) + 1;
  if (count > MAX_MONTHS) throw invalid('to', `Период не длиннее ${MAX_MONTHS} месяцев`);
  return Array.from({ length: count }, (_, i) => {
    const n = index(from) + i;
    return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
  });
}

const monthNames = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];

/** `2026-03` → «март 2026». */
export const monthText = (month: string) =>
  `${monthNames[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
