import type {
  MemberIndicator,
  MemberListPage,
  MemberListTotal,
  MemberSort,
} from '@profreestr/contracts';
import { memberIndicatorColumn } from '../../db/indicators.js';
import { invalid } from '../../lib/app-error.js';
import type { StaffCtx } from '../../lib/context.js';
import { badCursor, decodeCursor, toPage } from '../../lib/cursor.js';
import { orgLabels } from '../access/placement.js';
import { recordAudit } from '../audit/audit.service.js';
import type { StatColumn } from '../stats/member-stats.js';
import { subtreeCounts } from '../stats/stats.service.js';
import { toMember } from './member-card.js';
import {
  countMembersUpTo,
  type MemberFilter,
  type MemberRecord,
  searchMembers,
} from './members.queries.js';
import { type MemberFilters, parseMemberQuery, scopeOf } from './members.service.js';

// The members list: one request a page carries the rows, the names of their orgs and, on the
// first page, how many there are. Every order is a keyset range of an index (migration 0010).

/** A text search counts this far and no further ("более 1 000"). */
export const MEMBER_COUNT_CAP = 1000;
/** Subtrees up to this size are counted row by row when the maintained counts cannot answer:
 * a territory's few thousand rows read in ~10 ms (measured at 3.7 M members). */
export const MEMBER_COUNT_SCAN_LIMIT = 20_000;

type Db = StaffCtx['db'];
type SortColumn = 'name_key' | 'birth_date' | 'registered_on';

const sortColumns: Record<MemberSort, { column: SortColumn; desc: boolean }> = {
  name: { column: 'name_key', desc: false },
  '-name': { column: 'name_key', desc: true },
  birthDate: { column: 'birth_date', desc: false },
  '-birthDate': { column: 'birth_date', desc: true },
  registeredOn: { column: 'registered_on', desc: false },
  '-registeredOn': { column: 'registered_on', desc: true },
};

export interface MemberListQuery extends MemberFilters {
  missing?: MemberIndicator | undefined;
  sort?: MemberSort | undefined;
  limit: number;
  cursor?: string | undefined;
}

/**
 * A cursor names its order, so one from another order is refused, not misread: [sort, name_key,
 * id] by name, [sort, date, org_path, id] by a date ('' for an unknown birth date).
 */
function decodeListCursor(cursor: string | undefined, sort: MemberSort): string[] | undefined {
  const { column } = sortColumns[sort];
  // An unknown birth date ('') is the range after all known ones.
  const after: string[] | undefined =
    column === 'name_key'
      ? decodeCursor(cursor, ['text', 'text', 'id'])
      : decodeCursor(cursor, ['text', column === 'birth_date' ? 'date?' : 'date', 'text', 'id']);
  if (!after) return undefined;
  const [from, ...rest] = after;
  if (from !== sort) throw badCursor();
  return rest;
}

function decodeOrgCursor(cursor: string | undefined) {
  return decodeCursor(cursor, ['text', 'text', 'id']);
}

function cursorOf(row: MemberRecord, sort: MemberSort) {
  const { column } = sortColumns[sort];
  if (column === 'name_key') return [sort, row.name_key, row.id];
  const value = column === 'birth_date' ? (row.birth_date ?? '') : row.registered_on;
  return [sort, value, row.org_path, row.id];
}

/** A page in a column's order; unknown birth dates follow the known ones, either direction. */
async function rowsInOrder(
  db: Db,
  filter: MemberFilter,
  sort: MemberSort,
  after: string[] | undefined,
  limit: number,
) {
  const { column, desc } = sortColumns[sort];
  if (column !== 'birth_date') {
    return searchMembers(db, { ...filter, order: { by: column, desc }, after, limit });
  }
  const inUnknown = after?.[0] === '';
  const known = inUnknown
    ? []
    : await searchMembers(db, {
        ...filter,
        order: { by: 'birth_date', desc, nulls: 'skip' },
        after,
        limit,
      });
  if (known.length >= limit) return known;
  const unknown = await searchMembers(db, {
    ...filter,
    order: { by: 'birth_date', desc, nulls: 'only' },
    after: inUnknown ? after?.slice(1) : undefined,
    limit: limit - known.length,
  });
  return [...known, ...unknown];
}

