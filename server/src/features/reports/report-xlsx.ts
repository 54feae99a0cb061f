import ExcelJS from 'exceljs';
import type { ReportDocument } from './report-files.js';

// A report document as one sheet: heading lines, the table's header, then per section a bold
// row and a row per cell. Small (a form has at most a few hundred cells): built in memory.

const widths = [24, 60, 14, 14, 13];
const SECTION_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFEDEDED' },
};

export async function renderReportXlsx(doc: ReportDocument): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Профреестр';
  const sheet = book.addWorksheet('Отчёт', {
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  sheet.columns = widths.map((width) => ({ width }));

  const title = sheet.addRow([doc.title]);
  title.font = { bold: true, size: 13 };
  for (const line of doc.heading) sheet.addRow([line]);
  sheet.addRow([]);

  const header = sheet.addRow(doc.headers);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  sheet.views = [{ state: 'frozen', ySplit: header.number }];

  for (const section of doc.sections) {
    const row = sheet.addRow([section.title]);
    row.font = { bold: true };
    sheet.mergeCells(row.number, 1, row.number, doc.headers.length);
    row.getCell(1).fill = SECTION_FILL;
    for (const line of section.lines) {
      const added = sheet.addRow([
        line.code,
        line.title,
        line.value,
        line.register,
        line.mark || null,
      ]);
      added.getCell(2).alignment = { wrapText: true, vertical: 'top' };
      if (line.mark) added.getCell(5).font = { bold: true, color: { argb: 'FFC00000' } };
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
