import type { CellValue } from '@profreestr/contracts';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { loadPdfmake } from '../../lib/pdf.js';
import type { ReportDocument } from './report-files.js';

// A report document as a printable A4 PDF: the heading, then one table whose header repeats on
// every page (fonts: lib/pdf).

const shown = (value: CellValue) =>
  value === null ? '—' : typeof value === 'number' ? value.toLocaleString('ru-RU') : value;

const right = (text: string): TableCell => ({ text, alignment: 'right' });

function table(doc: ReportDocument): Content {
  const columns = doc.headers.length;
  const body: TableCell[][] = [doc.headers.map((text) => ({ text, bold: true }))];
  for (const section of doc.sections) {
    body.push([
      { text: section.title, bold: true, colSpan: columns, fillColor: '#EDEDED' },
      ...Array.from({ length: columns - 1 }, () => ''),
    ]);
    for (const line of section.lines) {
      body.push([
        { text: line.code, fontSize: 7, color: '#555555' },
        line.title,
        right(shown(line.value)),
        right(line.register === null ? '' : shown(line.register)),
        line.mark ? { text: line.mark, bold: true, color: '#C00000' } : '',
      ]);
    }
  }
  return {
    table: { headerRows: 1, dontBreakRows: true, widths: [85, '*', 55, 55, 52], body },
    layout: 'lightHorizontalLines',
  };
}

export function reportPdfDocument(doc: ReportDocument): TDocumentDefinitions {
  return {
    info: { title: doc.title },
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 48],
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    footer: (page, pages) => ({
      text: `${page} / ${pages}`,
      alignment: 'right',
      fontSize: 8,
      color: '#555555',
      margin: [40, 16, 40, 0],
    }),
    content: [
      { text: doc.title, fontSize: 14, bold: true, margin: [0, 0, 0, 6] },
      ...doc.heading.map((text): Content => ({ text, color: '#333333', margin: [0, 0, 0, 2] })),
      { text: '', margin: [0, 0, 0, 8] },
      table(doc),
    ],
  };
}

export async function renderReportPdf(doc: ReportDocument): Promise<Buffer> {
  const pdfmake = await loadPdfmake();
  return pdfmake.createPdf(reportPdfDocument(doc)).getBuffer();
}
