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

// National number lengths of the countries members most often have phones from; other
// countries' numbers are taken when they are 11 to 15 digits with the country code.
const FOREIGN_LENGTHS: ReadonlyArray<readonly [code: string, digits: number]> = [
  ['375', 12], // Беларусь
  ['380', 12], // Украина
  ['374', 11], // Армения
  ['994', 12], // Азербайджан
  ['995', 12], // Грузия
  ['996', 12], // Киргизия
  ['992', 12], // Таджикистан
  ['993', 11], // Туркмения
  ['998', 12], // Узбекистан
  ['373', 11], // Молдова
];

/**
 * A phone in any usual spelling as E.164. Russian (and Kazakh) numbers — `8 (912) 345-67-89`,
 * `+7 912 3456789`, `9123456789` — become `+7XXXXXXXXXX`; a foreign number must be written
 * with `+` and its country code. Null when it is not a plausible phone.
 */
export function normalizePhone(value: string): string | null {
  const text = value.trim();
  if (!/^\+?[\d\s()\-.]+$/.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  const plus = text.startsWith('+');
  // +7 and 10 digits; without a plus also 8 or 7 and 10 digits, or the 10 digits alone.
  const national =
    plus && digits.startsWith('7') && digits.length === 11
      ? digits.slice(1)
      : !plus && digits.length === 11 && (digits[0] === '7' || digits[0] === '8')
        ? digits.slice(1)
        : !plus && digits.length === 10
          ? digits
          : null;
  // Codes of Russia and Kazakhstan begin with 3, 4, 6, 7, 8 or 9.
  if (national !== null) return /^[346789]/.test(national) ? `+7${national}` : null;
  if (!plus || digits.startsWith('7') || digits.startsWith('0')) return null;
  const known = FOREIGN_LENGTHS.find(([code]) => digits.startsWith(code));
  if (known) return digits.length === known[1] ? `+${digits}` : null;
  return digits.length >= 11 && digits.length <= 15 ? `+${digits}` : null;
}

export const PHONE_MESSAGE =
  'Телефон: +7 и 10 цифр (например +7 912 345-67-89) или номер другой страны с «+» и её кодом';

// Deliberately plain: one @, a dot in the domain, no spaces. RFC 5322 in full helps nobody here.
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isValidEmail = (value: string) => value.length <= 254 && EMAIL_PATTERN.test(value);

/** A moment as an ISO string of Moscow's wall clock (UTC+3, no daylight saving): the union's. */
export const moscowIso = (at: Date) => new Date(at.getTime() + 3 * 60 * 60 * 1000).toISOString();

/** Today as YYYY-MM-DD in Moscow time, the union's working day. */
export function todayIso(now: Date = new Date()): string {
  return moscowIso(now).slice(0, 10);
}

/** A `YYYY-MM-DD` string naming a day the calendar has (not 1985-13-45, not 2023-02-30). */
export function isValidIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** `YYYY-MM-DD` as people write it, `ДД.ММ.ГГГГ`. */
export const isoToRu = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/**
 * `Д.М.ГГГГ` or `ДД.ММ.ГГГГ` (also with `/` or `-`) as `YYYY-MM-DD`, without checking the
 * calendar; null when it is not shaped like a date at all.
 */
export function ruToIso(text: string): string | null {
  const match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [, d, m, y] = match as unknown as [string, string, string, string];
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

// C0 controls except tab, line feed and carriage return; DEL and the C1 controls; a surrogate
// without its pair. None is text a person typed, and PostgreSQL refuses NUL outright.
const FORBIDDEN_CHAR =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when a string holds a control character or a broken surrogate pair. */
export const hasForbiddenChars = (value: string) => FORBIDDEN_CHAR.test(value);

export const FORBIDDEN_CHARS_MESSAGE =
  'Текст содержит недопустимые символы (управляющие или повреждённые)';

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
