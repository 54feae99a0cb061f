import { createRequire } from 'node:module';
import path from 'node:path';
import type { CellValue } from '@profreestr/contracts';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { ReportDocument } from './report-files.js';

// A report document as a printable A4 PDF: the heading, then one table whose header repeats on
// every page. The font setup is the short passport's (../completeness/short-passport-pdf.ts):
// Roboto shipped with pdfmake (it has Cyrillic), only those files readable, no network.

// Loaded on the first PDF, not at start: pdfmake weighs ~25 MB of RSS. pdfmake is one module
// instance, so setting the same fonts and policies as the short passport does is harmless.
let loaded: Promise<typeof import('pdfmake')> | undefined;
function loadPdfmake() {
  loaded ??= import('pdfmake').then(({ default: pdfmake }) => {
    const fontDir = path.dirname(
      createRequire(import.meta.url).resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'),
    );
    pdfmake.setFonts({
      Roboto: {
        normal: path.join(fontDir, 'Roboto-Regular.ttf'),
        bold: path.join(fontDir, 'Roboto-Medium.ttf'),
        italics: path.join(fontDir, 'Roboto-Italic.ttf'),
        bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
      },
    });
    pdfmake.setLocalAccessPolicy((file) => path.dirname(path.resolve(file)) === fontDir);
    pdfmake.setUrlAccessPolicy(() => false);
    return pdfmake;
  });
  return loaded;
}

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
