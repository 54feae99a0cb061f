import {
  nameKey,
  type OrgLevel,
  type OrgRef,
  type OrgSearchItem,
  type OrgStatus,
  type TransferTarget,
} from '@profreestr/contracts';
import type { StaffCtx } from '../../lib/context.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { pathIds, rootPath } from '../../lib/tree-path.js';
import { authorizeList, canSee } from '../access/access.js';
import { listScope } from '../access/placement.js';
import { findOrgsByIds, searchOrgs as searchOrgRows } from './orgs.queries.js';
import { type OrgFilters, toOrg } from './orgs.service.js';

// Searching orgs by name, code or INN: the orgs page and every org picker. Results carry the
// ancestors that tell namesakes apart («Детский сад № 11» of which district), looked up in one
// query for the page from the orgs' paths.

type Db = StaffCtx['db'];
type Page = { limit: number; cursor?: string | undefined };

/** What a query asks: a code or INN when it is one word, and the words of the name. */
const terms = (text: string | undefined) => {
  const q = (text ?? '').trim();
  return {
    exact: q && !/\s/.test(q) ? q : undefined,
    words: nameKey(q).split(' ').filter(Boolean),
  };
};

const decodeRankCursor = (cursor: string | undefined) =>
  decodeCursor(cursor, ['int', 'text', 'id']);

/**
 * The ancestors of each org (not the centre, not the org itself), top first, in one query;
 * `visible` keeps those the caller may see.
 */
async function parentsOf(
  db: Db,
  paths: readonly string[],
  visible: (path: string) => boolean = () => true,
): Promise<(path: string) => OrgRef[]> {
  const ancestorIds = new Set(paths.flatMap((path) => pathIds(path).slice(1, -1)));
  const rows = ancestorIds.size ? await findOrgsByIds(db, [...ancestorIds]) : [];
  const byId = new Map(rows.filter((r) => visible(r.path)).map((r) => [r.id, r]));
  return (path) =>
    pathIds(path)
      .slice(1, -1)
      .flatMap((id) => {
        const row = byId.get(id);
        return row ? [{ id: row.id, name: row.name, level: row.level }] : [];
      });
}

/**
 * A ranked page of orgs under `scopePath` and the parents of each (those `visible` keeps):
 * the one query both searches make.
 */
async function rankedPage(
  ctx: StaffCtx,
  filters: {
    scopePath: string;
    q: string | undefined;
    level: OrgLevel | undefined;
    status: OrgStatus | undefined;
  },
  page: Page,
  visible?: (path: string) => boolean,
) {
  const { q, ...rest } = filters;
  const rows = await searchOrgRows(ctx.db, {
    ...rest,
    ...terms(q),
    after: decodeRankCursor(page.cursor),
    limit: page.limit + 1,
  });
  const ranked = toPage(
    rows,
    page.limit,
    (r) => r,
    (r) => [r.rank, r.name_key, r.id],
  );
  const parents = await parentsOf(
    ctx.db,
    ranked.items.map((r) => r.path),
    visible,
  );
  return { ...ranked, parents };
}

export async function searchOrgs(ctx: StaffCtx, query: OrgFilters & Page) {
  const scopePath = await listScope(ctx, 'org:read', query.under);
  const { items, nextCursor, parents } = await rankedPage(
    ctx,
    { scopePath, q: query.q, level: query.level, status: query.status },
    query,
    (path) => canSee(ctx.actor, path),
  );
  return {
    items: items.map((r): OrgSearchItem => ({ ...toOrg(r), parents: parents(r.path) })),
    nextCursor,
  };
}

/**
 * Where a member can be transferred: any active primary of the union, found by name, code or
 * INN. Only the name and its ancestors are shown (as the public join form does), so a
 * primary's chairman can send a member to a school of another district without seeing more.
 */
export async function searchTransferTargets(
  ctx: StaffCtx,
  query: { q?: string | undefined } & Page,
) {
  authorizeList(ctx.actor, 'member:transfer');
  const root = rootPath(pathIds(ctx.actor.orgPath)[0] ?? '');
  const page = await rankedPage(
    ctx,
    { scopePath: root, q: query.q, level: 'primary', status: 'active' },
    query,
  );
  const { parents } = page;
  const items: TransferTarget[] = page.items.map((r) => ({
    id: r.id,
    name: r.name,
    level: r.level,
    parents: parents(r.path),
  }));
  return { items, nextCursor: page.nextCursor };
}
