import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase } from '../../test/test-database.js';
import { until } from '../../test/until.js';
import type { DatabaseHandle } from '../db/database.js';
import { defineJob, type JobRunner, startJobs } from './jobs.js';

// A running job's heartbeat keeps its expiry a stall window ahead: a killed server's job is
// handed on within that window (server/e2e/campaign-crash.test.ts), a live one never is.

const STALL_SECONDS = 3;
const slowJob = defineJob({
  name: 'test-slow',
  payload: z.object({ ms: z.number() }),
  retryLimit: 2,
  retryDelaySeconds: 1,
  retryBackoff: false,
});

describe('a running job beats', () => {
  let database: DatabaseHandle;
  let runner: JobRunner;
  beforeAll(async () => {
    database = await createTestDatabase();
    runner = await startJobs(database, [slowJob], (error) => console.error(error), STALL_SECONDS);
  });
  afterAll(async () => {
    await runner.stop();
    await database.close();
  });

  it('a job running past its stall window keeps a short expiry ahead and runs once', async () => {
    let runs = 0;
    let finished = false;
    await runner.work(slowJob, async ({ ms }) => {
      runs++;
      await sleep(ms);
      finished = true;
    });
    await runner.jobs.send(slowJob, { ms: (STALL_SECONDS + 4) * 1000 });
    const ahead = async () => {
      const { rows } = await sql<{ left: number }>`select extract(epoch from
          started_on + expire_in - now())::float8 as "left"
        from pgboss.job where name = 'test-slow' and state = 'active'`.execute(database.db);
      return rows[0]?.left;
    };
    // Within the stall window ahead, never the 6 hours a job may run in all.
    const first = await until(ahead, (left) => left !== undefined);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(STALL_SECONDS);
    await until(
      async () => finished,
      (done) => done,
      (STALL_SECONDS + 12) * 1000,
    );
    // Past the window and past the supervisor's runs (every 1–2 s): never failed, never run again.
    await sleep(STALL_SECONDS * 1000);
    const { rows } = await sql<{ state: string; retry_count: number }>`select state, retry_count
      from pgboss.job where name = 'test-slow'`.execute(database.db);
    expect(rows).toEqual([{ state: 'completed', retry_count: 0 }]);
    expect(runs).toBe(1);
  }, 30_000);
});
