import { createRequire } from 'node:module';
import path from 'node:path';
import { orgLevelLabels, quoted, type ShortPassport } from '@profreestr/contracts';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';

// The short passport as a printable A4 PDF. Roboto, shipped with pdfmake, has Cyrillic; pdfmake
// may read only those font files (its local access policy), never a path from elsewhere.

// Loaded on the first PDF, not at start: pdfmake and its font machinery weigh ~25 MB of RSS
// that every other request, and every export's memory peak, would carry.
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
    // Nothing is fetched from the network: a document only ever names the local fonts.
    pdfmake.setUrlAccessPolicy(() => false);
    return pdfmake;
  });
  return loaded;
}

const ru = (n: number) => n.toLocaleString('ru-RU');
const pct = (n: number | null) => (n === null ? '—' : `${n.toLocaleString('ru-RU')} %`);
const ruDate = (iso: string) => iso.split('-').reverse().join('.');

function section(title: string, rows: [string, string][]): Content[] {
  return [
    { text: title, style: 'section' },
    {
      table: {
        widths: ['*', 120],
        body: rows.map(([label, value]) => [label, { text: value, alignment: 'right' }]),
      },
      layout: 'lightHorizontalLines',
    },
  ];
}

export function shortPassportDocument(p: ShortPassport): TDocumentDefinitions {
  const m = p.members;
  return {
    info: { title: `Краткий паспорт — ${p.org.name}` },
    pageSize: 'A4',
    pageMargins: [48, 48, 48, 48],
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
      section: { fontSize: 12, bold: true, margin: [0, 14, 0, 4] },
      muted: { color: '#555555' },
    },
    content: [
      { text: 'Краткий паспорт организации Профсоюза', style: 'title' },
      { text: p.org.name, fontSize: 13, bold: true },
      {
        text: [
          `${orgLevelLabels[p.org.level]} · код ${p.org.code}`,
          p.org.parentName ? ` · входит в ${quoted(p.org.parentName)}` : '',
        ].join(''),
        style: 'muted',
      },
      { text: `Данные на ${ruDate(p.asOf)}`, style: 'muted', margin: [0, 2, 0, 0] },
      ...section('Члены Профсоюза на учёте', [
        ['Всего', ru(m.active)],
        ['Работающие', ru(m.byCategory.working)],
        ['Обучающиеся', ru(m.byCategory.student)],
        ['Неработающие пенсионеры', ru(m.byCategory.pensioner)],
        ['Категория не указана', ru(m.byCategory.unknown)],
        ['Женщины', ru(m.women)],
        ['Моложе 35 лет', ru(m.under35)],
        ['С номером электронного профсоюзного билета', ru(m.cardHolders)],
      ]),
      ...section('Охват профсоюзным членством', [
        ['Работники организаций образования', ru(p.coverage.employees)],
        ['Из них члены Профсоюза (работающие)', ru(p.coverage.workingMembers)],
        ['Охват работающих', pct(p.coverage.employeesPercent)],
        ['Обучающиеся организаций образования', ru(p.coverage.students)],
        ['Из них члены Профсоюза (обучающиеся)', ru(p.coverage.studentMembers)],
        ['Охват обучающихся', pct(p.coverage.studentsPercent)],
      ]),
      ...section('Организации Профсоюза', [
        ['Первичные', ru(p.orgs.primaries)],
        ['Территориальные', ru(p.orgs.territorials)],
        ['Региональные', ru(p.orgs.regionals)],
      ]),
      ...section('Председатели', [
        ['Всего', ru(p.chairmen.total)],
        ['Женщины', ru(p.chairmen.women)],
        ['Моложе 35 лет', ru(p.chairmen.under35)],
        ['Освобождённые', ru(p.chairmen.released)],
      ]),
    ],
  };
}

export async function renderShortPassportPdf(p: ShortPassport): Promise<Buffer> {
  const pdfmake = await loadPdfmake();
  return pdfmake.createPdf(shortPassportDocument(p)).getBuffer();
}
