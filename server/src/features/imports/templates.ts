import type { ImportKind, SpreadsheetFormat } from '@profreestr/contracts';
import { fillSheet, openSheet, type SheetWriter } from '../../lib/spreadsheet.js';
import { type ColumnSpec, columnsOf } from './columns.js';

// Templates to fill: the contract's headers, one example row and, in XLSX, a sheet that
// explains every column and its allowed values.

/** `общеобразовательная (также: школа, СОШ, …)`: every value with the words taken for it. */
export const valuesText = (column: ColumnSpec) =>
  (column.values ?? [])
    .map((value) => {
      const words = column.synonyms?.[value];
      return words?.length ? `${value} (также: ${words.join(', ')})` : value;
    })
    .join('; ');

export function openTemplate(kind: ImportKind, format: SpreadsheetFormat): SheetWriter {
  const columns = columnsOf(kind);
  const help = [
    ['Столбец', 'Обязательный', 'Что указывать', 'Допустимые значения'],
    ...columns.map((c) => [c.header, c.required ? 'да' : 'нет', c.help, valuesText(c)]),
    [],
    [
      'Общие правила',
      '',
      'Первая строка — заголовки, как на листе «Данные»; порядок столбцов любой. Даты — ДД.ММ.ГГГГ. Пустая ячейка — значение не указано: уже записанное в реестре значение она не стирает. Строка с ошибкой не загружается, остальные загружаются; повторная загрузка того же файла ничего не меняет.',
      '',
    ],
  ];
  const sheet = openSheet(
    format,
    columns.map((c) => c.header),
    {
      sheetName: 'Данные',
      extraSheets: [{ name: 'Пояснения', rows: help }],
    },
  );
  void fillSheet(sheet, [columns.map((c) => c.example || null)]);
  return sheet;
}
