/**
 * Items without an id of their own, each with a stable React key: `base` of the item, and a
 * counter after it where two items share one (two equal purchases the same minute).
 */
export function keyed<T>(items: readonly T[], base: (item: T) => string): [string, T][] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const key = base(item);
    const count = seen.get(key) ?? 0;
    seen.set(key, count + 1);
    return [count === 0 ? key : `${key}#${count}`, item];
  });
}
