import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyReply, type FastifyServerOptions } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type AuditConfig,
  type BonusConfig,
  defaultAuditConfig,
  defaultBonusConfig,
  defaultImportConfig,
  defaultMailConfig,
  defaultSecurityConfig,
  type ImportConfig,
  type MailConfig,
  type SecurityConfig,
  type TrustProxy,
} from './config.js';
import type { DatabaseHandle } from './db/database.js';
import { registerDenialAudit } from './features/audit/audit.routes.js';
import {
  registerAuthentication,
  registerAuthRoutes,
  SESSION_COOKIE,
} from './features/auth/auth.routes.js';
import { registerBonusRoutes } from './features/bonus/bonus.routes.js';
import { registerPartnerApiRoutes } from './features/bonus/partner-api.routes.js';
import { partnerGate } from './features/bonus/partner-keys.js';
import { registerPartnerRoutes } from './features/bonus/partners.routes.js';
import { registerCabinetRoutes } from './features/cabinet/cabinet.routes.js';
import { registerCardRoutes } from './features/cards/cards.routes.js';
import { registerCompletenessRoutes } from './features/completeness/completeness.routes.js';
import { registerExportRoutes } from './features/exports/exports.routes.js';
import { defaultZipLimits } from './features/imports/file-guard.js';
import { registerImportRoutes } from './features/imports/imports.routes.js';
import { registerJoinRoutes } from './features/join/join.routes.js';
import { registerJournalRoutes } from './features/journal/journal.routes.js';
import { registerMailRoutes } from './features/mail/mail.routes.js';
import { configureLetters } from './features/mail/mail.service.js';
import { registerMailingRoutes } from './features/mail/mailings.routes.js';
import { registerMemberRoutes } from './features/members/members.routes.js';
import { registerOrgPartRoutes } from './features/orgs/org-parts.routes.js';
import { registerOrgRoutes } from './features/orgs/orgs.routes.js';
import { registerCampaignRoutes } from './features/reports/campaigns.routes.js';
import { registerReportRoutes } from './features/reports/reports.routes.js';
import { registerSocialSupportRoutes } from './features/social-support/social-support.routes.js';
import { registerStatsRoutes } from './features/stats/stats.routes.js';
import { registerSurveyRoutes } from './features/surveys/surveys.routes.js';
import { registerMetrics } from './features/system/metrics.js';
import { registerSystemRoutes } from './features/system/system.routes.js';
import { registerUserRoutes } from './features/users/users.routes.js';
import { unavailable } from './lib/app-error.js';
import { handleError } from './lib/error-handler.js';
import { registerEtags } from './lib/etag.js';
import type { App, RouteEntry } from './lib/http.js';
import { registerHttpHardening } from './lib/http-hardening.js';
import { registerInputGuard } from './lib/input-guard.js';
import { startJobs } from './lib/jobs.js';
import { registerOpenApi } from './lib/openapi.js';
import { registerWebApp } from './lib/web-app.js';
import { jobDefinitions, startWorkers } from './workers.js';

// Validation messages users see are Russian.
z.config(z.locales.ru());

export interface AppOptions {
  database: DatabaseHandle;
  logger?: FastifyServerOptions['logger'];
  trustProxy?: TrustProxy;
  webDistDir?: string | undefined;
  imports?: Partial<ImportConfig>;
  security?: Partial<SecurityConfig>;
  mail?: Partial<MailConfig>;
  bonus?: Partial<BonusConfig>;
  /** How long the audit keeps a month, and where expired months are archived. */
  audit?: Partial<AuditConfig>;
  /** /metrics from other hosts needs it as a bearer token; without it, the loopback only. */
  metricsToken?: string | undefined;
  /** A running job's server silent this long: the job goes to another server. */
  jobStallSeconds?: number;
}

/** A hop count as the function Fastify's types accept (its runtime takes numbers too). */
const trustProxyOption = (trust: TrustProxy) =>
  typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;

