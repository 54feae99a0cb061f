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
