import type { Import } from '@profreestr/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './e2e-api.js';
import { E2E_ADMIN_PASSWORD, type RunningServer, startServer } from './e2e-server.js';
import { setUpRegion } from './members-file.js';
import { clusterTestsRun, type PgCluster, startCluster } from './pg-cluster.js';
import { waitFor } from './wait.js';

// A report campaign's reports are made by a job, 2,000 per transaction. The server running it
// is killed (SIGKILL) after the first batch has committed. Its job stops beating; another
// server's pg-boss supervisor hands it on within JOB_STALL_SECONDS, and that server makes the
// rest: one report per primary, none twice, the campaign open.

const runs = clusterTestsRun('campaign-crash');

const PRIMARIES = 4_200;
const STALL_SECONDS = 6;

/** An orgs file: PRIMARIES invented primaries under the region `R`. */
function primariesCsv(): string {
  const lines = ['Код;Код вышестоящей;Уровень;Полное наименование'];
  for (let i = 0; i < PRIMARIES; i++) lines.push(`S-${i};R;первичная;ППО школы № ${i + 1}`);
  return lines.join('\r\n');
}

describe.runIf(runs)('a server killed mid-campaign', () => {
  let cluster: PgCluster;
  const servers: RunningServer[] = [];
  beforeAll(async () => {
    cluster = await startCluster('prf');
  }, 120_000);
  afterAll(async () => {
    for (const server of servers) await server.kill();
    await cluster?.destroy();
  });

  it('another server makes the rest of the reports: each primary exactly once', {
    timeout: 300_000,
  }, async () => {
    const env = {
      DATABASE_URL: cluster.url('prf'),
      DATA_DIR: '',
      JOB_STALL_SECONDS: String(STALL_SECONDS),
      // The test polls every 50 ms, past a session's usual budget.
      API_RATE_LIMIT_PER_MINUTE: '100000',
    };
    const first = await startServer(env);
    servers.push(first);
    const { admin, regionId } = await setUpRegion(first);
    const { id: importId } = await admin.upload<{ id: string }>(
      '/imports',
      { kind: 'orgs', orgId: regionId },
      { name: 'orgs.csv', content: primariesCsv() },
    );
    await waitFor(
      async () => (await admin.get<Import>(`/imports/${importId}`)).status === 'done',
      'the primaries imported',
      120_000,
    );
    const db = new pg.Client({ connectionString: cluster.url('prf') });
    await db.connect();
    try {
      // The database is made slow to write reports (5 ms each), so the job is long enough to
      // be caught between its batches.
      await db.query(`create function e2e_slow_report() returns trigger language plpgsql as
        $$ begin perform pg_sleep(0.005); return new; end $$`);
      await db.query(`create trigger e2e_slow_report before insert on reports
        for each row execute function e2e_slow_report()`);

      type Campaign = { status: string; total: number; created: number };
      const campaign = await admin.post<{ id: string }>('/report-campaigns', {
        formCode: '5sp',
        asOf: '2026-01-01',
        deadline: '2027-03-01',
        under: regionId,
      });
      await waitFor(
        async () => (await admin.get<Campaign>(`/report-campaigns/${campaign.id}`)).created > 0,
        'the first batch of reports',
      );
      const second = await startServer(env);
      servers.push(second);
      const atKill = await admin.get<Campaign>(`/report-campaigns/${campaign.id}`);
      await first.kill();
      const killedAt = Date.now();
      expect(atKill.status).not.toBe('open');
      expect(atKill.created).toBeLessThan(atKill.total);

      const other = await apiSession(second.baseUrl, 'admin', E2E_ADMIN_PASSWORD);
      await waitFor(
        async () =>
          (await other.get<Campaign>(`/report-campaigns/${campaign.id}`)).status === 'open',
        'the campaign finished by the other server',
        180_000,
      );
      const seconds = (Date.now() - killedAt) / 1000;
      const done = await other.get<Campaign>(`/report-campaigns/${campaign.id}`);
      const { rows } = await db.query<{ reports: number; orgs: number; primaries: number }>(
        `select count(*)::int as reports, count(distinct org_id)::int as orgs,
           (select count(*)::int from orgs where level = 'primary' and parent_id = $2) as primaries
         from reports where campaign_id = $1`,
        [campaign.id, regionId],
      );
      console.info(
        `campaign crash: ${atKill.created} of ${atKill.total} reports made when the server was killed; finished ${seconds.toFixed(1)} s later by the other server`,
      );
      expect(rows[0]?.primaries).toBe(PRIMARIES + 3);
      expect(rows[0]).toMatchObject({ reports: PRIMARIES + 3, orgs: PRIMARIES + 3 });
      expect(done).toMatchObject({ total: PRIMARIES + 3, created: PRIMARIES + 3 });
      // Handed on by the heartbeat's stall window, not pg-boss's 15-minute expiry.
      expect(seconds).toBeLessThan(120);
    } finally {
      await db.end();
    }
  });
});
