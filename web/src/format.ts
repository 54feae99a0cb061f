const countFormat = new Intl.NumberFormat('ru-RU');

export const formatCount = (value: number): string => countFormat.format(value);

const pluralRules = new Intl.PluralRules('ru-RU');

/** The Russian form of a word after a number: (1) члена, (2) членов, (5) членов. */
export function plural(value: number, one: string, few: string, many: string): string {
  const form = pluralRules.select(value);
  if (form === 'one') return one;
  if (form === 'few') return few;
  return many;
}

/** A stored phone as people read it: `+79123456789` → `+7 912 345-67-89`; others as stored. */
export function formatPhone(value: string): string {
  const match = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(value);
  return match ? `+7 ${match[1]} ${match[2]}-${match[3]}-${match[4]}` : value;
}

const percentFormat = new Intl.NumberFormat('ru-RU', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/**
 * A share as a percent, alike on every screen: one decimal with a comma, «—» when there is
 * nothing to count (no denominator). Rounded down, so 99,96 % shows «99,9 %», never «100,0 %»
 * while anything is missing.
 */
export function formatPercent(part: number, whole: number | null | undefined): string {
  if (!whole || whole <= 0) return '—';
  const tenths = Math.floor((part / whole) * 1000 + 1e-9);
  return `${percentFormat.format(tenths / 10)}\u00a0%`;
}

const dateTimeFormat = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'short' });

/** A moment as people read it: «05.03.2025, 14:30». */
export const formatDateTime = (iso: string): string => dateTimeFormat.format(new Date(iso));
