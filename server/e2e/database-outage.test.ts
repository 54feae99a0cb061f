import type { Import } from '@profreestr/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './e2e-api.js';
import { E2E_ADMIN_PASSWORD, type RunningServer, startServer } from './e2e-server.js';
import { membersCsv, setUpRegion } from './members-file.js';
import { clusterTestsRun, type PgCluster, startCluster } from './pg-cluster.js';
import { waitFor } from './wait.js';

// PostgreSQL crashes (an immediate stop) and comes back while chairmen keep adding members:
// every request meanwhile gets 201 or 503 with Retry-After (never a 500, never a hang), the
// server reconnects by itself, and afterwards every acknowledged member is there with all that
// goes with it (audit entry, registration period, counts): nothing half-done.

const runs = clusterTestsRun('database-outage');

const IMPORT_ROWS = 600;

const LAST = ['Сбоева', 'Рестартова', 'Устойчивая', 'Надёжная'];
const FIRST = ['Анна', 'Вера', 'Зоя', 'Лидия', 'Нина'];

describe.runIf(runs)('a database outage under a write burst', () => {
  let cluster: PgCluster;
  let server: RunningServer;
  beforeAll(async () => {
    cluster = await startCluster('prf');
    server = await startServer({
      DATABASE_URL: cluster.url('prf'),
      DATA_DIR: '',
      IMPORT_BATCH_ROWS: '20',
      IMPORT_STALE_SECONDS: '2',
    });
  }, 120_000);
  afterAll(async () => {
    await server?.kill();
    await cluster?.destroy();
  });

  it('every acknowledged write survives a crash of PostgreSQL, the rest answer 503', {
    timeout: 180_000,
  }, async () => {
    const { regionId } = await setUpRegion(server);
    const admin = await apiSession(server.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
    const primaries = await admin.get<{ items: { id: string; code: string }[] }>(
      `/orgs/${regionId}/children`,
    );
    const orgId = primaries.items.find((o) => o.code === 'P-0')?.id as string;

    const acknowledged: string[] = [];
    const refusals: { status: number; retryAfter: string | null; message: string }[] = [];
    let next = 0;
    let restarted = false;
    let afterRestart = 0;
    let importedBeforeCrash = 0;
    const writer = async () => {
      while (!restarted || afterRestart < 40) {
        const i = next++;
        const day = new Date(Date.UTC(1965, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
        const response = await fetch(`${server.baseUrl}/api/v1/members`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: admin.cookie },
          body: JSON.stringify({
            orgId,
            lastName: LAST[i % LAST.length],
            firstName: FIRST[Math.floor(i / LAST.length) % FIRST.length],
            middleName: 'Тестовна',
            sex: 'female',
            birthDate: day,
            category: 'working',
          }),
          // Not a hang: an answer comes within the pool's wait for a connection and then some.
          signal: AbortSignal.timeout(20_000),
        });
        if (response.status === 201) {
          acknowledged.push(((await response.json()) as { id: string }).id);
          if (restarted) afterRestart++;
        } else {
          const body = (await response.json()) as { error: { message: string } };
          refusals.push({
            status: response.status,
            retryAfter: response.headers.get('retry-after'),
            message: body.error.message,
          });
        }
      }
    };
    const crash = async () => {
      while (acknowledged.length < 60) await new Promise((r) => setTimeout(r, 20));
      importedBeforeCrash = (await admin.get<Import>(`/imports/${importId}`)).processed;
      await cluster.stop('immediate');
      // Down for a moment: requests meanwhile find no database at all.
      await new Promise((r) => setTimeout(r, 1500));
      await cluster.start();
      restarted = true;
    };
    // An import runs through the outage as well, in batches of 20.
    const { id: importId } = await admin.upload<{ id: string }>(
      '/imports',
      { kind: 'members', orgId: regionId },
      { name: 'm.csv', content: membersCsv(IMPORT_ROWS) },
    );
    await Promise.all([writer(), writer(), writer(), crash()]).catch((error) => {
      console.error(`the server's last words:\n${server.output().slice(-5000)}`);
      throw error;
    });
    console.info(
      `database outage: ${acknowledged.length} members acknowledged, ${refusals.length} answered 503, ` +
        `the import at row ${importedBeforeCrash} of ${IMPORT_ROWS} when it began`,
    );
    expect(importedBeforeCrash).toBeLessThan(IMPORT_ROWS);

    expect(refusals.length).toBeGreaterThan(0);
    for (const refusal of refusals) {
      expect(refusal).toMatchObject({ status: 503, retryAfter: '5' });
      expect(refusal.message).toMatch(/База данных недоступна/);
    }
    expect(afterRestart).toBeGreaterThanOrEqual(40);
    expect((await fetch(`${server.baseUrl}/api/ready`)).status).toBe(200);

    const db = new pg.Client({ connectionString: cluster.url('prf') });
    await db.connect();
    try {
      const count = async (text: string, values: unknown[] = []) =>
        Number((await db.query(text, values)).rows[0].count);
      // Every acknowledged member is there; a request cut off at its commit may be there too.
      expect(
        await count('select count(*) from members where id = any($1::bigint[])', [acknowledged]),
      ).toBe(acknowledged.length);
      const onRecord = await count('select count(*) from members where org_id = $1', [orgId]);
      expect(onRecord).toBeGreaterThanOrEqual(acknowledged.length);
      expect(onRecord).toBeLessThanOrEqual(acknowledged.length + refusals.length);
      // Nothing half-done: each member with its audit entry and period, the counts exact.
      expect(
        await count(
          `select count(*) from members m where m.org_id = $1 and not exists (
             select 1 from audit_log a where a.target_type = 'member'
               and a.target_id = m.id::text and a.action = 'member.create')`,
          [orgId],
        ),
      ).toBe(0);
      expect(
        await count(
          `select count(*) from members m where m.org_id = $1 and not exists (
             select 1 from member_periods p where p.member_id = m.id)`,
          [orgId],
        ),
      ).toBe(0);
      const stats = await admin.get<{ members: { active: number } }>(`/orgs/${orgId}/stats`);
      expect(stats.members.active).toBe(onRecord);

      // The import carries on where it was: every row once, its report exact.
      await waitFor(
        async () => (await admin.get<Import>(`/imports/${importId}`)).status === 'done',
        'the import after the outage',
      );
      const report = await admin.get<Import>(`/imports/${importId}`);
      expect(report).toMatchObject({ total: IMPORT_ROWS, processed: IMPORT_ROWS });
      expect(report.created + report.rejected).toBe(IMPORT_ROWS);
      expect(
        await count(
          `select count(*) from members m join orgs o on o.id = m.org_id
           where o.code in ('P-0', 'P-1', 'P-2') and m.middle_name <> 'Тестовна'`,
        ),
      ).toBe(report.created);
    } finally {
      await db.end();
    }
  });
});
