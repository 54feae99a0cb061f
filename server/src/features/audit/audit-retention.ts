import { createWriteStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { startPeriodic } from '../../lib/periodic.js';
import { recordAudit } from './audit.service.js';

// The audit log's growth: a partition per month (migration 0025), the next months made ahead,
// and a month older than AUDIT_RETENTION_MONTHS exported to `audit-YYYY-MM.jsonl.gz` in
// AUDIT_ARCHIVE_DIR (written whole, its rows counted against the partition's) before its
// partition is dropped: the only way anything leaves the log. Run by the workers at start and
// every 6 hours; on PostgreSQL an advisory lock lets one server at a time do it.

type Db = Kysely<Database>;
const PAGE = 5000;
const LOCK = 2_101_025; // the advisory lock of this step
const PARTITION = /^audit_log_m(\d{4})_(\d{2})$/;

export interface AuditRetention {
  months: number;
  dir: string;
}

const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1));

/** This month's partition and the next three exist (a row never waits for one). */
export async function ensureAuditMonths(db: Db, now: Date) {
  const month = monthStart(now.getUTCFullYear(), now.getUTCMonth()).toISOString().slice(0, 10);
  await sql`select audit_log_ensure_month(m::date) from generate_series(
    ${month}::date, ${month}::date + interval '3 months', interval '1 month') m`.execute(db);
}

async function partitions(db: Db) {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'audit_log'::regclass order by c.relname`.execute(db);
  return rows.flatMap(({ name }) => {
    const match = PARTITION.exec(name);
    return match ? [{ name, year: Number(match[1]), month: Number(match[2]) }] : [];
  });
}

async function exportPartition(db: Db, name: string, file: string) {
  const part = `${file}.part`;
  let written = 0;
  async function* lines() {
    let after = '0';
    for (;;) {
      const { rows } = await sql<{ id: string; line: string }>`
        select id::text, row_to_json(a)::text as line from ${sql.table(name)} a
        where id > ${after}::bigint order by id limit ${PAGE}`.execute(db);
      for (const row of rows) yield `${row.line}\n`;
      written += rows.length;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]?.id ?? after;
    }
  }
  await pipeline(lines, createGzip(), createWriteStream(part, { flush: true }));
  await rename(part, file);
  return written;
}

/** Each expired month: exported whole, then its partition dropped. Returns what left. */
export async function archiveExpiredAudit(db: Db, retention: AuditRetention, now: Date) {
  const cutoff = monthStart(now.getUTCFullYear(), now.getUTCMonth() - retention.months);
  const expired = (await partitions(db)).filter(
    (p) => monthStart(p.year, p.month) <= cutoff, // its last day is before the cutoff month
  );
  const archived: { month: string; rows: number; file: string }[] = [];
  if (expired.length === 0) return archived;
  await mkdir(retention.dir, { recursive: true });
  for (const partition of expired) {
    const month = `${partition.year}-${String(partition.month).padStart(2, '0')}`;
    const file = path.join(retention.dir, `audit-${month}.jsonl.gz`);
    const rows = await exportPartition(db, partition.name, file);
    await db.transaction().execute(async (trx) => {
      const { rows: counted } = await sql<{ count: string }>`
        select count(*)::text as count from ${sql.table(partition.name)}`.execute(trx);
      // A row written meanwhile (a wrong clock) would be lost: export again next time.
      if (Number(counted[0]?.count) !== rows) throw new Error(`${partition.name}: rows changed`);
      await sql`drop table ${sql.table(partition.name)}`.execute(trx);
      await recordAudit(
        { db: trx, actor: { kind: 'system', job: 'audit-retention' }, ip: null },
        {
          action: 'audit.archive',
          target: { type: 'audit', id: month },
          details: { rows, file: path.basename(file) },
        },
      );
    });
    archived.push({ month, rows, file });
  }
  return archived;
}

/** The step: partitions ahead, expired months archived, a non-empty default reported. */
export async function auditRetentionStep(db: Db, retention: AuditRetention, now: Date) {
  const locked = await db.connection().execute(async (conn) => {
    const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${LOCK}) as ok`.execute(
      conn,
    );
    if (!rows[0]?.ok) return null;
    try {
      await ensureAuditMonths(conn, now);
      const archived = await archiveExpiredAudit(conn, retention, now);
      const { rows: stray } = await sql<{ n: string }>`
        select count(*)::text as n from audit_log_default`.execute(conn);
      return { archived, stray: Number(stray[0]?.n ?? 0) };
    } finally {
      await sql`select pg_advisory_unlock(${LOCK})`.execute(conn);
    }
  });
  return locked;
}

export async function startAuditRetention(
  db: Db,
  retention: AuditRetention,
  log: {
    error(object: unknown, message: string): void;
    warn(object: unknown, message: string): void;
    info(object: unknown, message: string): void;
  },
) {
  const step = async () => {
    const done = await auditRetentionStep(db, retention, new Date());
    for (const month of done?.archived ?? []) log.info(month, 'audit month archived');
    if (done?.stray) log.warn({ rows: done.stray }, 'audit rows outside any month partition');
  };
  return startPeriodic(step, 6 * 60 * 60 * 1000, (error) =>
    log.error({ err: error }, 'audit retention step failed'),
  );
}
