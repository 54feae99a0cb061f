import { type Org, quoted, todayIso } from '@profreestr/contracts';
import { conflict, invalid } from '../../lib/app-error.js';
import { inTransaction, type StaffCtx } from '../../lib/context.js';
import { childPath, isInSubtree, parentPathOf } from '../../lib/tree-path.js';
import { authorize } from '../access/access.js';
import { ORG_NOT_FOUND } from '../access/placement.js';
import { moveMembersOnMerge } from '../members/member-lifecycle.service.js';
import { moveReportTotals } from '../reports/reports.service.js';
import { moveSubtreeStats, recordOrgFacts } from '../stats/stats.service.js';
import { recordOrgChange } from './org-history.service.js';
import {
  countActiveChildren,
  findOrgForUpdate,
  moveSubtree,
  type OrgRecord,
  updateOrgRow,
} from './orgs.queries.js';
import { assertActive, assertChildLevel, mustFind, storedOrgFacts, toOrg } from './orgs.service.js';

// Structural operations on the tree. Each runs in one transaction with its rows locked, and is
// visible to access checks at once: scopes are read from the paths on every request.

/** Moves an org with its whole subtree under another parent. */
export async function moveOrg(
  ctx: StaffCtx,
  id: string,
  input: { parentId: string },
): Promise<Org> {
  return inTransaction(ctx, async (tx) => {
    const org = await findOrgForUpdate(tx.db, id);
    authorize(ctx.actor, 'org:move', org, ORG_NOT_FOUND);
    assertActive(org);
    const parent = await findOrgForUpdate(tx.db, input.parentId);
    authorize(ctx.actor, 'org:move', parent, 'Новая вышестоящая организация не найдена');
    if (parent.id === org.parent_id) {
      throw invalid('parentId', 'Организация уже входит в эту вышестоящую организацию');
    }
    if (isInSubtree(parent.path, org.path)) {
      throw invalid('parentId', 'Нельзя перенести организацию внутрь её собственного поддерева');
    }
    if (parent.status !== 'active') {
      throw invalid('parentId', 'Новая вышестоящая организация ликвидирована');
    }
    assertChildLevel(parent.level, org.level, 'parentId');
    const newPath = childPath(parent.path, org.id);
    const moved = await moveSubtree(tx.db, org.path, newPath);
    await updateOrgRow(tx.db, org.id, { parent_id: parent.id });
    await moveSubtreeStats(tx.db, org.id, parentPathOf(org.path), parent.path);
    // Consolidated reports follow the org too, like the counts.
    await moveReportTotals(tx, org.id, parentPathOf(org.path), parent.path);
    await recordOrgChange(tx, {
      org: { id: org.id, path: newPath },
      action: 'move',
      changes: [{ field: 'parentId', old: org.parent_id, new: parent.id }],
      note: `Перенесено организаций: ${moved}`,
    });
    return toOrg(await mustFind(tx.db, org.id));
  });
}

/**
 * Merges primary `id` into primary `intoId`: its members move to the target, the source stays
 * on record as liquidated, pointing at the org it joined, with its passport and history kept.
 * Returns the target.
 */
export async function mergeOrgs(
  ctx: StaffCtx,
  id: string,
  input: { intoId: string; on?: string | undefined },
): Promise<Org> {
  return inTransaction(ctx, async (tx) => {
    // Lock in id order so two opposite merges cannot deadlock.
    const locked = new Map<string, OrgRecord | undefined>();
    for (const key of [id, input.intoId].sort((a, b) => Number(a) - Number(b))) {
      locked.set(key, await findOrgForUpdate(tx.db, key));
    }
    const source = locked.get(id);
    const target = locked.get(input.intoId);
    authorize(ctx.actor, 'org:merge', source, ORG_NOT_FOUND);
    authorize(ctx.actor, 'org:merge', target, 'Организация, к которой присоединяют, не найдена');
    if (source.id === target.id)
      throw invalid('intoId', 'Нельзя присоединить организацию к самой себе');
    if (source.level !== 'primary' || target.level !== 'primary') {
      throw invalid('intoId', 'Объединяются только первичные организации');
    }
    assertActive(source);
    if (target.status !== 'active')
      throw invalid('intoId', 'Организация, к которой присоединяют, ликвидирована');
    const on = input.on ?? todayIso();
    const moved = await moveMembersOnMerge(tx, source, target, on);
    await updateOrgRow(tx.db, source.id, {
      status: 'liquidated',
      liquidated_on: on,
      merged_into_id: target.id,
    });
    await recordOrgFacts(tx.db, storedOrgFacts(source), storedOrgFacts(source, 'liquidated'));
    await recordOrgChange(tx, {
      org: source,
      action: 'merged_into',
      changes: [
        { field: 'status', old: 'active', new: 'liquidated' },
        { field: 'mergedIntoId', old: null, new: target.id },
      ],
      note: `Присоединена к ${quoted(target.name)} с ${on}`,
    });
    await recordOrgChange(tx, {
      org: target,
      action: 'merge',
      note: `Присоединена ${quoted(source.name)} (код ${source.code}) с ${on}; переведено членов Профсоюза: ${moved}`,
    });
    return toOrg(await mustFind(tx.db, target.id));
  });
}

/** Liquidates an org; refused while members are on record there or active orgs remain below. */
export async function liquidateOrg(
  ctx: StaffCtx,
  id: string,
  input: { on: string; note?: string | null | undefined },
): Promise<Org> {
  return inTransaction(ctx, async (tx) => {
    const org = await findOrgForUpdate(tx.db, id);
    authorize(ctx.actor, 'org:liquidate', org, ORG_NOT_FOUND);
    assertActive(org);
    if (org.level === 'central') throw conflict('Центральную организацию ликвидировать нельзя');
    if (org.member_count > 0) {
      throw conflict(
        `На учёте состоят членов Профсоюза: ${org.member_count}. Переведите их или снимите с учёта.`,
      );
    }
    const children = await countActiveChildren(tx.db, id);
    if (children > 0) {
      throw conflict(
        `Есть действующие подчинённые организации: ${children}. Сначала перенесите или ликвидируйте их.`,
      );
    }
    await updateOrgRow(tx.db, id, { status: 'liquidated', liquidated_on: input.on });
    await recordOrgFacts(tx.db, storedOrgFacts(org), storedOrgFacts(org, 'liquidated'));
    await recordOrgChange(tx, {
      org,
      action: 'liquidate',
      changes: [
        { field: 'status', old: 'active', new: 'liquidated' },
        { field: 'liquidatedOn', old: null, new: input.on },
      ],
      note: input.note ?? null,
    });
    return toOrg(await mustFind(tx.db, id));
  });
}
