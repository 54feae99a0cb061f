import { cashbackPercentField, type PurchaseStatus } from '@profreestr/contracts';

// How PROFCARDS partners' figures read and are typed in.

const percentFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });

/** 3.5 → «3,5 %». */
export const formatRate = (percent: number) => `${percentFormat.format(percent)}\u00a0%`;

/**
 * A percent as typed («3,5» or «3.5») checked by the contract's rule: the number, or the
 * Russian message of what is wrong.
 */
export function parsePercent(text: string): { value: number } | { error: string } {
  const trimmed = text.trim().replace(/\s/g, '').replace(',', '.');
  if (trimmed === '') return { error: 'Заполните поле' };
  if (!/^\d+(\.\d*)?$/.test(trimmed)) return { error: 'Процент кэшбэка: число, например 3,5' };
  const parsed = cashbackPercentField.safeParse(Number(trimmed));
  if (!parsed.success) {
    return { error: parsed.error.issues[0]?.message ?? 'Процент кэшбэка: неверное значение' };
  }
  return { value: parsed.data };
}

export const purchaseStatusColors: Record<PurchaseStatus, string> = {
  pending: 'yellow',
  confirmed: 'teal',
  cancelled: 'gray',
  reversed: 'red',
};
