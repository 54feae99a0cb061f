import fastifyCookie from '@fastify/cookie';
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
import type { DatabaseHandle } from './db/database.js';
import { registerAuthentication, registerAuthRoutes } from './features/auth/auth.routes.js';
import { registerMemberRoutes } from './features/members/members.routes.js';
import { registerOrgPartRoutes } from './features/orgs/org-parts.routes.js';
import { registerOrgRoutes } from './features/orgs/orgs.routes.js';
import { registerStatsRoutes } from './features/stats/stats.routes.js';
import { registerSystemRoutes } from './features/system/system.routes.js';
import { registerUserRoutes } from './features/users/users.routes.js';
import { handleError } from './lib/error-handler.js';
import type { App } from './lib/http.js';
import { registerWebApp } from './lib/web-app.js';

// Validation messages users see are Russian.
z.config(z.locales.ru());

export interface AppOptions {
  database: DatabaseHandle;
  logger?: FastifyServerOptions['logger'];
  trustProxy?: boolean;
  webDistDir?: string | undefined;
}

/** Explicit wiring of every feature: nothing is discovered at run time. */
export async function buildApp(options: AppOptions): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  await app.register(fastifyCookie);
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
  registerAuthentication(app, db);
  registerSystemRoutes(app, options.database);
  registerAuthRoutes(app, db);
  registerUserRoutes(app, db);
  registerOrgRoutes(app, db);
  registerOrgPartRoutes(app, db);
  registerMemberRoutes(app, db);
  registerStatsRoutes(app, db);
  await registerWebApp(app, options.webDistDir);

  await app.ready();
  return app;
}
