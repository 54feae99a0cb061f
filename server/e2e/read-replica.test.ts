import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './e2e-api.js';
import { type RunningServer, startServer } from './e2e-server.js';
import { setUpRegion } from './members-file.js';
import { clusterTestsRun, type PgCluster, startCluster } from './pg-cluster.js';
import { waitFor } from './wait.js';

// A real streaming replica (pg_basebackup -R of a throw-away cluster): lists read from it, a
// session reads its own writes from the primary, a replica held behind past the limit is
// skipped, and a stopped one leaves reads to the primary without a failed request.

const runs = clusterTestsRun('read-replica');

const MAX_LAG = 6;

describe.runIf(runs)('reads from a streaming replica', () => {
  let primary: PgCluster;
  let replica: PgCluster;
  let server: RunningServer;
  beforeAll(async () => {
    primary = await startCluster('prf');
    replica = await primary.replica();
    server = await startServer({
      DATABASE_URL: primary.url('prf'),
      DATABASE_READ_URL: replica.url('prf'),
      REPLICA_MAX_LAG_SECONDS: String(MAX_LAG),
      DATA_DIR: '',
    });
  }, 120_000);
  afterAll(async () => {
    await server?.kill();
    await replica?.destroy();
    await primary?.destroy();
  });

  it('lists come from the replica, a writer reads its own writes, a lagging or stopped replica is skipped', {
    timeout: 180_000,
  }, async () => {
    const { admin, regionId } = await setUpRegion(server);
    const primaries = await admin.get<{ items: { id: string; code: string }[] }>(
      `/orgs/${regionId}/children`,
    );
    const orgId = primaries.items.find((o) => o.code === 'P-0')?.id as string;
    await admin.post('/users', {
      login: 'reader',
      password: 'e2e-reader-password',
      role: 'viewer',
      orgId: regionId,
      fullName: 'Читающий Наблюдатель',
    });
    const reader = await apiSession(server.baseUrl, 'reader', 'e2e-reader-password');
    const names = async (session: typeof admin) =>
      (await session.get<{ items: { lastName: string }[] }>(`/members?under=${orgId}`)).items.map(
        (m) => m.lastName,
      );
    // The reader's sign-in was a write: its reads stay on the primary for 10 s.
    await new Promise((r) => setTimeout(r, 11_000));
    expect(await names(reader)).toEqual([]);

    const standby = new pg.Client({ connectionString: replica.url('prf') });
    await standby.connect();
    try {
      await standby.query('select pg_wal_replay_pause()');
      await admin.post('/members', {
        orgId,
        lastName: 'Свежезаписанная',
        firstName: 'Анна',
        middleName: 'Петровна',
        category: 'working',
      });
      // The replica has not replayed the new member: the reader, reading from it, does not see
      // it yet; the admin, who wrote it, reads from the primary and does.
      expect(await names(reader)).toEqual([]);
      expect(await names(admin)).toEqual(['Свежезаписанная']);
      // Held back past the limit, the replica is skipped: the reader gets the primary.
      const paused = Date.now();
      await waitFor(
        async () => (await names(reader)).length === 1,
        'reads leave the lagging replica',
      );
      expect(Date.now() - paused).toBeGreaterThanOrEqual(1000);
      const metrics = await (await fetch(`${server.baseUrl}/metrics`)).text();
      const lag = Number(/prf_replica_lag_seconds\{replica="1"\} ([\d.]+)/.exec(metrics)?.[1]);
      expect(lag).toBeGreaterThan(MAX_LAG);
      await standby.query('select pg_wal_replay_resume()');
    } finally {
      await standby.end();
    }

    // Stopped: not one failed request, the primary answers.
    await replica.stop('immediate');
    for (let i = 0; i < 5; i++) expect(await names(reader)).toEqual(['Свежезаписанная']);
    await waitFor(
      async () =>
        /prf_replica_lag_seconds\{replica="1"\} -1/.test(
          await (await fetch(`${server.baseUrl}/metrics`)).text(),
        ),
      'the replica marked down',
      10_000,
    );
  });
});
