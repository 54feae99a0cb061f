/**
 * The sort and prefix-search key of a name: lower case, ё as е, single spaces. Computed here,
 * not in SQL, because lower() of Cyrillic depends on the database's locale.
 */
export function nameKey(name: string): string {
  return name.toLocaleLowerCase('ru-RU').replaceAll('ё', 'е').replace(/\s+/g, ' ').trim();
}
