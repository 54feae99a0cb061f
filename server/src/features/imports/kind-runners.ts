import { setImmediate } from 'node:timers/promises';
import { orgLevelLabels } from '@profreestr/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../lib/app-error.js';
import type { StaffCtx } from '../../lib/context.js';
import { withSavepoint } from '../../lib/savepoint.js';
import { isInSubtree } from '../../lib/tree-path.js';
import { importMemberRows, type MemberImportRow } from '../members/member-import.service.js';
import { importOrgRow, type RowResult } from '../orgs/org-import.service.js';
import { findOrgRecordByCode } from '../orgs/orgs.service.js';
import { type ColumnSpec, memberColumns, orgColumns } from './columns.js';
import { cellsOf, type HeaderMap, isBlankRow, originalCells } from './import-file.js';
import { type CellError, parseMemberRow, parseOrgRow } from './row-parsers.js';
import type { FileRow } from './row-reader.js';

// What differs between the kinds of import: how rows are checked and written. Members go in
// one pass; orgs go level by level, so a row may name a parent that comes later in the file.

export interface Reject {
  row: number;
  cells: Record<string, string>;
  errors: CellError[];
}

export interface BatchResult {
  rows: number;
  created: number;
  updated: number;
  rejects: Reject[];
}

export interface KindRunner {
  passes: number;
  /** Reads the file once before the work: returns the number of data rows. */
  prepare(rows: AsyncIterable<FileRow>, beat: () => Promise<void>): Promise<number>;
  inPass(pass: number, row: number): boolean;
  /** Writes a batch: `tx` is the import's context, its `db` the batch's transaction. */
  apply(tx: StaffCtx, pass: number, batch: FileRow[]): Promise<BatchResult>;
}

type Scope = { id: string; path: string; level: string };

const HEARTBEAT_ROWS = 20_000;

async function countRows(
  rows: AsyncIterable<FileRow>,
  beat: () => Promise<void>,
  each?: (line: FileRow) => void,
) {
  let total = 0;
  for await (const line of rows) {
    if (line.row === 1 || isBlankRow(line.cells)) continue;
    total++;
    each?.(line);
    if (total % HEARTBEAT_ROWS === 0) await beat();
    if (total % 1000 === 0) await setImmediate();
  }
  return total;
}

const columnOf = (columns: readonly ColumnSpec[], field: string | null) =>
  (field && columns.find((c) => c.field === field)?.header) ?? null;

export function memberRunner(scope: Scope, map: HeaderMap): KindRunner {
  const orgs = new Map<string, { org: { id: string; path: string } } | { message: string }>();

  const resolveOrg = async (db: Kysely<Database>, code: string | null) => {
    if (!code) {
      return scope.level === 'primary'
        ? { org: scope }
        : { message: 'Не заполнено: код организации' };
    }
    const known = orgs.get(code);
    if (known) return known;
    const org = await findOrgRecordByCode(db, code);
    const resolved =
      !org || !isInSubtree(org.path, scope.path)
        ? { message: `Организация с кодом «${code}» не найдена в выбранной организации` }
        : org.level !== 'primary'
          ? {
              message: `«${code}» — ${orgLevelLabels[org.level].toLowerCase()} организация: члены Профсоюза состоят на учёте в первичных`,
            }
          : org.status !== 'active'
            ? { message: `Организация «${code}» ликвидирована` }
            : { org: { id: org.id, path: org.path } };
    orgs.set(code, resolved);
    return resolved;
  };

  return {
    passes: 1,
    prepare: (rows, beat) => countRows(rows, beat),
    inPass: () => true,
    apply: async (tx, _pass, batch) => {
      const rejects: Reject[] = [];
      const reject = (line: FileRow, errors: CellError[]) =>
        rejects.push({ row: line.row, cells: originalCells(map, line.cells), errors });
      const accepted: MemberImportRow[] = [];
      const lines = new Map<number, FileRow>();
      for (const line of batch) {
        const parsed = parseMemberRow(cellsOf(map, line.cells), memberColumns);
        const resolved = parsed.row ? await resolveOrg(tx.db, parsed.row.orgCode) : undefined;
        const errors = [...parsed.errors];
        if (resolved && 'message' in resolved) {
          errors.push({ column: columnOf(memberColumns, 'orgId'), message: resolved.message });
        }
        if (errors.length || !parsed.row || !resolved || !('org' in resolved)) {
          reject(line, errors);
          continue;
        }
        lines.set(line.row, line);
        accepted.push({
          row: line.row,
          org: resolved.org,
          fields: parsed.row.fields,
          cardNumber: parsed.row.cardNumber,
        });
      }
      const outcome = await importMemberRows(tx, accepted);
      for (const problem of outcome.problems) {
        reject(lines.get(problem.row) as FileRow, [
          { column: columnOf(memberColumns, problem.field), message: problem.message },
        ]);
      }
      return { rows: batch.length, created: outcome.created, updated: outcome.updated, rejects };
    },
  };
}

