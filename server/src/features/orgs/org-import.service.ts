import { type OrgCreate, orgLevelLabels } from '@profreestr/contracts';
import { invalid } from '../../lib/app-error.js';
import type { StaffCtx } from '../../lib/context.js';
import { isInSubtree } from '../../lib/tree-path.js';
import { canSee } from '../access/access.js';
import { changeOrg, createOrg, findOrgRecordByCode } from './orgs.service.js';

// One org row of a spreadsheet: matched by its registry code, created or updated through the
// same service calls as the forms, inside the import batch's transaction.

export interface OrgImportRow {
  parentCode: string | null;
  input: Omit<OrgCreate, 'parentId'>;
}

export type RowResult = 'created' | 'updated' | 'unchanged';

/** In the batch's transaction: `ctx.db` is it. */
export async function importOrgRow(
  ctx: StaffCtx,
  scope: { id: string; path: string },
  row: OrgImportRow,
): Promise<RowResult> {
  const { code, level, ...passport } = row.input;
  const existing = await findOrgRecordByCode(ctx.db, code);
  const parent = row.parentCode ? await findOrgRecordByCode(ctx.db, row.parentCode) : undefined;
  const parentOutside = row.parentCode && (!parent || !isInSubtree(parent.path, scope.path));
  if (existing) {
    if (!isInSubtree(existing.path, scope.path)) {
      throw invalid(
        'code',
        canSee(ctx.actor, existing.path)
          ? 'Организация с этим кодом числится вне выбранной организации'
          : 'Этот код уже занят другой организацией',
      );
    }
    if (existing.level !== level) {
      const label = orgLevelLabels[existing.level].toLowerCase();
      throw invalid('level', `Организация с этим кодом — ${label}; уровень не меняется`);
    }
    if (row.parentCode && (parentOutside || parent?.id !== existing.parent_id)) {
      throw invalid(
        'parentId',
        'Организация числится в другой вышестоящей: перенос — в карточке организации',
      );
    }
    const { changes } = await changeOrg(ctx, existing.id, passport);
    return changes.length > 0 ? 'updated' : 'unchanged';
  }
  if (parentOutside) {
    throw invalid(
      'parentId',
      `Вышестоящая организация с кодом «${row.parentCode}» не найдена ни в файле, ни в выбранной организации`,
    );
  }
  await createOrg(ctx, { ...row.input, parentId: parent?.id ?? scope.id });
  return 'created';
}
