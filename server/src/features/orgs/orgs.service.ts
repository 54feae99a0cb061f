import {
  type Org,
  type OrgCreate,
  type OrgLevel,
  type OrgStatus,
  orgLevelLabels,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { conflict, invalid } from '../../lib/app-error.js';
import type { Ctx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { nameKey } from '../../lib/name-key.js';
import { childPath, pathIds, rootPath } from '../../lib/tree-path.js';
import { authorize, canSee } from '../access/access.js';
import { recordAudit } from '../audit/audit.service.js';
import { childLevelsOf, mayHoldChild } from './org-rules.js';
import {
  countOrgs,
  findChildren,
  findOrgById,
  findOrgIdByCode,
  findOrgPlacement,
  findOrgsByIds,
  insertOrg,
  nextOrgId,
  type OrgRecord,
} from './orgs.queries.js';

const NOT_FOUND = 'Организация не найдена';

const contactKeys = ['legalAddress', 'actualAddress', 'phone', 'email', 'website'] as const;

function toOrg(row: OrgRecord): Org {
  const contacts = (row.contacts ?? {}) as Record<string, string | null>;
  return {
    id: row.id,
    code: row.code,
    parentId: row.parent_id,
    level: row.level as OrgLevel,
    name: row.name,
    shortName: row.short_name,
    status: row.status as OrgStatus,
    isLegalEntity: row.is_legal_entity,
    inn: row.inn,
    duesRate: row.dues_rate,
    isSmall: row.is_small,
    hasCommittee: row.has_committee,
    foundedOn: row.founded_on,
    chairman: (row.chairman ?? null) as Org['chairman'],
    eduOrg: (row.edu_org ?? null) as Org['eduOrg'],
    contacts: Object.fromEntries(
      contactKeys.map((k) => [k, contacts[k] ?? null]),
    ) as Org['contacts'],
    memberCount: row.member_count,
    childCount: row.child_count ?? 0,
  };
}

/** Placement of an org (id, path, level, status) for other features' access checks. */
export const getOrgPlacement = (db: Kysely<Database>, id: string) => findOrgPlacement(db, id);

export async function getOrg(ctx: Ctx, id: string): Promise<Org> {
  const row = await findOrgById(ctx.db, id);
  authorize(ctx.actor, 'org:read', row, NOT_FOUND);
  // The passport carries the chairman's personal data, so every read is on record.
  await recordAudit(ctx.db, ctx, {
    action: 'org.read',
    target: { type: 'org', id: row.id, orgPath: row.path },
  });
  return toOrg(row);
}

export async function listChildren(
  ctx: Ctx,
  parentId: string,
  page: { limit: number; cursor?: string | undefined },
) {
  const parent = await findOrgPlacement(ctx.db, parentId);
  authorize(ctx.actor, 'org:read', parent, NOT_FOUND);
  const after = decodeCursor<[string, string]>(page.cursor, ['string', 'string']);
  const rows = await findChildren(ctx.db, parentId, after, page.limit + 1);
  return toPage(rows, page.limit, toOrg, (r) => [r.name_key, r.id]);
}

/** Breadcrumbs: the org's ancestors from the caller's own root down to the org itself. */
export async function listAncestors(ctx: Ctx, id: string) {
  const org = await findOrgPlacement(ctx.db, id);
  authorize(ctx.actor, 'org:read', org, NOT_FOUND);
  const rows = await findOrgsByIds(ctx.db, pathIds(org.path));
  const visible = rows
    .filter((r) => canSee(ctx.actor, r.path))
    .sort((a, b) => a.path.length - b.path.length);
  return { items: visible.map((r) => ({ id: r.id, name: r.name, level: r.level as OrgLevel })) };
}

export async function createOrg(ctx: Ctx, input: OrgCreate): Promise<Org> {
  return ctx.db.transaction().execute(async (trx) => {
    const parent = await findOrgPlacement(trx, input.parentId);
    authorize(ctx.actor, 'org:create', parent, 'Вышестоящая организация не найдена');
    if (parent.status !== 'active') {
      throw invalid('parentId', 'Вышестоящая организация ликвидирована');
    }
    const parentLevel = parent.level as OrgLevel;
    if (!mayHoldChild(parentLevel, input.level)) {
      const allowed = childLevelsOf(parentLevel).map((l) => orgLevelLabels[l].toLowerCase());
      throw invalid(
        'level',
        allowed.length
          ? `В организацию уровня «${orgLevelLabels[parentLevel]}» входят только: ${allowed.join(', ')}`
          : 'В первичную организацию не входят другие организации',
      );
    }
    if (await findOrgIdByCode(trx, input.code)) throw duplicateCode();
    const id = await nextOrgId(trx);
    const path = childPath(parent.path, id);
    await insertOrg(trx, {
      id,
      code: input.code,
      parent_id: parent.id,
      path,
      level: input.level,
      name: input.name,
      name_key: nameKey(input.name),
      short_name: input.shortName ?? null,
    }).catch((error: unknown) => {
      // Two requests with one new code: the unique index decides.
      if ((error as { code?: string }).code === '23505') throw duplicateCode();
      throw error;
    });
    await recordAudit(trx, ctx, {
      action: 'org.create',
      target: { type: 'org', id, orgPath: path },
      details: { code: input.code, level: input.level, name: input.name },
    });
    const created = await findOrgById(trx, id);
    if (!created) throw new Error(`org ${id} vanished inside its own transaction`);
    return toOrg(created);
  });
}

const duplicateCode = () =>
  conflict('Организация с таким кодом уже есть', [
    { field: 'code', message: 'Организация с таким кодом уже есть' },
  ]);

export const CENTRAL_ORG_NAME = 'Общероссийский Профсоюз образования';

/** First start only: the root of the tree. Returns its id. */
export async function createCentralOrg(db: Kysely<Database>): Promise<string> {
  const id = await nextOrgId(db);
  await insertOrg(db, {
    id,
    code: '0',
    parent_id: null,
    path: rootPath(id),
    level: 'central',
    name: CENTRAL_ORG_NAME,
    name_key: nameKey(CENTRAL_ORG_NAME),
    short_name: 'Профсоюз образования',
  });
  return id;
}

export const countAllOrgs = countOrgs;
