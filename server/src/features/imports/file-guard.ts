import type { FileHandle } from 'node:fs/promises';
import type { SpreadsheetFormat } from '@profreestr/contracts';
import { hasForbiddenChars } from '@profreestr/contracts';

// What an uploaded file is, decided from its bytes before any parser sees it. An XLSX is a
// zip: its central directory says how many entries it holds and how big they unpack, so a zip
// bomb is refused after reading a few kilobytes, never by unpacking it.

export class FileRefused extends Error {}

export interface ZipLimits {
  maxEntries: number;
  maxUnpackedBytes: number;
  /** Unpacked ÷ packed, for the whole and for any large entry: a spreadsheet's XML packs ~10×. */
  maxRatio: number;
}

export const defaultZipLimits: ZipLimits = {
  maxEntries: 2000,
  maxUnpackedBytes: 1024 * 1024 * 1024,
  maxRatio: 150,
};

const startsWith = (head: Buffer, bytes: number[]) => bytes.every((b, i) => head[i] === b);

export function detectFormat(head: Buffer): SpreadsheetFormat {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new FileRefused(
      'Формат XLS (Excel 97–2003) не поддерживается: сохраните файл как XLSX или CSV',
    );
  }
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    throw new FileRefused(
      'Файл в кодировке UTF-16: сохраните его как CSV в UTF-8 или Windows-1251',
    );
  }
  if (head.length === 0) throw new FileRefused('Файл пуст');
  // Text never holds NUL bytes; images, archives and documents do within the first bytes.
  if (head.includes(0)) throw new FileRefused('Файл не является таблицей: загрузите XLSX или CSV');
  return 'csv';
}

/** UTF-8 when the head decodes as UTF-8 (with or without a BOM), otherwise Windows-1251. */
export function detectEncoding(head: Buffer): 'utf-8' | 'windows-1251' {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return 'utf-8';
  try {
    // `stream: true` lets a character cut by the end of the head pass.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1251';
  }
}

/** `;` or `,`, whichever the header line holds more of outside quotes. */
export function detectDelimiter(headText: string): ';' | ',' {
  const firstLine = headText.split(/\r?\n/, 1)[0] ?? '';
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return commas > semicolons ? ',' : ';';
}

const EOCD = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;

/** Checks an XLSX's zip directory against the limits and that it holds a workbook. */
export async function inspectZip(file: FileHandle, size: number, limits: ZipLimits) {
  const tailSize = Math.min(size, 22 + 0xffff);
  const tail = Buffer.alloc(tailSize);
  await file.read(tail, 0, tailSize, size - tailSize);
  let at = -1;
  for (let i = tailSize - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  const broken = new FileRefused('Файл XLSX повреждён: сохраните его в Excel заново');
  if (at < 0) throw broken;
  const entries = tail.readUInt16LE(at + 10);
  const directorySize = tail.readUInt32LE(at + 12);
  const directoryOffset = tail.readUInt32LE(at + 16);
  if (entries === 0xffff || directoryOffset === 0xffffffff) {
    throw new FileRefused('Файл XLSX слишком велик для загрузки');
  }
  if (entries > limits.maxEntries) {
    throw new FileRefused('Файл XLSX содержит слишком много частей: это не похоже на таблицу');
  }
  if (directoryOffset + directorySize > size) throw broken;
  const directory = Buffer.alloc(directorySize);
  await file.read(directory, 0, directorySize, directoryOffset);

  const names = new Set<string>();
  let packed = 0;
  let unpacked = 0;
  let p = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL_ENTRY) throw broken;
    const compressed = directory.readUInt32LE(p + 20);
    const uncompressed = directory.readUInt32LE(p + 24);
    const nameLength = directory.readUInt16LE(p + 28);
    const extraLength = directory.readUInt16LE(p + 30);
    const commentLength = directory.readUInt16LE(p + 32);
    names.add(directory.toString('utf8', p + 46, p + 46 + nameLength));
    packed += compressed;
    unpacked += uncompressed;
    if (uncompressed > 1024 * 1024 && uncompressed > compressed * limits.maxRatio) throw bomb();
    p += 46 + nameLength + extraLength + commentLength;
  }
  if (
    unpacked > limits.maxUnpackedBytes ||
    (unpacked > 1024 * 1024 && unpacked > packed * limits.maxRatio)
  ) {
    throw bomb();
  }
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    throw new FileRefused('Файл не является книгой Excel (XLSX): загрузите XLSX или CSV');
  }
}

const bomb = () =>
  new FileRefused('Файл XLSX распаковывается в слишком большой объём: это не похоже на таблицу');

/**
 * The name a browser gave the file, fit to store and show: its last path segment, control
 * characters and broken surrogates replaced, at most 200 characters. It is only a label.
 */
export function displayFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).at(-1) ?? '';
  const clean = [...base]
    .map((c) => (hasForbiddenChars(c) ? '_' : c))
    .join('')
    .trim();
  return clean.slice(0, 200) || 'file';
}
