import {
  type CompletenessChild,
  indicatorLabels,
  memberIndicators,
  orgIndicators,
  orgLevelLabels,
  type SpreadsheetFormat,
} from '@profreestr/contracts';
import type { StaffCtx } from '../../lib/context.js';
import type { CellValue } from '../../lib/spreadsheet.js';
import { streamExport } from '../exports/exports.service.js';
import { getCompletenessLine, listCompletenessChildren, percent } from './completeness.service.js';

// The dashboard's table as a spreadsheet: the org's own line, then its children.

const filledPercent = (missing: number, total: number) => percent(total - missing, total);

export const completenessHeaders = [
  'Код',
  'Организация',
  'Уровень',
  'Первичных организаций',
  ...orgIndicators.flatMap((k) => [
    `${indicatorLabels[k]}: не заполнено`,
    `${indicatorLabels[k]}: заполнено, %`,
  ]),
  'Членов Профсоюза на учёте',
  ...memberIndicators.flatMap((k) => [
    `${indicatorLabels[k]}: не заполнено`,
    `${indicatorLabels[k]}: заполнено, %`,
  ]),
];

function completenessRow(row: CompletenessChild): CellValue[] {
  const { org, orgs, members } = row;
  return [
    org.code,
    org.name,
    orgLevelLabels[org.level],
    orgs.total,
    ...orgIndicators.flatMap((k) => [orgs.missing[k], filledPercent(orgs.missing[k], orgs.total)]),
    members.total,
    ...memberIndicators.flatMap((k) => [
      members.missing[k],
      filledPercent(members.missing[k], members.total),
    ]),
  ];
}

/** The org's own line, then one per active child org, streamed page by page. */
export async function exportCompleteness(ctx: StaffCtx, id: string, format: SpreadsheetFormat) {
  const { path, line } = await getCompletenessLine(ctx, id);
  const scope = { id, path };
  async function* pages() {
    yield { scope, items: [line] };
    let cursor: string | undefined;
    do {
      const page = await listCompletenessChildren(ctx, id, { limit: 500, cursor });
      yield { scope, items: page.items };
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return streamExport(
    ctx,
    pages(),
    format,
    completenessHeaders,
    async (items: CompletenessChild[]) => items.map(completenessRow),
    { action: 'completeness.export', filters: { orgId: id } },
  );
}
