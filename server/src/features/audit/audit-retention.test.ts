import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { archiveExpiredAudit, auditRetentionStep } from './audit-retention.js';

// The audit log by month: a month past its retention leaves only as a file of all its rows,
// then its partition is dropped; rows stay append-only in every partition.

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  dir = await mkdtemp(path.join(tmpdir(), 'prf-audit-archive-'));
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const now = new Date('2026-12-03T10:00:00Z');
const count = async (text: string) =>
  Number(((await t.database.query(text)) as { n: string }[])[0]?.n);

describe('audit retention', () => {
  it('a month older than the retention is written to a gzipped file, row for row, then dropped', async () => {
    await sql`select audit_log_ensure_month('2019-05-01'::date)`.execute(t.database.db);
    await t.database.query(
      `insert into audit_log (at, actor_kind, actor_login, action, target_type, target_id, result)
       select '2019-05-10T12:00:00Z'::timestamptz + n * interval '1 hour', 'staff', 'old-admin',
         'member.read', 'member', n::text, 'ok'
       from generate_series(1, 7) n`,
    );
    const ids = (
      (await t.database.query(
        `select id::text from audit_log where at < '2019-06-01' order by id`,
      )) as { id: string }[]
    ).map((r) => r.id);
    expect(ids).toHaveLength(7);
    const recent = await count(`select count(*) as n from audit_log where at >= '2026-01-01'`);

    const archived = await archiveExpiredAudit(t.database.db, { months: 60, dir }, now);
    expect(archived.map(({ month, rows }) => ({ month, rows }))).toEqual([
      { month: '2019-05', rows: 7 },
    ]);
    const lines = gunzipSync(await readFile(path.join(dir, 'audit-2019-05.jsonl.gz')))
      .toString('utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: number; action: string; actor_login: string });
    expect(lines.map((l) => String(l.id))).toEqual(ids);
    expect(lines[0]).toMatchObject({ action: 'member.read', actor_login: 'old-admin' });

    expect(await count(`select count(*) as n from audit_log where at < '2019-06-01'`)).toBe(0);
    expect(
      await count(`select count(*) as n from pg_class where relname = 'audit_log_m2019_05'`),
    ).toBe(0);
    // Newer months untouched; the archiving itself is on record.
    expect(
      await count(
        `select count(*) as n from audit_log where at >= '2026-01-01' and action <> 'audit.archive'`,
      ),
    ).toBe(recent);
    expect(
      await count(
        `select count(*) as n from audit_log where action = 'audit.archive' and target_id = '2019-05'`,
      ),
    ).toBe(1);
    // Nothing more to do the next time.
    expect(await archiveExpiredAudit(t.database.db, { months: 60, dir }, now)).toEqual([]);
  });

  it('the step makes the coming months ahead, and a row still cannot be deleted from its month', async () => {
    const done = await auditRetentionStep(t.database.db, { months: 60, dir }, now);
    expect(done).toMatchObject({ archived: [], stray: 0 });
    for (const month of ['2026_12', '2027_01', '2027_02', '2027_03']) {
      expect(
        await count(`select count(*) as n from pg_class where relname = 'audit_log_m${month}'`),
      ).toBe(1);
    }
    const [row] = (await t.database.query(`select id::text, at from audit_log limit 1`)) as {
      id: string;
    }[];
    await expect(t.database.query(`delete from audit_log where id = ${row?.id}`)).rejects.toThrow(
      /append-only/,
    );
  });
});
