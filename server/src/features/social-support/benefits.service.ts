import {
  activeDatesProblem,
  type Benefit,
  type BenefitCreate,
  type BenefitPatch,
  type BenefitQuery,
  isoToRu,
  todayIso,
} from '@profreestr/contracts';
import { conflict, invalid } from '../../lib/app-error.js';
import { inTransaction, type MemberCtx, type StaffCtx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { pathIds } from '../../lib/tree-path.js';
import { authorize } from '../access/access.js';
import { getOrgPlacement, listScope, ORG_NOT_FOUND } from '../access/placement.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  type BenefitRow,
  findBenefit,
  findBenefitForUpdate,
  findBenefitsOffered,
  findBenefitsUnder,
  insertBenefit,
  updateBenefit,
} from './benefits.queries.js';

// The benefits catalogue: what an org offers to the members of its subtree (payments,
// vouchers, services, discounts) with conditions and dates. Kept by the editors of the org or
// above; a member sees in the cabinet what their org and its ancestors offer today.

export const BENEFIT_NOT_FOUND = 'Льгота не найдена';

/** Offered on `day` (the union's day, Moscow): between its first and last day. */
export const isActiveOn = (row: Pick<BenefitRow, 'active_from' | 'active_to'>, day: string) =>
  row.active_from <= day && (row.active_to === null || row.active_to >= day);

export function toBenefit(row: BenefitRow, today = todayIso()): Benefit {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    title: row.title,
    description: row.description,
    kind: row.kind,
    conditions: row.conditions,
    activeFrom: row.active_from,
    activeTo: row.active_to,
    active: isActiveOn(row, today),
  };
}

const benefitTarget = (row: { id: string; org_path: string }) => ({
  type: 'benefit',
  id: row.id,
  orgPath: row.org_path,
});

/** `POST /benefits`: an editor of the org or above adds what the org offers. */
export async function createBenefit(ctx: StaffCtx, input: BenefitCreate): Promise<Benefit> {
  return inTransaction(ctx, async (tx) => {
    const org = await getOrgPlacement(tx.db, input.orgId);
    authorize(tx.actor, 'benefit:manage', org, ORG_NOT_FOUND);
    if (org.status !== 'active') {
      throw invalid('orgId', 'Организация ликвидирована: предлагать льготы от её имени нельзя');
    }
    const { id } = await insertBenefit(tx.db, {
      org_id: org.id,
      title: input.title,
      description: input.description ?? null,
      kind: input.kind,
      conditions: input.conditions ?? null,
      active_from: input.activeFrom,
      active_to: input.activeTo ?? null,
      created_by: tx.actor.userId,
      updated_by: tx.actor.userId,
    });
    await recordAudit(tx, {
      action: 'benefit.create',
      target: benefitTarget({ id, org_path: org.path }),
      details: { orgId: org.id },
    });
    return toBenefit((await findBenefit(tx.db, id)) as BenefitRow);
  });
}

/** `GET /benefits?under=`: what the orgs of the subtree offer, ended ones too. */
export async function listBenefits(ctx: StaffCtx, query: BenefitQuery) {
  const path = await listScope(ctx, 'benefit:read', query.under);
  const beforeId = decodeCursor(query.cursor, ['id'])?.[0];
  const rows = await findBenefitsUnder(ctx.db, path, beforeId, query.limit + 1);
  const today = todayIso();
  return toPage(
    rows,
    query.limit,
    (row) => toBenefit(row, today),
    (row) => [row.id],
  );
}

export async function getBenefit(ctx: StaffCtx, id: string): Promise<Benefit> {
  const row = await findBenefit(ctx.db, id);
  authorize(ctx.actor, 'benefit:read', row && { path: row.org_path }, BENEFIT_NOT_FOUND);
  return toBenefit(row as BenefitRow);
}

/** The benefit, locked, when the caller may change it (404 outside the subtree). */
async function benefitToChange(ctx: StaffCtx, id: string) {
  const row = await findBenefitForUpdate(ctx.db, id);
  authorize(ctx.actor, 'benefit:manage', row && { path: row.org_path }, BENEFIT_NOT_FOUND);
  return row as BenefitRow;
}

const patchColumns = {
  title: 'title',
  description: 'description',
  kind: 'kind',
  conditions: 'conditions',
  activeFrom: 'active_from',
  activeTo: 'active_to',
} as const;

/** `PATCH /benefits/:id`: the fields sent; the dates checked as they will stand together. */
export async function changeBenefit(
  ctx: StaffCtx,
  id: string,
  patch: BenefitPatch,
): Promise<Benefit> {
  return inTransaction(ctx, async (tx) => {
    const row = await benefitToChange(tx, id);
    // Absent: as it is; null (an emptied field): cleared.
    const kept = <T>(sent: T | undefined, now: T) => (sent === undefined ? now : sent);
    const next = {
      title: kept(patch.title, row.title),
      description: kept(patch.description, row.description),
      kind: kept(patch.kind, row.kind),
      conditions: kept(patch.conditions, row.conditions),
      active_from: kept(patch.activeFrom, row.active_from),
      active_to: kept(patch.activeTo, row.active_to),
    };
    const fields = (Object.keys(patchColumns) as (keyof typeof patchColumns)[]).filter(
      (key) => next[patchColumns[key]] !== row[patchColumns[key]],
    );
    const problem = activeDatesProblem(next.active_from, next.active_to);
    if (problem) throw invalid('activeTo', problem);
    if (fields.length) {
      await updateBenefit(tx.db, id, {
        ...next,
        updated_at: new Date(),
        updated_by: tx.actor.userId,
      });
      await recordAudit(tx, {
        action: 'benefit.update',
        target: benefitTarget(row),
        details: { fields },
      });
    }
    return toBenefit((await findBenefit(tx.db, id)) as BenefitRow);
  });
}

/**
 * `POST /benefits/:id/end`: offered through today and no longer (requests made before stay
 * to be decided). One not begun yet has its dates changed instead; one ended is left alone.
 */
export async function endBenefit(ctx: StaffCtx, id: string): Promise<Benefit> {
  return inTransaction(ctx, async (tx) => {
    const row = await benefitToChange(tx, id);
    const today = todayIso();
    if (row.active_to !== null && row.active_to < today) {
      throw conflict(`Льгота уже не действует: последний день — ${isoToRu(row.active_to)}`);
    }
    if (row.active_from > today) {
      throw conflict(
        `Льгота начнёт действовать только ${isoToRu(row.active_from)}: измените её даты`,
      );
    }
    if (row.active_to !== today) {
      await updateBenefit(tx.db, id, {
        active_to: today,
        updated_at: new Date(),
        updated_by: tx.actor.userId,
      });
      await recordAudit(tx, { action: 'benefit.end', target: benefitTarget(row) });
    }
    return toBenefit({ ...row, active_to: today }, today);
  });
}

// --- the member's cabinet ---------------------------------------------------------------------

/** What an org and its ancestors (a member's, by the member's path) offer today. */
export async function benefitsOfferedAt(db: MemberCtx['db'], memberPath: string) {
  const today = todayIso();
  const rows = await findBenefitsOffered(db, pathIds(memberPath), today);
  return rows.map((row) => toBenefit(row, today));
}
