import { setImmediate } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../lib/app-error.js';
import { inTransaction, type StaffCtx } from '../../lib/context.js';
import type { Jobs } from '../../lib/jobs.js';
import { authorize } from '../access/access.js';
import { getOrgPlacement } from '../access/placement.js';
import { actorOfUser } from '../users/users.service.js';
import {
  type HeaderMap,
  HeaderRefused,
  isBlankRow,
  mapHeaders,
  storedFile,
} from './import-file.js';
import {
  advanceImport,
  analyzeTable,
  claimImport,
  deleteFile,
  finishImport,
  heartbeat,
  insertRejects,
  lockPosition,
  setImportTotal,
} from './imports.queries.js';
import { type BatchResult, memberRunner, orgRunner } from './kind-runners.js';
import { type FileRow, firstRow, readRows } from './row-reader.js';

// The import job. It commits a batch of rows at a time together with its position in the
// file, so a run killed at any moment resumes from the last committed batch and ends in the
// same state as a run never interrupted. Two runners of one import cannot both commit: each
// batch checks, under a row lock, that the position is the one its runner started from.

export interface ImportSettings {
  batchRows: number;
  /** A running import not heard of for this long is taken over (its runner crashed). */
  staleSeconds: number;
  maxRows: number;
}

class Superseded extends Error {}

export async function runImport(
  base: { db: Kysely<Database>; jobs: Jobs },
  settings: ImportSettings,
  importId: string,
): Promise<void> {
  const { db } = base;
  const claimed = await claimImport(db, importId, settings.staleSeconds);
  if (!claimed) return;
  try {
    await runClaimed(base, settings, claimed);
    await finishImport(db, importId, 'done', null);
    await deleteFile(db, importId);
    // A first region's import can be most of the table: until autovacuum samples it again the
    // planner would take 100,000 members for none and sort a subtree for every page of a list.
    await analyzeTable(db, claimed.kind === 'members' ? 'members' : 'orgs');
  } catch (error) {
    if (error instanceof Superseded) return;
    const known = error instanceof AppError || error instanceof HeaderRefused;
    await finishImport(
      db,
      importId,
      'failed',
      known ? error.message : 'Загрузка прервана из-за внутренней ошибки. Загрузите файл ещё раз',
    );
    if (!known) throw error;
  }
}

type Claimed = NonNullable<Awaited<ReturnType<typeof claimImport>>>;

async function runClaimed(
  { db, jobs }: { db: Kysely<Database>; jobs: Jobs },
  settings: ImportSettings,
  claimed: Claimed,
) {
  const actor = await actorOfUser(db, claimed.user_id);
  if (!actor) throw new AppError('forbidden', 'Пользователь, начавший загрузку, отключён');
  const kind = claimed.kind;
  const scope = await getOrgPlacement(db, claimed.org_id);
  authorize(actor, kind === 'members' ? 'member:create' : 'org:create', scope);
  const ctx: StaffCtx = { db, actor, ip: claimed.ip, jobs };
  const source = storedFile(db, claimed.id);
  const format = claimed.format;
  const rows = () => readRows(source, format);

  const header = await firstRow(rows());
  const map = mapHeaders(kind, header?.cells ?? [], scope.level === 'primary');
  const runner = kind === 'members' ? memberRunner(scope, map) : orgRunner(scope, map);
  const position = { pass: claimed.resume_pass, row: claimed.resume_row };

  // Members only count here; orgs also learn each row's depth, needed on every run.
  const total = await runner.prepare(rows(), () => heartbeat(db, claimed.id));
  if (claimed.total === null) {
    if (total > settings.maxRows) {
      throw new AppError(
        'invalid',
        `В файле больше ${settings.maxRows} строк: разделите его на части`,
      );
    }
    await inTransaction(ctx, async (tx) => {
      await setImportTotal(tx.db, claimed.id, total);
      await reportUnknownColumns(tx.db, claimed.id, map);
    });
  }

  for (let pass = position.pass; pass < runner.passes; pass++) {
    // The file is read ahead while a batch commits: parsing the next rows overlaps the
    // database's work on this batch (one batch in flight, so commits keep the file's order).
    let inFlight: Promise<void> = Promise.resolve();
    const commit = async (batch: FileRow[]) => {
      const last = batch[batch.length - 1] as FileRow;
      await commitBatch(ctx, claimed.id, position, pass, last.row, (tx) =>
        runner.apply(tx, pass, batch),
      );
      position.pass = pass;
      position.row = last.row;
      // PGlite runs in this thread and its queries resolve without touching the event loop:
      // without this, requests (the progress bar's among them) would wait for the whole file.
      await setImmediate();
    };
    const startCommit = async (batch: FileRow[]) => {
      await inFlight;
      inFlight = commit(batch);
      // Awaited before the next batch or at the end; until then a failure must not count as
      // unhandled.
      inFlight.catch(() => {});
    };
    let batch: FileRow[] = [];
    for await (const line of rows()) {
      if (line.row === 1) continue;
      if (pass === position.pass && line.row <= position.row) continue;
      if (isBlankRow(line.cells) || !runner.inPass(pass, line.row)) continue;
      batch.push(line);
      if (batch.length >= settings.batchRows) {
        await startCommit(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await startCommit(batch);
    await inFlight;
  }
}

async function commitBatch(
  ctx: StaffCtx,
  importId: string,
  from: { pass: number; row: number },
  pass: number,
  lastRow: number,
  apply: (tx: StaffCtx) => Promise<BatchResult>,
) {
  await inTransaction(ctx, async (tx) => {
    const at = await lockPosition(tx.db, importId);
    if (at?.status !== 'running' || at.resume_pass !== from.pass || at.resume_row !== from.row) {
      throw new Superseded();
    }
    const result = await apply(tx);
    await insertRejects(tx.db, importId, result.rejects);
    await advanceImport(tx.db, importId, {
      rows: result.rows,
      created: result.created,
      updated: result.updated,
      rejected: result.rejects.length,
      pass,
      row: lastRow,
    });
  });
}

/** Unknown columns are reported once, at the header row, and the import goes on without them. */
async function reportUnknownColumns(db: Kysely<Database>, importId: string, map: HeaderMap) {
  if (map.unknown.length === 0) return;
  await insertRejects(db, importId, [
    {
      row: 1,
      cells: {},
      errors: map.unknown.map((column) => ({ column, message: 'Неизвестный столбец: пропущен' })),
    },
  ]);
}
