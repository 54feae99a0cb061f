import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { buildApp } from '../app.js';
import type { DatabaseHandle } from '../db/database.js';
import type { StaffCtx } from '../lib/context.js';
import { type Measured, measure } from './bench-kit.js';

/**
 * The card read over HTTP: the app listening on loopback exactly as in production (session
 * cookie, validation, serialisation, audit), one request at a time and under load.
 */
export async function benchHttp(env: {
  database: DatabaseHandle;
  ctx: StaffCtx;
  seconds: number;
}): Promise<{ rows: Measured[]; load: string | null }> {
  const { query } = env.database;
  const ids = (
    (await query('select id from members order by md5(id::text) limit 1000')) as {
      id: string;
    }[]
  ).map((r) => String(r.id));
  if (ids.length === 0) return { rows: [], load: null };
  const password = process.env.BENCH_ADMIN_PASSWORD ?? process.env.ADMIN_PASSWORD;
  if (!password) {
    return {
      rows: [],
      load: 'HTTP: задайте ADMIN_PASSWORD (пароль admin), чтобы измерить чтение карточки по HTTP',
    };
  }
  const server = await startServer(env.database);
  const base = server.base;
  try {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password }),
    });
    if (!login.ok) return { rows: [], load: `HTTP: вход admin не удался (${login.status})` };
    if (((await login.clone().json()) as { mfa?: string }).mfa) {
      return { rows: [], load: 'HTTP: вход admin ждёт второго фактора (MFA_REQUIRED_ROLES)' };
    }
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const row = await measure('member card read, HTTP', 300, async (i) => {
      const response = await fetch(`${base}/api/v1/members/${ids[i % ids.length]}`, {
        headers: { cookie },
      });
      await response.arrayBuffer();
    });
    let next = 0;
    const result = await autocannon({
      url: base,
      connections: 10,
      duration: env.seconds,
      headers: { cookie },
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => ({
            ...request,
            path: `/api/v1/members/${ids[next++ % ids.length]}`,
          }),
        },
      ],
    });
    const load =
      `HTTP load, GET /api/v1/members/:id, autocannon 10 connections ${env.seconds} s: ` +
      `${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, ` +
      `p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx, ${result.errors} errors`;
    return { rows: [row], load };
  } finally {
    await server.stop();
  }
}

/**
 * On PostgreSQL the server runs in a process of its own, as in production, so the load
 * generator does not share its thread. PGlite lives inside one process: there the app runs
 * in the bench process itself, and the load figures are lower for it.
 */
export async function startServer(database: DatabaseHandle, extraEnv: Record<string, string> = {}) {
  if (database.kind === 'postgres' && process.env.DATABASE_URL) {
    const port = 3000 + Math.floor(Math.random() * 20000);
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'server/src/main.ts'],
      {
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          // As below: the bench measures reads, not the second factor or the request budget.
          MFA_REQUIRED_ROLES: '',
          API_RATE_LIMIT_PER_MINUTE: String(Number.MAX_SAFE_INTEGER),
          ...extraEnv,
        },
        stdio: 'ignore',
      },
    );
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        if (i > 300) throw new Error('bench server did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return {
      base,
      pid: child.pid,
      stop: async () => {
        child.kill('SIGTERM');
        await once(child, 'exit');
      },
    };
  }
  // Measures reads, not sign-in: no second factor, no request budget.
  const app = await buildApp({
    database,
    security: { mfaRequiredRoles: [], apiRequestsPerMinute: Number.MAX_SAFE_INTEGER },
    ...(extraEnv.PARTNER_REQUESTS_PER_SECOND
      ? { bonus: { partnerRequestsPerSecond: Number(extraEnv.PARTNER_REQUESTS_PER_SECOND) } }
      : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    pid: process.pid,
    stop: () => app.close(),
  };
}