export function orgRunner(scope: Scope, map: HeaderMap): KindRunner {
  const CYCLE = -1;
  const depthOfRow = new Map<number, number>();
  let passes = 1;
  const codeIndex = [...map.columns].find(([, s]) => s.field === 'code')?.[0] ?? -1;
  const parentIndex = [...map.columns].find(([, s]) => s.field === 'parentId')?.[0] ?? -1;

  return {
    get passes() {
      return passes;
    },
    prepare: async (rows, beat) => {
      const parentOf = new Map<number, string>();
      const rowOfCode = new Map<string, number>();
      const total = await countRows(rows, beat, (line) => {
        const code = line.cells[codeIndex] ?? '';
        if (code && !rowOfCode.has(code)) rowOfCode.set(code, line.row);
        const parent = line.cells[parentIndex] ?? '';
        if (parent) parentOf.set(line.row, parent);
        depthOfRow.set(line.row, 0);
      });
      // Depth within the file: a row whose parent is another row of the file goes after it.
      const depth = (row: number, seen: Set<number>): number => {
        const known = depthOfRow.get(row);
        if (known !== undefined && known !== 0) return known;
        const parentRow = rowOfCode.get(parentOf.get(row) ?? '');
        if (parentRow === undefined) return 0;
        if (seen.has(row)) return CYCLE;
        seen.add(row);
        const above = depth(parentRow, seen);
        return above === CYCLE ? CYCLE : above + 1;
      };
      for (const row of depthOfRow.keys()) {
        const d = depth(row, new Set());
        depthOfRow.set(row, d);
        passes = Math.max(passes, d + 1);
      }
      return total;
    },
    inPass: (pass, row) => {
      const d = depthOfRow.get(row) ?? 0;
      return d === pass || (d === CYCLE && pass === 0);
    },
    apply: async (tx, _pass, batch) => {
      const result: BatchResult = { rows: batch.length, created: 0, updated: 0, rejects: [] };
      for (const line of batch) {
        const errors = await applyOrgLine(tx, scope, map, line, depthOfRow.get(line.row) === CYCLE);
        if (errors === 'created' || errors === 'updated') result[errors]++;
        else if (errors !== 'unchanged') {
          result.rejects.push({ row: line.row, cells: originalCells(map, line.cells), errors });
        }
      }
      return result;
    },
  };
}

async function applyOrgLine(
  ctx: StaffCtx,
  scope: Scope,
  map: HeaderMap,
  line: FileRow,
  inCycle: boolean,
) {
  if (inCycle) {
    return [
      {
        column: columnOf(orgColumns, 'parentId'),
        message: 'Организации файла ссылаются друг на друга по кругу',
      },
    ];
  }
  const parsed = parseOrgRow(cellsOf(map, line.cells), orgColumns);
  if (!parsed.row) return parsed.errors;
  const row = parsed.row;
  return withSavepoint<RowResult | CellError[]>(
    ctx.db,
    () => importOrgRow(ctx, scope, row),
    async (error) => {
      if (!(error instanceof AppError)) throw error;
      if (error.details.length === 0) return [{ column: null, message: error.message }];
      return error.details.map((d) => ({
        column: columnOf(orgColumns, d.field) ?? columnOf(orgColumns, d.field.split('.')[0] ?? ''),
        message: d.message,
      }));
    },
  );
}
