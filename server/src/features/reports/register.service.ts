import { type AsOfCounts, deregisterReasons, type Movement, todayIso } from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { invalid } from '../../lib/app-error.js';
import type { StaffCtx } from '../../lib/context.js';
import { pathIds } from '../../lib/tree-path.js';
import { listScope } from '../access/placement.js';
import {
  countMovement,
  countOnRecord,
  leftByPrimary,
  type PrimaryRegister,
  primariesByOrg,
  registerByPrimary,
} from './as-of.queries.js';
import type { CompiledForm } from './form-engine.js';
import { findTotalsOfForm } from './reports.queries.js';

// The register as it stood on a day, for people (membership and movement of a subtree) and for
// prefilling reports. "During the year before D" is (D − 1 year, D]: a report's total is then
// exactly the previous year's total plus admitted and transferred in, minus left and
// transferred out.

/** The same day a year earlier (29 February → 28 February). */
export function yearBefore(day: string): string {
  const [y, m, d] = day.split('-') as [string, string, string];
  const date = m === '02' && d === '29' ? '28' : d;
  return `${String(Number(y) - 1).padStart(4, '0')}-${m}-${date}`;
}

const notFuture = (field: string, day: string) => {
  if (day > todayIso()) throw invalid(field, 'Дата не может быть в будущем');
};

export async function registerAsOf(
  ctx: StaffCtx,
  query: { under?: string | undefined; on: string },
): Promise<AsOfCounts> {
  const path = await listScope(ctx, 'report:read', query.under);
  notFuture('on', query.on);
  return { on: query.on, ...(await countOnRecord(ctx.db, path, query.on)) };
}

export async function registerMovement(
  ctx: StaffCtx,
  query: { under?: string | undefined; from: string; to: string },
): Promise<Movement> {
  const path = await listScope(ctx, 'report:read', query.under);
  notFuture('to', query.to);
  const [opening, closing, movement] = await Promise.all([
    countOnRecord(ctx.db, path, query.from),
    countOnRecord(ctx.db, path, query.to),
    countMovement(ctx.db, path, query.from, query.to),
  ]);
  return {
    from: query.from,
    to: query.to,
    opening: opening.total,
    closing: closing.total,
    admitted: movement.admitted,
    left: Object.values(movement.left_by_reason).reduce((a, b) => a + b, 0),
    leftByReason: movement.left_by_reason,
    transferredIn: movement.transferred_in,
    transferredOut: movement.transferred_out,
  };
}

const countKeys = [
  'total',
  'working',
  'students',
  'pensioners',
  'women',
  'under35',
  'admitted',
  'transferred_in',
  'transferred_out',
] as const;
type Counts = Record<(typeof countKeys)[number], number> & {
  left: Record<string, number>;
  primaries: number;
};

const emptyCounts = (): Counts => ({
  total: 0,
  working: 0,
  students: 0,
  pensioners: 0,
  women: 0,
  under35: 0,
  admitted: 0,
  transferred_in: 0,
  transferred_out: 0,
  left: {},
  primaries: 0,
});

const add = (into: Counts, from: PrimaryRegister) => {
  for (const key of countKeys) into[key] += from[key];
};

const sourceValue = (counts: Counts, source: string): number | undefined => {
  const left = (reason: string) => counts.left[reason] ?? 0;
  switch (source) {
    case 'members_total':
      return counts.total;
    case 'members_working':
      return counts.working;
    case 'members_students':
      return counts.students;
    case 'members_pensioners':
      return counts.pensioners;
    case 'members_women':
      return counts.women;
    case 'members_under35':
      return counts.under35;
    case 'admitted':
      return counts.admitted;
    case 'left':
      return deregisterReasons.reduce((sum, reason) => sum + left(reason), 0);
    case 'transferred_in':
      return counts.transferred_in;
    case 'transferred_out':
      return counts.transferred_out;
    case 'primaries_active':
      return counts.primaries;
    default:
      return source.startsWith('left_') ? left(source.slice(5)) : undefined;
  }
};

/**
 * The register's figures of each org's report: every prefilled cell of the form, counted for
 * the org's whole subtree as of `asOf` (one pass over the periods of the campaign's subtree,
 * rolled up from primaries to the orgs reporting), and `sum:<form>.<cell>` from the accepted
 * reports of that form for the same date.
 */
export async function registerValues(
  db: Kysely<Database>,
  form: CompiledForm,
  scopePath: string,
  asOf: string,
  orgs: readonly { id: string; path: string }[],
): Promise<Map<string, Record<string, number>>> {
  const from = yearBefore(asOf);
  const byOrg = new Map(orgs.map((org) => [org.id, emptyCounts()]));
  // The reporting org a path belongs to: the deepest id of the path that reports.
  const ownerOf = (path: string) =>
    pathIds(path)
      .reverse()
      .map((id) => byOrg.get(id))
      .find(Boolean);
  for (const row of await registerByPrimary(db, scopePath, from, asOf)) {
    const counts = ownerOf(row.org_path);
    if (counts) add(counts, row);
  }
  for (const row of await leftByPrimary(db, scopePath, from, asOf)) {
    const counts = ownerOf(row.org_path);
    if (counts) counts.left[row.reason] = (counts.left[row.reason] ?? 0) + row.n;
  }
  // Each source read once: a register count, or a cell of another form's accepted reports.
  const sources = form.prefilled.map((code) => {
    const source = form.cells.get(code)?.prefill as string;
    const [, sumForm, sumCell] = /^sum:([a-z0-9_]+)\.([a-z0-9_]+)$/.exec(source) ?? [];
    return { code, source, sum: sumForm && sumCell ? { form: sumForm, cell: sumCell } : null };
  });
  if (sources.some((s) => s.source === 'primaries_active')) {
    for (const primary of await primariesByOrg(db, scopePath, asOf)) {
      const counts = ownerOf(primary.path);
      if (counts) counts.primaries += 1;
    }
  }
  const sums = new Map<string, Map<string, Record<string, number>>>();
  for (const { sum } of sources) {
    if (!sum || sums.has(sum.form)) continue;
    const rows = await findTotalsOfForm(db, sum.form, asOf, [...byOrg.keys()]);
    sums.set(sum.form, new Map(rows.map((r) => [r.org_id, r.values])));
  }
  const result = new Map<string, Record<string, number>>();
  for (const [orgId, counts] of byOrg) {
    const values: Record<string, number> = {};
    for (const { code, source, sum } of sources) {
      // Nothing accepted below yet: the cell stays empty (a 0 would pass for a figure).
      const value = sum ? sums.get(sum.form)?.get(orgId)?.[sum.cell] : sourceValue(counts, source);
      if (value !== undefined) values[code] = value;
    }
    result.set(orgId, values);
  }
  return result;
}
