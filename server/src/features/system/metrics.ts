import type { FastifyRequest } from 'fastify';
import client from 'prom-client';
import type { DatabaseHandle } from '../../db/database.js';
import { notFound } from '../../lib/app-error.js';
import { type App, anyone } from '../../lib/http.js';
import type { JobRunner } from '../../lib/jobs.js';
import { importsInProgress } from '../imports/imports.service.js';
import { tokenMatches } from '../mail/mail.service.js';
import { waitingLetters } from '../mail/mail-delivery.js';

// Prometheus metrics at /metrics: request durations by route and status, the pool, the job
// queues, the outbox and imports in progress. The queue, outbox and import figures are read
// from PostgreSQL at each scrape, so every server reports the same figures (take the max
// across instances, never the sum). Reachable with METRICS_TOKEN, or from the loopback when
// no proxy stands between: a request that came through one (X-Forwarded-For) needs the token.

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function mayScrape(request: FastifyRequest, token: string | undefined) {
  const bearer = /^Bearer +(\S+)$/i.exec(request.headers.authorization?.trim() ?? '')?.[1];
  if (token && bearer) return tokenMatches(bearer, token);
  return (
    LOOPBACK.has(request.socket.remoteAddress ?? '') &&
    request.headers['x-forwarded-for'] === undefined
  );
}

export function registerMetrics(
  app: App,
  database: DatabaseHandle,
  jobs: Pick<JobRunner, 'depths'>,
  token: string | undefined,
) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'prf_' });
  const durations = new client.Histogram({
    name: 'prf_http_request_duration_seconds',
    help: 'Время ответа на запрос, по маршруту и статусу',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route's pattern, never the path (ids would make a series per record).
    const route = request.routeOptions.url ?? 'unmatched';
    durations.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  new client.Gauge({
    name: 'prf_db_pool_connections',
    help: 'Соединения пула PostgreSQL: всего, свободные, ожидающие запросы',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const use = database.poolUse();
      if (!use) return;
      this.set({ state: 'total' }, use.total);
      this.set({ state: 'idle' }, use.idle);
      this.set({ state: 'waiting' }, use.waiting);
    },
  });
  new client.Gauge({
    name: 'prf_replica_lag_seconds',
    help: 'Отставание реплики для чтения по последней проверке (-1: не отвечает)',
    labelNames: ['replica'],
    registers: [registry],
    collect() {
      database.replicas?.replicas.forEach((replica, index) => {
        this.set({ replica: String(index + 1) }, replica.lagSeconds ?? -1);
      });
    },
  });
  new client.Gauge({
    name: 'prf_jobs',
    help: 'Задания в очереди (waiting) и выполняемые (active), по заданию',
    labelNames: ['job', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await jobs.depths())
        this.set({ job: row.name, state: row.state }, row.count);
    },
  });
  new client.Gauge({
    name: 'prf_outbox_letters',
    help: 'Письма в очереди на отправку (queued) и у отправителя (sending)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await waitingLetters(database.db))
        this.set({ status: row.status }, row.count);
    },
  });
  new client.Gauge({
    name: 'prf_import_rows',
    help: 'Строки загрузок в работе: обработано (processed) и всего в файле (total)',
    labelNames: ['import', 'kind', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await importsInProgress(database.db)) {
        const labels = { import: row.id, kind: row.kind };
        this.set({ ...labels, state: 'processed' }, row.processed);
        if (row.total !== null) this.set({ ...labels, state: 'total' }, row.total);
      }
    },
  });

  app.get(
    '/metrics',
    { config: { callers: anyone }, schema: { hide: true } },
    async (request, reply) => {
      if (!mayScrape(request, token)) throw notFound();
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
}
