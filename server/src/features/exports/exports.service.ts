import type { SpreadsheetFormat } from '@profreestr/contracts';
import type { StaffCtx } from '../../lib/context.js';
import { type CellValue, fillSheet, openSheet, type SheetWriter } from '../../lib/spreadsheet.js';
import { orgLabels } from '../access/placement.js';
import { recordAudit } from '../audit/audit.service.js';
import { exportMemberPages, type MemberFilters } from '../members/members.service.js';
import { exportOrgPages, type OrgFilters } from '../orgs/orgs.service.js';
import {
  memberExportHeaders,
  memberExportRow,
  orgExportHeaders,
  orgExportRow,
} from './export-rows.js';

// Exports stream page by page from keyset queries into the file being sent (other features'
// files, e.g. the completeness table, go through streamExport too). The access check runs
// before the first byte (a refused export is a plain 404/403). Personal data leaves only with
// its audit: the entry (who, what, which filters) is written before the first byte — if it
// cannot be, nothing is sent — and a second one (`….end`, how many rows) before the file is
// closed; if that fails, the file is never completed.

interface Page<T> {
  scope: { id: string; path: string };
  items: T[];
}

export async function streamExport<T>(
  ctx: StaffCtx,
  pages: AsyncGenerator<Page<T>>,
  format: SpreadsheetFormat,
  headers: readonly string[],
  toRows: (items: T[]) => Promise<CellValue[][]>,
  audit: { action: string; filters: Record<string, unknown> },
): Promise<SheetWriter> {
  // The first page is read before answering, so access errors become the response.
  const first = await pages.next();
  const scope = first.done ? undefined : first.value.scope;
  const rows = async function* () {
    for (let page = first; !page.done; page = await pages.next()) {
      yield* await toRows(page.value.items);
    }
  };
  const target = scope ? { type: 'org', id: scope.id, orgPath: scope.path } : undefined;
  await recordAudit(ctx, {
    action: audit.action,
    target,
    details: { format, ...audit.filters },
  });
  const sheet = openSheet(format, headers);
  void fillSheet(sheet, rows(), (done) =>
    recordAudit(ctx, {
      action: `${audit.action}.end`,
      target,
      result: done.complete ? 'ok' : 'failed',
      details: { format, rows: done.rows, complete: done.complete },
    }),
  );
  return sheet;
}

export async function exportMembers(
  ctx: StaffCtx,
  query: MemberFilters & { format: SpreadsheetFormat },
) {
  const { format, ...filters } = query;
  return streamExport(
    ctx,
    exportMemberPages(ctx, filters),
    format,
    memberExportHeaders,
    async (members) => {
      const orgs = await orgLabels(ctx.db, [...new Set(members.map((m) => m.orgId))]);
      return members.map((m) => memberExportRow(m, orgs.get(m.orgId)));
    },
    { action: 'member.export', filters },
  );
}

export async function exportOrgs(ctx: StaffCtx, query: OrgFilters & { format: SpreadsheetFormat }) {
  const { format, ...filters } = query;
  return streamExport(
    ctx,
    exportOrgPages(ctx, filters),
    format,
    orgExportHeaders,
    async (orgs) => {
      const parents = await orgLabels(ctx.db, [
        ...new Set(orgs.flatMap((o) => (o.parentId ? [o.parentId] : []))),
      ]);
      return orgs.map((o) =>
        orgExportRow(o, o.parentId ? (parents.get(o.parentId)?.code ?? null) : null),
      );
    },
    { action: 'org.export', filters },
  );
}
