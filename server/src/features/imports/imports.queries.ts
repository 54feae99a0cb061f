import type { ImportKind, SpreadsheetFormat } from '@profreestr/contracts';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { subtreeUpperBound } from '../../lib/tree-path.js';

type Db = Kysely<Database>;

export async function insertImport(
  db: Db,
  row: {
    kind: ImportKind;
    orgId: string;
    userId: string;
    ip: string | null;
    fileName: string;
    format: SpreadsheetFormat;
    fileSize: number;
  },
): Promise<string> {
  const { id } = await db
    .insertInto('imports')
    .values({
      kind: row.kind,
      org_id: row.orgId,
      user_id: row.userId,
      ip: row.ip,
      file_name: row.fileName,
      format: row.format,
      file_size: row.fileSize,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertFileChunk(db: Db, importId: string, seq: number, data: Uint8Array) {
  await db.insertInto('import_files').values({ import_id: importId, seq, data }).execute();
}

export async function findFileChunk(db: Db, importId: string, seq: number) {
  const row = await db
    .selectFrom('import_files')
    .select('data')
    .where('import_id', '=', importId)
    .where('seq', '=', seq)
    .executeTakeFirst();
  return row?.data;
}

export async function deleteFile(db: Db, importId: string) {
  await db.deleteFrom('import_files').where('import_id', '=', importId).execute();
}

const importColumns = [
  'imports.id',
  'imports.kind',
  'imports.org_id',
  'imports.user_id',
  'imports.ip',
  'imports.file_name',
  'imports.format',
  'imports.status',
  'imports.total',
  'imports.processed',
  'imports.created',
  'imports.updated',
  'imports.rejected',
  'imports.resume_pass',
  'imports.resume_row',
  'imports.message',
  'imports.created_at',
  'imports.finished_at',
  'orgs.path',
  'users.full_name as user_full_name',
] as const;

function selectImports(db: Db) {
  return db
    .selectFrom('imports')
    .innerJoin('orgs', 'orgs.id', 'imports.org_id')
    .innerJoin('users', 'users.id', 'imports.user_id')
    .select(importColumns);
}

export function findImport(db: Db, id: string) {
  return selectImports(db).where('imports.id', '=', id).executeTakeFirst();
}

export type ImportRecord = NonNullable<Awaited<ReturnType<typeof findImport>>>;

export function findImportsInSubtree(
  db: Db,
  scopePath: string,
  beforeId: string | undefined,
  limit: number,
) {
  let query = selectImports(db)
    .where('orgs.path', '>=', scopePath)
    .where('orgs.path', '<', subtreeUpperBound(scopePath));
  if (beforeId) query = query.where('imports.id', '<', beforeId);
  return query.orderBy('imports.id', 'desc').limit(limit).execute();
}

const stale = (seconds: number) =>
  sql<boolean>`coalesce(heartbeat_at, created_at) < now() - make_interval(secs => ${seconds})`;

/**
 * Takes a queued import, or a running one whose runner has gone quiet (a crash), to run.
 * Null when it is finished, gone, or alive in another runner.
 */
export function claimImport(db: Db, id: string, staleSeconds: number) {
  return db
    .updateTable('imports')
    .set({
      status: 'running',
      started_at: sql`coalesce(started_at, now())`,
      heartbeat_at: sql`now()`,
    })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'queued'),
        eb.and([eb('status', '=', 'running'), stale(staleSeconds)]),
      ]),
    )
    .returning([
      'id',
      'kind',
      'org_id',
      'user_id',
      'ip',
      'format',
      'resume_pass',
      'resume_row',
      'total',
    ])
    .executeTakeFirst();
}

/** The import's position, locked: the batch commits only from where this run expects it. */
export function lockPosition(db: Db, id: string) {
  return db
    .selectFrom('imports')
    .select(['status', 'resume_pass', 'resume_row'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function advanceImport(
  db: Db,
  id: string,
  step: {
    rows: number;
    created: number;
    updated: number;
    rejected: number;
    pass: number;
    row: number;
  },
) {
  await db
    .updateTable('imports')
    .set((eb) => ({
      processed: eb('processed', '+', step.rows),
      created: eb('created', '+', step.created),
      updated: eb('updated', '+', step.updated),
      rejected: eb('rejected', '+', step.rejected),
      resume_pass: step.pass,
      resume_row: step.row,
      heartbeat_at: sql`now()`,
    }))
    .where('id', '=', id)
    .execute();
}

export async function heartbeat(db: Db, id: string) {
  await db.updateTable('imports').set({ heartbeat_at: sql`now()` }).where('id', '=', id).execute();
}

export async function setImportTotal(db: Db, id: string, total: number) {
  await db
    .updateTable('imports')
    .set({ total, heartbeat_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function finishImport(
  db: Db,
  id: string,
  status: 'done' | 'failed',
  message: string | null,
) {
  await db
    .updateTable('imports')
    .set({ status, message, finished_at: sql`now()`, heartbeat_at: null })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

/** Fresh planner statistics for the table an import filled (see runImport). */
export async function analyzeTable(db: Db, table: 'members' | 'orgs') {
  await sql`analyze ${sql.table(table)}`.execute(db);
}

export async function insertRejects(
  db: Db,
  importId: string,
  rejects: readonly { row: number; cells: unknown; errors: unknown }[],
) {
  if (rejects.length === 0) return;
  await db
    .insertInto('import_rejects')
    .values(
      rejects.map((r) => ({
        import_id: importId,
        row_number: r.row,
        cells: JSON.stringify(r.cells),
        errors: JSON.stringify(r.errors),
      })),
    )
    // A resumed run may meet a row again whose report is already kept.
    .onConflict((oc) => oc.columns(['import_id', 'row_number']).doNothing())
    .execute();
}

export function findRejects(db: Db, importId: string, afterRow: number, limit: number) {
  return db
    .selectFrom('import_rejects')
    .select(['row_number', 'cells', 'errors'])
    .where('import_id', '=', importId)
    .where('row_number', '>', afterRow)
    .orderBy('row_number')
    .limit(limit)
    .execute();
}

/** Imports that should be running but whose runner has not been heard of for a while. */
export async function findStalledImports(db: Db, staleSeconds: number) {
  const rows = await db
    .selectFrom('imports')
    .select('id')
    .where('status', 'in', ['queued', 'running'])
    .where(stale(staleSeconds))
    .execute();
  return rows.map((r) => r.id);
}

/** Imports queued or running, with their progress (rows done of the file's total). */
export function findImportsInProgress(db: Db) {
  return db
    .selectFrom('imports')
    .select(['id', 'kind', 'status', 'total', 'processed'])
    .where('status', 'in', ['queued', 'running'])
    .orderBy('id')
    .limit(100)
    .execute();
}
