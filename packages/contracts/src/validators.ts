// Pure checks shared by the server and the UI, so a form refuses what the API would refuse.

const digitsOf = (value: string) => [...value].map(Number);

const checkDigit = (digits: number[], weights: number[]) =>
  (weights.reduce((sum, w, i) => sum + w * (digits[i] ?? 0), 0) % 11) % 10;

/** INN of an organization: 10 digits, the last a checksum (ФНС algorithm). */
export function isValidOrgInn(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  const d = digitsOf(value);
  return checkDigit(d, [2, 4, 10, 3, 5, 9, 4, 6, 8]) === d[9];
}

/** OGRN: 13 digits; the last is the first twelve, as a number, mod 11, mod 10. */
export function isValidOgrn(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  return Number(BigInt(value.slice(0, 12)) % 11n) % 10 === Number(value[12]);
}

/**
 * A Russian phone in any usual spelling (`8 (912) 345-67-89`, `+7 912 3456789`, `9123456789`)
 * as `+7XXXXXXXXXX`; null when it is not one.
 */
export function normalizePhone(value: string): string | null {
  if (!/^[\d\s()+\-.]+$/.test(value)) return null;
  const digits = value.replace(/\D/g, '');
  if (digits.length === 10) return `+7${digits}`;
  if (digits.length === 11 && (digits[0] === '7' || digits[0] === '8'))
    return `+7${digits.slice(1)}`;
  return null;
}

// Deliberately plain: one @, a dot in the domain, no spaces. RFC 5322 in full helps nobody here.
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isValidEmail = (value: string) => value.length <= 254 && EMAIL_PATTERN.test(value);

/** Today as YYYY-MM-DD in Moscow time, the union's working day. */
export function todayIso(now: Date = new Date()): string {
  return new Date(now.getTime() + 3 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export function isValidIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function addYears(isoDate: string, years: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Luhn check digit of a digit string (the digit to append). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A membership card number: 16 digits, the last a Luhn check digit. Spaces are ignored. */
export function isValidCardNumber(value: string): boolean {
  const digits = value.replace(/\s/g, '');
  return /^\d{16}$/.test(digits) && luhnCheckDigit(digits.slice(0, 15)) === Number(digits[15]);
}

/** Printed 4-4-4-4, as on the card. */
export const formatCardNumber = (digits: string) => digits.replace(/(\d{4})(?=\d)/g, '$1 ');

/** Full years between a birth date and a day, both YYYY-MM-DD. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * The sort and search key of a name: lower case, ё as е, single spaces. Computed in code, not
 * in SQL, because lower() of Cyrillic depends on the database's locale.
 */
export function nameKey(name: string): string {
  // toLowerCase, not toLocaleLowerCase('ru-RU'): the same for Cyrillic (only Turkish and
  // Lithuanian rules differ) and an ICU call less per name, which imports feel.
  return name.toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ').trim();
}

/** The key that finds one person twice: the name key of the full name, hyphens as spaces. */
export function personNameKey(lastName: string, firstName: string, middleName?: string | null) {
  return nameKey([lastName, firstName, middleName ?? ''].join(' ').replace(/[-‐–—]/g, ' '));
}
