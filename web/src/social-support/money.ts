import { formatKopecks, roublesToKopecks } from '@profreestr/contracts';

// Amounts of aid: roubles with kopecks in the API, typed by people as «12 345,67».

/** Roubles for people: 1234.5 → «1 234,50 ₽» (through kopecks, so no float is shown). */
export const formatRoubles = (roubles: number) => formatKopecks(roublesToKopecks(roubles));

/**
 * An amount as typed («1 500», «1500,5», «1500.50») → a number for the contract's schema, which
 * then says what is wrong with it (zero, too much, a third decimal). Empty → null; anything
 * that is not a plain number → its own message, since the schema sees only numbers.
 */
export function parseRoubles(text: string): { value: number | null } | { error: string } {
  const trimmed = text.replace(/[\s\u00a0₽]/g, '').replace(',', '.');
  if (trimmed === '') return { value: null };
  if (!/^\d+(\.\d*)?$/.test(trimmed)) return { error: 'Сумма: число рублей, например 1500,50' };
  return { value: Number(trimmed) };
}
