import { type ReportForm, reportFormInputSchema } from '@profreestr/contracts';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { compileForm, computeValues } from './form-engine.js';
import { form5sp } from './forms/index.js';
import {
  consolidatedDocument,
  consolidatedPdf,
  consolidatedWorkbook,
  reportDocument,
  reportPdf,
  reportWorkbook,
} from './report-files.js';
import { safeName } from './report-files.service.js';

// The renderers of report files, without a database: a built-in form and values by hand.

// 5 СП and a text cell (the built-in form has none).
const form5: ReportForm = { ...reportFormInputSchema.parse(form5sp), version: 1 };
const note = { code: 'note', title: 'Примечание', type: 'text' as const };
const form: ReportForm = {
  ...form5,
  sections: [
    ...form5.sections,
    {
      title: 'Прочее',
      rows: [{ ...note, cells: [{ ...note, prefill: null, formula: null, required: false }] }],
    },
  ],
};

const orgName = 'ППО МБОУ «Школа № 7» г. Тверь';
const report = {
  orgName,
  asOf: '2027-01-01',
  statusLabel: 'Принят',
  values: computeValues(compileForm(form), {
    members_total: 120,
    members_working: 100,
    members_students: 0,
    members_pensioners: 20,
    employees: 125,
    note: 'Данные сверены',
  }),
  register: { members_total: 118, members_working: 100 },
};

/** Every cell's text of the first sheet, row by row. */
async function sheetText(buffer: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const sheet = book.worksheets[0] as ExcelJS.Worksheet;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

describe('report files', () => {
  it('draws sections, values, the register and the discrepancy mark', () => {
    const doc = reportDocument(form, report);
    expect(doc.heading).toEqual([
      `Организация: ${orgName}`,
      'по состоянию на 01.01.2027',
      'Статус отчёта: Принят',
    ]);
    const lines = doc.sections.flatMap((s) => s.lines);
    expect(lines.find((l) => l.code === 'members_total')).toMatchObject({
      value: 120,
      register: 118,
      mark: 'есть',
    });
    expect(lines.find((l) => l.code === 'members_working')).toMatchObject({
      register: 100,
      mark: '',
    });
    // Not prefilled: no register column, never marked.
    expect(lines.find((l) => l.code === 'employees')).toMatchObject({ register: null, mark: '' });
  });

  it('writes a workbook with the org, a cell title and its value', async () => {
    const buffer = await reportWorkbook(form, report);
    const rows = await sheetText(buffer);
    expect(rows[0]?.[0]).toBe(form.title);
    expect(rows.some((row) => String(row[0]).includes(orgName))).toBe(true);
    expect(rows).toContainEqual(['members_total', 'Всего членов Профсоюза', 120, 118, 'есть']);
    expect(rows.find((row) => row[0] === 'coverage_pct')?.[2]).toBe(80);
    expect(rows.some((row) => row[0] === 'Прочее')).toBe(true);
    expect(rows).toContainEqual(['note', 'Примечание', 'Данные сверены']);
  });

  it('writes a printable PDF', async () => {
    const buffer = await reportPdf(form, report);
    expect(buffer.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(buffer.length).toBeGreaterThan(5_000);
  });

  it('writes the consolidated report with its counts and without text cells', async () => {
    const data = {
      orgName: 'Тверская областная организация',
      asOf: '2027-01-01',
      values: { members_total: 5400, members_working: 4100 },
      register: { members_total: 5400, members_working: 4000 },
      included: 42,
      missing: 3,
    };
    const doc = consolidatedDocument(form, data);
    expect(doc.heading).toContain('Включено отчётов: 42, не сдано/не принято: 3');
    expect(doc.sections.map((s) => s.title)).not.toContain('Прочее');
    expect(doc.sections.flatMap((s) => s.lines.map((l) => l.code))).not.toContain('note');

    const rows = await sheetText(await consolidatedWorkbook(form, data));
    expect(rows.some((row) => row[0] === 'Включено отчётов: 42, не сдано/не принято: 3')).toBe(
      true,
    );
    expect(rows).toContainEqual([
      'members_working',
      'Работающих членов Профсоюза',
      4100,
      4000,
      'есть',
    ]);

    const pdf = await consolidatedPdf(form, data);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pdf.length).toBeGreaterThan(5_000);
  });

  it('makes file names safe', () => {
    expect(safeName('Отчёт 5sp — ППО «А/Б»\\ "В" на 2027-01-01')).toBe(
      'Отчёт 5sp — ППО «А Б» В на 2027-01-01',
    );
    expect(safeName('x'.repeat(300)).length).toBeLessThanOrEqual(120);
  });
});