/** Explicit wiring of every feature: nothing is discovered at run time. */
export async function buildApp(options: AppOptions): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: trustProxyOption(options.trustProxy ?? false),
    bodyLimit: 1024 * 1024,
    // While closing, requests still arriving on kept-alive connections get the contract's 503
    // with Retry-After (the hook below), not Fastify's bare one.
    return503OnClosing: false,
    // A path whose escapes are not UTF-8 never reaches a route: answered in the contract's shape.
    frameworkErrors: (error, _request, reply) => {
      const message =
        error.code === 'FST_ERR_BAD_URL'
          ? 'Адрес запроса не в кодировке UTF-8'
          : 'Некорректный запрос';
      void (reply as FastifyReply)
        .code(400)
        .send({ error: { code: 'invalid', message, details: [] } });
    },
  }).withTypeProvider<ZodTypeProvider>();
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async () => {
    if (closing) throw unavailable('Сервер перезапускается. Повторите через 5 с');
  });
  // Every route as registered, for the authorization matrix test (a route without an entry
  // there fails it).
  const routeTable: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    // Every API route says which kinds of caller reach it; one that does not never registers.
    if (route.url.startsWith('/api/v1/') && !route.config?.callers?.length) {
      throw new Error(`${route.url}: маршрут не указывает, кому он доступен (config.callers)`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        routeTable.push({
          method,
          url: route.url,
          callers: route.config?.callers ?? [],
          schema: route.schema,
        });
    }
  });
  app.decorate('routeTable', routeTable);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  registerInputGuard(app);
  registerEtags(app);

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart);
  await registerOpenApi(app, { sessionCookie: SESSION_COOKIE });

  const { db } = options.database;
  const imports = { ...defaultImportConfig, ...options.imports };
  const runner = await startJobs(
    options.database,
    jobDefinitions,
    (error) => app.log.error({ err: error }, 'job queue error'),
    options.jobStallSeconds,
  );
  app.decorate('jobs', runner.jobs);
  const mail = { ...defaultMailConfig, ...options.mail };
  configureLetters(mail);
  const security = { ...defaultSecurityConfig, ...options.security };
  registerHttpHardening(app);
  // First, so the request durations cover every route.
  registerMetrics(app, options.database, runner, options.metricsToken);
  const bonus = { ...defaultBonusConfig, ...options.bonus };
  const gate = partnerGate(db, bonus);
  app.addHook('onClose', async () => gate.close());
  registerAuthentication(app, db, security, gate, options.database.replicas);
  registerDenialAudit(app, db);
  registerSystemRoutes(app, options.database);
  registerAuthRoutes(app, db, security);
  registerUserRoutes(app, db);
  registerJournalRoutes(app, db);
  registerOrgRoutes(app, db);
  registerOrgPartRoutes(app, db);
  registerMemberRoutes(app, db);
  registerStatsRoutes(app, db);
  registerCompletenessRoutes(app, db);
  registerExportRoutes(app, db);
  registerMailRoutes(app, db, mail);
  registerMailingRoutes(app, db);
  registerJoinRoutes(app, db);
  registerCabinetRoutes(app, db, security);
  registerReportRoutes(app, db);
  registerCampaignRoutes(app, db);
  registerCardRoutes(app, db);
  registerPartnerRoutes(app, db);
  registerPartnerApiRoutes(app, db);
  registerBonusRoutes(app, db);
  registerSurveyRoutes(app, db);
  registerSocialSupportRoutes(app, db);

  registerImportRoutes(app, db, { maxBytes: imports.maxBytes, zip: defaultZipLimits });
  // `imports.worker` false: an API-only server; jobs are still sent, another process runs them.
  const stopWorkers = imports.worker
    ? await startWorkers(
        db,
        runner,
        { imports, mail, bonus, audit: { ...defaultAuditConfig, ...options.audit } },
        app.log,
      )
    : () => undefined;
  // Before the database closes: a running import finishes its batch or is resumed later.
  app.addHook('onClose', async () => {
    await stopWorkers();
    await runner.stop();
  });
  await registerWebApp(app, options.webDistDir);

  await app.ready();
  return app;
}
