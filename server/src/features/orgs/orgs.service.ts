import {
  childLevelsOf,
  mayHoldChild,
  nameKey,
  type Org,
  type OrgCreate,
  type OrgLevel,
  type OrgPatch,
  type OrgStatus,
  orgLevelLabels,
  passportProblems,
} from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError, conflict, invalid } from '../../lib/app-error.js';
import { inTransaction, type StaffCtx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { assertVersion, type Precondition } from '../../lib/etag.js';
import { childPath, pathIds, rootPath } from '../../lib/tree-path.js';
import { authorize, canSee } from '../access/access.js';
import { getOrgPlacement, ORG_NOT_FOUND } from '../access/placement.js';
import { recordAudit } from '../audit/audit.service.js';
import { diffFields } from '../history/field-diff.js';
import { createStatsRow, type OrgFacts, recordOrgFacts } from '../stats/stats.service.js';
import { recordOrgChange } from './org-history.service.js';
import {
  applyPassportPatch,
  blankPassport,
  type OrgPassport,
  passportColumns,
  readChairman,
  readContacts,
  readEduOrg,
} from './org-passport.js';
import {
  countOrgs,
  findChildren,
  findOrgByCode,
  findOrgById,
  findOrgForUpdate,
  findOrgIdByCode,
  findOrgNames,
  findOrgsByIds,
  insertOrg,
  nextOrgId,
  type OrgRecord,
  searchOrgs as searchOrgRows,
  updateOrgRow,
} from './orgs.queries.js';

export function passportOf(row: OrgRecord): OrgPassport {
  return {
    code: row.code,
    name: row.name,
    shortName: row.short_name,
    isLegalEntity: row.is_legal_entity,
    inn: row.inn,
    ogrn: row.ogrn,
    duesRate: row.dues_rate,
    isSmall: row.is_small,
    hasCommittee: row.has_committee,
    foundedOn: row.founded_on,
    chairman: readChairman(row.chairman),
    eduOrg: readEduOrg(row.edu_org),
    contacts: readContacts(row.contacts),
  };
}

/** What an org counts for in the subtree counts (completeness, short passports). */
export function orgFacts(
  row: { path: string; level: string; status: string },
  p: OrgPassport,
): OrgFacts {
  return {
    path: row.path,
    level: row.level,
    status: row.status,
    duesRate: p.duesRate,
    isSmall: p.isSmall,
    hasCommittee: p.hasCommittee,
    chairman: p.chairman,
    eduOrg: p.eduOrg,
  };
}

/** The same for a stored org, optionally with another status (a liquidation). */
export const storedOrgFacts = (row: OrgRecord, status = row.status) =>
  orgFacts({ ...row, status }, passportOf(row));

export function toOrg(row: OrgRecord): Org {
  return {
    id: row.id,
    parentId: row.parent_id,
    level: row.level,
    status: row.status,
    ...passportOf(row),
    memberCount: row.member_count,
    childCount: row.child_count ?? 0,
    liquidatedOn: row.liquidated_on,
    mergedIntoId: row.merged_into_id,
    version: row.version,
  };
}

/** The whole record of the org holding a registry code, for imports matching rows. */
export const findOrgRecordByCode = findOrgByCode;

export async function getOrg(ctx: StaffCtx, id: string): Promise<Org> {
  const row = await findOrgById(ctx.db, id);
  authorize(ctx.actor, 'org:read', row, ORG_NOT_FOUND);
  // The passport carries the chairman's personal data, so every read is on record.
  await recordAudit(ctx, {
    action: 'org.read',
    target: { type: 'org', id: row.id, orgPath: row.path },
  });
  return toOrg(row);
}

export async function listChildren(
  ctx: StaffCtx,
  parentId: string,
  page: { limit: number; cursor?: string | undefined },
) {
  const parent = await getOrgPlacement(ctx.db, parentId);
  authorize(ctx.actor, 'org:read', parent, ORG_NOT_FOUND);
  const after = decodeCursor(page.cursor, ['text', 'id']);
  const rows = await findChildren(ctx.db, parentId, after, page.limit + 1);
  return toPage(rows, page.limit, toOrg, (r) => [r.name_key, r.id]);
}

/** Breadcrumbs: the org's ancestors from the caller's own root down to the org itself. */
export async function listAncestors(ctx: StaffCtx, id: string) {
  const org = await getOrgPlacement(ctx.db, id);
  authorize(ctx.actor, 'org:read', org, ORG_NOT_FOUND);
  const rows = await findOrgsByIds(ctx.db, pathIds(org.path));
  const visible = rows
    .filter((r) => canSee(ctx.actor, r.path))
    .sort((a, b) => a.path.length - b.path.length);
  return { items: visible.map((r) => ({ id: r.id, name: r.name, level: r.level })) };
}

/** The orgs search's filters, which its export takes too. */
export interface OrgFilters {
  q?: string | undefined;
  under?: string | undefined;
  level?: OrgLevel | undefined;
  status?: OrgStatus | undefined;
}

/** Orgs of a subtree for an export, parents before children, page by page. */
export async function* exportOrgPages(ctx: StaffCtx, query: OrgFilters, pageSize = 2000) {
  const scope = await getOrgPlacement(ctx.db, query.under ?? ctx.actor.orgId);
  authorize(ctx.actor, 'org:read', scope, ORG_NOT_FOUND);
  const q = (query.q ?? '').trim();
  let after: string[] | undefined;
  for (;;) {
    const rows = await searchOrgRows(ctx.db, {
      scopePath: scope.path,
      exact: q && !/\s/.test(q) ? q : undefined,
      words: nameKey(q).split(' ').filter(Boolean),
      level: query.level,
      status: query.status,
      order: 'tree',
      after,
      limit: pageSize,
    });
    if (rows.length === 0) return;
    yield { scope, items: rows.map(toOrg) };
    after = [rows[rows.length - 1]?.path ?? ''];
  }
}

/** Codes and names of orgs by id, for lists that show where a member is. */

function assertPassportValid(passport: OrgPassport) {
  const problems = passportProblems(passport);
  if (problems.length) {
    throw new AppError('invalid', problems[0]?.message ?? 'Проверьте данные', problems);
  }
}

const duplicateCode = () =>
  conflict('Организация с таким кодом уже есть', [
    { field: 'code', message: 'Организация с таким кодом уже есть' },
  ]);

// Two requests with one new code: the unique index has the last word.
const rethrowDuplicateCode = (error: unknown): never => {
  if ((error as { code?: string }).code === '23505') throw duplicateCode();
  throw error;
};

/** A new org under a parent the caller may reach (an API call and an import row alike). */
export function createOrg(ctx: StaffCtx, input: OrgCreate): Promise<Org> {
  return inTransaction(ctx, async (tx) => {
    const parent = await getOrgPlacement(tx.db, input.parentId);
    authorize(ctx.actor, 'org:create', parent, 'Вышестоящая организация не найдена');
    if (parent.status !== 'active') {
      throw invalid('parentId', 'Вышестоящая организация ликвидирована');
    }
    assertChildLevel(parent.level, input.level);
    const { code, parentId: _parent, level, ...passportInput } = input;
    const passport = applyPassportPatch(blankPassport(code, input.name), passportInput);
    assertPassportValid(passport);
    if (await findOrgIdByCode(tx.db, code)) throw duplicateCode();
    const id = await nextOrgId(tx.db);
    const path = childPath(parent.path, id);
    await insertOrg(tx.db, {
      id,
      parent_id: parent.id,
      path,
      level,
      ...passportColumns(passport),
    }).catch(rethrowDuplicateCode);
    await createStatsRow(tx.db, id);
    await recordOrgFacts(tx.db, null, orgFacts({ path, level, status: 'active' }, passport));
    await recordOrgChange(tx, {
      org: { id, path },
      action: 'create',
      changes: diffFields(blankPassport('', ''), passport),
    });
    return toOrg(await mustFind(tx.db, id));
  });
}

export async function updateOrg(
  ctx: StaffCtx,
  id: string,
  patch: OrgPatch,
  precondition?: Precondition,
): Promise<Org> {
  return (await changeOrg(ctx, id, patch, precondition)).org;
}

/** updateOrg telling whether anything changed (an import row reports «без изменений»). */
export function changeOrg(ctx: StaffCtx, id: string, patch: OrgPatch, precondition?: Precondition) {
  return inTransaction(ctx, async (tx) => {
    const row = await findOrgForUpdate(tx.db, id);
    authorize(ctx.actor, 'org:update', row, ORG_NOT_FOUND);
    // Checked on the locked row: of two editors of the same version, the second gets 412.
    assertVersion(precondition, row.version);
    assertActive(row);
    const before = passportOf(row);
    const after = applyPassportPatch(before, patch);
    assertPassportValid(after);
    const changes = diffFields(before, after);
    if (changes.length === 0) return { org: toOrg(row), changes };
    if (after.code !== before.code && (await findOrgIdByCode(tx.db, after.code))) {
      throw duplicateCode();
    }
    await updateOrgRow(tx.db, id, passportColumns(after)).catch(rethrowDuplicateCode);
    await recordOrgFacts(tx.db, orgFacts(row, before), orgFacts(row, after));
    await recordOrgChange(tx, { org: row, action: 'update', changes });
    return { org: toOrg(await mustFind(tx.db, id)), changes };
  });
}

export function assertActive(row: { status: string }) {
  if (row.status !== 'active') throw conflict('Организация ликвидирована: изменения невозможны');
}

export function assertChildLevel(parentLevel: OrgLevel, childLevel: OrgLevel, field = 'level') {
  if (mayHoldChild(parentLevel, childLevel)) return;
  const allowed = childLevelsOf(parentLevel).map((l) => orgLevelLabels[l].toLowerCase());
  throw invalid(
    field,
    allowed.length
      ? `В организацию уровня «${orgLevelLabels[parentLevel]}» входят только: ${allowed.join(', ')}`
      : 'В первичную организацию не входят другие организации',
  );
}

export async function mustFind(db: Kysely<Database>, id: string): Promise<OrgRecord> {
  const row = await findOrgById(db, id);
  if (!row) throw new Error(`org ${id} vanished inside its own transaction`);
  return row;
}

export const CENTRAL_ORG_NAME = 'Общероссийский Профсоюз образования';

/** First start only: the root of the tree. Returns its id. */
export async function createCentralOrg(db: Kysely<Database>): Promise<string> {
  const id = await nextOrgId(db);
  await insertOrg(db, {
    id,
    parent_id: null,
    path: rootPath(id),
    level: 'central',
    ...passportColumns({
      ...blankPassport('0', CENTRAL_ORG_NAME),
      shortName: 'Профсоюз образования',
    }),
  });
  await createStatsRow(db, id);
  return id;
}

export const countAllOrgs = countOrgs;

/** Current names, places and states of orgs by id, for lists that name them (the audit
 * journal): one query for a page. */
export async function namesOfOrgs(db: Kysely<Database>, ids: readonly string[]) {
  const rows = ids.length ? await findOrgNames(db, ids) : [];
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, name: r.name, path: r.path, status: r.status, mergedIntoId: r.merged_into_id },
    ]),
  );
}
