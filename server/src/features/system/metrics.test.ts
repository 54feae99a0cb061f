import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.js';
import { buildApp } from '../../app.js';
import type { DatabaseHandle } from '../../db/database.js';
import type { App } from '../../lib/http.js';
import { ensureFirstStart } from './first-start.js';

// What a load balancer and Prometheus see: alive, ready, and the metrics to the loopback or
// the token holder alone.

const TOKEN = 'metrics-token-for-tests-0123456789';
let database: DatabaseHandle;
let app: App;
beforeAll(async () => {
  database = await createTestDatabase();
  await ensureFirstStart(database, 'admin-test-password');
  app = await buildApp({ database, security: { mfaRequiredRoles: [] }, metricsToken: TOKEN });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const scrape = (options: { remoteAddress?: string; headers?: Record<string, string> } = {}) =>
  app.inject({ method: 'GET', url: '/metrics', ...options });

describe('health, readiness and metrics', () => {
  it('/api/ready answers ready once the database answers and every migration has run', async () => {
    const ready = await app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('/api/ready is 503 with Retry-After while the database lacks a migration of this build', async () => {
    const { rows } = await sql<{ name: string; timestamp: string }>`
      delete from kysely_migration
      where name = (select max(name) from kysely_migration) returning name, timestamp`.execute(
      database.db,
    );
    try {
      const response = await app.inject({ method: 'GET', url: '/api/ready' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json().error).toMatchObject({ code: 'unavailable' });
      expect(response.json().error.message).toMatch(/не обновлена/);
      // Alive all the same: the balancer should wait, not restart it.
      expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      const [row] = rows;
      await sql`insert into kysely_migration (name, timestamp)
        values (${row?.name}, ${row?.timestamp})`.execute(database.db);
    }
  });

  it('/metrics from the loopback gives request durations by route and status, the outbox and the jobs', async () => {
    await app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    const response = await scrape();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.body;
    expect(text).toMatch(
      /prf_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/auth\/me",status="401"\} 1/,
    );
    expect(text).toMatch(/prf_outbox_letters\{status="queued"\} \d+/);
    expect(text).toMatch(/prf_outbox_letters\{status="sending"\} \d+/);
    expect(text).toMatch(/# TYPE prf_jobs gauge/);
    expect(text).toMatch(/# TYPE prf_import_rows gauge/);
    expect(text).toMatch(/prf_process_cpu_seconds_total/);
  });

  it('/metrics is 404 from another host without the token, and through a proxy on the loopback', async () => {
    expect((await scrape({ remoteAddress: '10.1.2.3' })).statusCode).toBe(404);
    expect((await scrape({ headers: { 'x-forwarded-for': '203.0.113.9' } })).statusCode).toBe(404);
    const wrong = await scrape({
      remoteAddress: '10.1.2.3',
      headers: { authorization: 'Bearer not-the-metrics-token-at-all-000' },
    });
    expect(wrong.statusCode).toBe(404);
    const right = await scrape({
      remoteAddress: '10.1.2.3',
      headers: { authorization: `Bearer ${TOKEN}`, 'x-forwarded-for': '203.0.113.9' },
    });
    expect(right.statusCode).toBe(200);
    expect(right.body).toMatch(/prf_http_request_duration_seconds/);
  });
});