/**
 * The maintained count (org_stats) answering the filters, when one does: the whole subtree by
 * status and category, or the members lacking a field. Null when only a count of rows can.
 */
function statColumnsFor(filter: MemberFilter): StatColumn[] | null {
  if (filter.namePrefix || filter.cardNumber || filter.birthDate) return null;
  const { status, category, missing } = filter;
  if (missing) {
    return status !== 'deregistered' && !category ? [memberIndicatorColumn[missing]] : null;
  }
  if (category) return status === 'active' ? [category as StatColumn] : null;
  if (status === 'active') return ['active'];
  if (status === 'deregistered') return ['deregistered'];
  return ['active', 'deregistered'];
}

/**
 * The count of the first page. Maintained counts when they answer the filters; otherwise rows
 * are counted up to the cap, where that is cheap: a text search (its index range is narrow) or
 * a subtree small enough to read whole. A rare combination over a large subtree (members off
 * record by category across a region) would read most of it to count: null, not counted.
 */
async function totalOf(
  db: Db,
  scope: { id: string; level: string },
  filter: MemberFilter,
): Promise<MemberListTotal | null> {
  // Members lacking a field are on record: none of them is off record.
  if (filter.missing && filter.status === 'deregistered') return { count: 0, exact: true };
  // org_stats holds subtrees; a filter by org is one only for a primary (then the scope).
  const wholeSubtree = !filter.orgId || (filter.orgId === scope.id && scope.level === 'primary');
  const columns = wholeSubtree ? statColumnsFor(filter) : null;
  const counts = await subtreeCounts(db, scope.id);
  if (columns) return { count: columns.reduce((sum, c) => sum + counts[c], 0), exact: true };
  const searched = !!(filter.namePrefix || filter.cardNumber || filter.birthDate);
  if (!searched && counts.active + counts.deregistered > MEMBER_COUNT_SCAN_LIMIT) return null;
  const found = await countMembersUpTo(db, filter, MEMBER_COUNT_CAP + 1);
  return found > MEMBER_COUNT_CAP
    ? { count: MEMBER_COUNT_CAP, exact: false }
    : { count: found, exact: true };
}

export async function listMembers(ctx: StaffCtx, query: MemberListQuery): Promise<MemberListPage> {
  const scope = await scopeOf(ctx, query.orgId ?? query.under);
  // Members lacking a field are listed by org: the order of their partial index.
  if (query.missing && query.sort) {
    throw invalid('sort', 'Члены без заполненного поля показываются по организациям');
  }
  const sort = query.sort ?? 'name';
  const filter: MemberFilter = {
    scopePath: scope.path,
    // A primary has no orgs below: its own id is an equality the (org_id, name_key, id) index
    // answers in name order, where a path range would make the planner walk all names.
    orgId: query.orgId ?? (scope.level === 'primary' ? scope.id : undefined),
    status: query.status,
    category: query.category,
    missing: query.missing,
    ...parseMemberQuery(query.q),
  };
  const rows = query.missing
    ? await searchMembers(ctx.db, {
        ...filter,
        order: { by: 'org' },
        after: decodeOrgCursor(query.cursor),
        limit: query.limit + 1,
      })
    : await rowsInOrder(
        ctx.db,
        filter,
        sort,
        decodeListCursor(query.cursor, sort),
        query.limit + 1,
      );
  const page = toPage(
    rows,
    query.limit,
    (r) => r,
    (r) => (query.missing ? [r.org_path, r.name_key, r.id] : cursorOf(r, sort)),
  );
  // The names the rows show, in one query for the page (not one request per row).
  const orgs = await orgLabels(ctx.db, [...new Set(page.items.map((r) => r.org_id))]);
  const total = query.cursor ? null : await totalOf(ctx.db, scope, filter);
  // Lists show names and birth dates: who looked, where and at how many is on record.
  await recordAudit(ctx, {
    action: 'member.list',
    target: { type: 'org', id: scope.id, orgPath: scope.path },
    details: { q: query.q ?? null, missing: query.missing ?? null, returned: page.items.length },
  });
  return {
    items: page.items.map((r) => ({ ...toMember(r), orgName: orgs.get(r.org_id)?.name ?? '' })),
    nextCursor: page.nextCursor,
    total,
  };
}
