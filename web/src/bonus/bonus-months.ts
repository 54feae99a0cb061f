import { type BonusMonth, formatKopecks } from '@profreestr/contracts';
import { isOrgId } from '../api/orgs';
import { formatCount } from '../format';

// Months of the PROFCARDS statistics: the range, the months the server has no row for, labels.

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isMonth = (value: string | null | undefined): value is string =>
  !!value && MONTH.test(value);

const monthOf = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;

/** `YYYY-MM` moved by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return monthOf(new Date(year, mon - 1 + delta, 1));
}

export const currentMonth = (now = new Date()) => monthOf(now);

/** The last 12 months up to this one. */
export function defaultRange(now = new Date()): { from: string; to: string } {
  const to = currentMonth(now);
  return { from: addMonths(to, -11), to };
}

/** `/bonus` for the last 12 months, of an org's subtree when given. */
export function bonusUrl(orgId?: string): string {
  const { from, to } = defaultRange();
  return `/bonus?${new URLSearchParams({ from, to, ...(orgId ? { under: orgId } : {}) })}`;
}

/** Every month from `from` to `to`, both included (none when reversed). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to && months.length < 240; month = addMonths(month, 1)) {
    months.push(month);
  }
  return months;
}

/** A page of monthly figures: its range and subtree, from the URL. */
export interface MonthRangeFilters {
  from: string;
  to: string;
  under: string | undefined;
}

/** The range in the URL, or the last 12 months; a reversed range is taken the right way round. */
export function readMonthRange(params: URLSearchParams): MonthRangeFilters {
  const fallback = defaultRange();
  const from = params.get('from');
  const to = params.get('to');
  const under = params.get('under') ?? undefined;
  let range = {
    from: isMonth(from) ? from : fallback.from,
    to: isMonth(to) ? to : fallback.to,
  };
  if (range.from > range.to) range = { from: range.to, to: range.from };
  return { ...range, under: isOrgId(under) ? under : undefined };
}

/** The months to pick from, newest first: `yearsBack` years and any month already chosen. */
export function monthOptions(yearsBack: number, ...chosen: string[]) {
  const now = currentMonth();
  const months = new Set(monthsBetween(`${Number(now.slice(0, 4)) - yearsBack}-01`, now));
  for (const month of chosen) months.add(month);
  return [...months]
    .sort()
    .reverse()
    .map((value) => ({ value, label: monthLabel(value) }));
}

/** The server's rows with zeros for the months without purchases, oldest first. */
export function fillMonths(items: BonusMonth[], from: string, to: string): BonusMonth[] {
  const byMonth = new Map(items.map((item) => [item.month.slice(0, 7), item]));
  return monthsBetween(from, to).map(
    (month) =>
      byMonth.get(month) ?? { month, purchases: 0, amount: 0, cashback: 0, participants: 0 },
  );
}

const longFormat = new Intl.DateTimeFormat('ru-RU', { month: 'long', year: 'numeric' });
const shortFormat = new Intl.DateTimeFormat('ru-RU', { month: 'short' });
const dateOf = (month: string) => {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return new Date(year, mon - 1, 1);
};

/** «март 2025 г.» → «Март 2025». */
export const monthLabel = (month: string) => {
  const text = longFormat.format(dateOf(month)).replace(/\s*г\.$/, '');
  return text.charAt(0).toLocaleUpperCase('ru-RU') + text.slice(1);
};

/** «мар» — under a bar. */
export const shortMonthLabel = (month: string) =>
  shortFormat.format(dateOf(month)).replace('.', '');

export type BonusMetric = 'cashback' | 'amount' | 'purchases' | 'participants';

export const bonusMetrics: { value: BonusMetric; label: string; title: string }[] = [
  { value: 'cashback', label: 'Кэшбэк', title: 'Кэшбэк по месяцам' },
  { value: 'amount', label: 'Сумма', title: 'Сумма покупок по месяцам' },
  { value: 'purchases', label: 'Покупки', title: 'Число покупок по месяцам' },
  { value: 'participants', label: 'Участники', title: 'Участники с покупками по месяцам' },
];

const compact = new Intl.NumberFormat('ru-RU', { notation: 'compact', maximumFractionDigits: 1 });

/** The metric's value as a full text (for the bar's title) and as an axis tick. */
export function metricFormat(metric: BonusMetric): {
  full: (value: number) => string;
  axis: (value: number) => string;
} {
  if (metric === 'cashback' || metric === 'amount') {
    return { full: formatKopecks, axis: (kopecks) => `${compact.format(kopecks / 100)}\u00a0₽` };
  }
  return { full: formatCount, axis: (value) => compact.format(value) };
}

export interface BonusTotals {
  purchases: number;
  amount: number;
  cashback: number;
}

export const totalsOf = (items: BonusMonth[]): BonusTotals =>
  items.reduce(
    (sum, item) => ({
      purchases: sum.purchases + item.purchases,
      amount: sum.amount + item.amount,
      cashback: sum.cashback + item.cashback,
    }),
    { purchases: 0, amount: 0, cashback: 0 },
  );
