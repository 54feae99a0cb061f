import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  defaultImportConfig,
  defaultSecurityConfig,
  type ImportConfig,
  type SecurityConfig,
} from './config.js';
import type { DatabaseHandle } from './db/database.js';
import { registerAuditRoutes, registerDenialAudit } from './features/audit/audit.routes.js';
import { registerAuthentication, registerAuthRoutes } from './features/auth/auth.routes.js';
import { registerCompletenessRoutes } from './features/completeness/completeness.routes.js';
import { startStatsDaily } from './features/completeness/completeness.worker.js';
import { registerExportRoutes } from './features/exports/exports.routes.js';
import { defaultZipLimits } from './features/imports/file-guard.js';
import { registerImportRoutes } from './features/imports/imports.routes.js';
import { IMPORT_QUEUE } from './features/imports/imports.service.js';
import { startImportWorker } from './features/imports/imports.worker.js';
import { registerMemberRoutes } from './features/members/members.routes.js';
import { registerOrgPartRoutes } from './features/orgs/org-parts.routes.js';
import { registerOrgRoutes } from './features/orgs/orgs.routes.js';
import { registerStatsRoutes } from './features/stats/stats.routes.js';
import { registerSystemRoutes } from './features/system/system.routes.js';
import { registerUserRoutes } from './features/users/users.routes.js';
import { handleError } from './lib/error-handler.js';
import type { App, RouteEntry } from './lib/http.js';
import { registerHttpHardening } from './lib/http-hardening.js';
import { registerInputGuard } from './lib/input-guard.js';
import { startJobs } from './lib/jobs.js';
import { registerWebApp } from './lib/web-app.js';

// Validation messages users see are Russian.
z.config(z.locales.ru());

export interface AppOptions {
  database: DatabaseHandle;
  logger?: FastifyServerOptions['logger'];
  trustProxy?: boolean;
  webDistDir?: string | undefined;
  imports?: Partial<ImportConfig>;
  security?: Partial<SecurityConfig>;
}

/** Explicit wiring of every feature: nothing is discovered at run time. */
export async function buildApp(options: AppOptions): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  // Every route as registered, for the authorization matrix test (a route without an entry
  // there fails it).
  const routeTable: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        routeTable.push({ method, url: route.url, public: !!route.config?.public });
    }
  });
  app.decorate('routeTable', routeTable);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  registerInputGuard(app);

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Профреестр API',
        description: 'Реестр организаций и членов Общероссийского Профсоюза образования',
        version: '1.0.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, () =>
    app.swagger(),
  );

  const { db } = options.database;
  const security = { ...defaultSecurityConfig, ...options.security };
  registerHttpHardening(app);
  registerAuthentication(app, db, security);
  registerDenialAudit(app, db);
  registerSystemRoutes(app, options.database);
  registerAuthRoutes(app, db, security);
  registerUserRoutes(app, db);
  registerAuditRoutes(app, db);
  registerOrgRoutes(app, db);
  registerOrgPartRoutes(app, db);
  registerMemberRoutes(app, db);
  registerStatsRoutes(app, db);
  registerCompletenessRoutes(app, db);
  registerExportRoutes(app, db);

  const imports = { ...defaultImportConfig, ...options.imports };
  const jobs = await startJobs(options.database, [IMPORT_QUEUE], (error) =>
    app.log.error({ err: error }, 'job queue error'),
  );
  registerImportRoutes(app, db, jobs, { maxBytes: imports.maxBytes, zip: defaultZipLimits });
  const stopSweep = imports.worker
    ? await startImportWorker(db, jobs, imports, app.log)
    : () => undefined;
  // The worker process also takes the counts' daily step (under-35 ageing, trend snapshots).
  const stopDaily = imports.worker ? await startStatsDaily(db, app.log) : () => undefined;
  // Before the database closes: a running import finishes its batch or is resumed later.
  app.addHook('onClose', async () => {
    stopSweep();
    stopDaily();
    await jobs.stop();
  });
  await registerWebApp(app, options.webDistDir);

  await app.ready();
  return app;
}
