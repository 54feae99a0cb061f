import { orgLevelLabels, quoted, type ShortPassport } from '@profreestr/contracts';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { loadPdfmake } from '../../lib/pdf.js';

// The short passport as a printable A4 PDF (fonts: lib/pdf).

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
