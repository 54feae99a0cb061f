import { isIP } from 'node:net';
import path from 'node:path';
import { type Role, roles } from '@profreestr/contracts';
import { z } from 'zod';
import { defaultJobStallSeconds } from './lib/jobs.js';

const MB = 1024 * 1024;

export const defaultImportConfig: ImportConfig = {
  maxBytes: 50 * MB,
  batchRows: 500,
  staleSeconds: 60,
  maxRows: 1_000_000,
  worker: true,
};

export interface SecurityConfig {
  /** Roles that must sign in with a second factor (MFA_REQUIRED_ROLES). */
  mfaRequiredRoles: readonly Role[];
  /** Requests a session may make per minute before 429 (API_RATE_LIMIT_PER_MINUTE). */
  apiRequestsPerMinute: number;
  /** The clock of sessions, throttling and TOTP: tests move it. */
  now: () => Date;
}

export const defaultSecurityConfig: SecurityConfig = {
  mfaRequiredRoles: ['admin'],
  apiRequestsPerMinute: 600,
  now: () => new Date(),
};

/** Letters (features/mail): the outbox and its delivery over SMTP. */
export interface MailConfig {
  /** `smtp://user:pass@host:port` or `smtps://…`; unset: letters wait in the outbox. */
  smtpUrl: string | undefined;
  /** The sender: `Профреестр <noreply@union.example>`. */
  from: string;
  /** Letters handed to SMTP per second at most. */
  ratePerSecond: number;
  /** The address people open, for links in letters. */
  publicUrl: string;
  /** The bounce webhook's bearer token; unset: the webhook refuses everyone. */
  webhookToken: string | undefined;
  /** Attempts before a temporarily failing letter is given up as failed. */
  maxAttempts: number;
  /** The first retry's delay; each next one doubles it (at most an hour). */
  retryBaseSeconds: number;
  /** A letter being sent longer than this is taken for lost (a killed worker) and sent again. */
  leaseSeconds: number;
  /** Run the delivery in this process (with the other workers). */
  worker: boolean;
  /** Days a delivered letter keeps its text; its status and dates stay (MAIL_RETENTION_DAYS). */
  retentionDays: number;
}

export interface AuditConfig {
  /** Months the audit keeps online; an older month is archived to a file, then dropped. */
  months: number;
  /** Where archived months go (`audit-YYYY-MM.jsonl.gz`): keep it with the backups. */
  dir: string;
}

export const defaultAuditConfig: AuditConfig = {
  months: 60,
  dir: path.resolve('data', 'audit-archive'),
};

export const defaultMailConfig: MailConfig = {
  smtpUrl: undefined,
  from: 'Профреестр <noreply@localhost>',
  ratePerSecond: 50,
  publicUrl: 'http://127.0.0.1:3000',
  webhookToken: undefined,
  maxAttempts: 8,
  retryBaseSeconds: 60,
  leaseSeconds: 120,
  worker: true,
  retentionDays: 90,
};

/** PROFCARDS (features/bonus): the cashback's hold and each partner's request budget. */
export interface BonusConfig {
  /** Days a purchase waits before its cashback is confirmed (BONUS_HOLD_DAYS). */
  holdDays: number;
  /** Requests a partner may make per second, on average (PARTNER_REQUESTS_PER_SECOND). */
  partnerRequestsPerSecond: number;
  /** …and at once after a pause (PARTNER_BURST; never below one second's worth). */
  partnerBurst: number;
}

export const defaultBonusConfig: BonusConfig = {
  holdDays: 14,
  partnerRequestsPerSecond: 50,
  partnerBurst: 100,
};

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_READ_URL: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().url()))
    .optional(),
  REPLICA_MAX_LAG_SECONDS: z.coerce.number().positive().default(5),
  PG_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  ADMIN_PASSWORD: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().default('false').transform(parseTrustProxy),
  WEB_DIST_DIR: z.string().optional(),
  METRICS_TOKEN: z.string().min(16, 'не короче 16 символов').optional(),
  IMPORT_MAX_MB: z.coerce
    .number()
    .positive()
    .max(1024)
    .default(defaultImportConfig.maxBytes / MB),
  IMPORT_BATCH_ROWS: z.coerce
    .number()
    .int()
    .min(1)
    .max(2000)
    .default(defaultImportConfig.batchRows),
  IMPORT_STALE_SECONDS: z.coerce.number().int().min(1).default(defaultImportConfig.staleSeconds),
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).default(defaultImportConfig.maxRows),
  API_RATE_LIMIT_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .default(defaultSecurityConfig.apiRequestsPerMinute),
  IMPORT_WORKER: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'адрес вида smtp://пользователь:пароль@сервер:порт')
    .optional(),
  MAIL_FROM: z.string().min(3).default(defaultMailConfig.from),
  MAIL_RATE_PER_SECOND: z.coerce.number().positive().max(10_000).default(50),
  PUBLIC_URL: z.string().url().optional(),
  MAIL_WEBHOOK_TOKEN: z.string().min(16, 'не короче 16 символов').optional(),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(defaultMailConfig.maxAttempts),
  AUDIT_RETENTION_MONTHS: z.coerce
    .number()
    .int()
    .min(1)
    .max(1200)
    .default(defaultAuditConfig.months),
  AUDIT_ARCHIVE_DIR: z.string().optional(),
  MAIL_LEASE_SECONDS: z.coerce
    .number()
    .int()
    .min(5)
    .max(3600)
    .default(defaultMailConfig.leaseSeconds),
  JOB_STALL_SECONDS: z.coerce.number().int().min(3).max(3600).default(defaultJobStallSeconds),
  MAIL_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(defaultMailConfig.retentionDays),
  BONUS_HOLD_DAYS: z.coerce.number().int().min(0).max(365).default(defaultBonusConfig.holdDays),
  PARTNER_REQUESTS_PER_SECOND: z.coerce
    .number()
    .positive()
    .default(defaultBonusConfig.partnerRequestsPerSecond),
  PARTNER_BURST: z.coerce.number().int().min(1).default(defaultBonusConfig.partnerBurst),
});

export interface AppConfig {
  port: number;
  host: string;
  /** PGlite data folder, or `memory://` for a throw-away in-memory database. */
  dataDir: string;
  databaseUrl: string | undefined;
  /** Streaming replicas for lists, searches, dashboards, reports and exports (DATABASE_READ_URL). */
  databaseReadUrls: string[];
  /** A replica further behind than this is skipped (REPLICA_MAX_LAG_SECONDS). */
  replicaMaxLagSeconds: number;
  pgPoolSize: number;
  adminPassword: string | undefined;
  logLevel: string;
  /** Which proxies' `X-Forwarded-*` to believe: none, a hop count, or their addresses. */
  trustProxy: TrustProxy;
  /** Built web UI to serve; undefined serves the API alone. */
  webDistDir: string | undefined;
  /** `Authorization: Bearer` for /metrics from other hosts (METRICS_TOKEN); else loopback only. */
  metricsToken: string | undefined;
  /** A job whose server stopped beating for this long is handed to another (JOB_STALL_SECONDS). */
  jobStallSeconds: number;
  imports: ImportConfig;
  audit: AuditConfig;
  security: Omit<SecurityConfig, 'now'>;
  mail: MailConfig;
  bonus: BonusConfig;
}

export interface ImportConfig {
  maxBytes: number;
  batchRows: number;
  staleSeconds: number;
  maxRows: number;
  /** Run import jobs in this process (false: an API-only server). */
  worker: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv, defaultWebDist?: string): AppConfig {
  // An empty variable (`DATABASE_URL= npm start`) means unset, as in most shells' habits.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Неверная конфигурация окружения:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR === 'memory://' ? e.DATA_DIR : path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseReadUrls: e.DATABASE_READ_URL ?? [],
    replicaMaxLagSeconds: e.REPLICA_MAX_LAG_SECONDS,
    pgPoolSize: e.PG_POOL_SIZE,
    adminPassword: e.ADMIN_PASSWORD,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    webDistDir: e.WEB_DIST_DIR ?? defaultWebDist,
    metricsToken: e.METRICS_TOKEN,
    jobStallSeconds: e.JOB_STALL_SECONDS,
    audit: {
      months: e.AUDIT_RETENTION_MONTHS,
      dir: path.resolve(
        e.AUDIT_ARCHIVE_DIR ??
          path.join(e.DATA_DIR === 'memory://' ? './data' : e.DATA_DIR, 'audit-archive'),
      ),
    },
    security: {
      mfaRequiredRoles: mfaRequiredRoles(env.MFA_REQUIRED_ROLES),
      apiRequestsPerMinute: e.API_RATE_LIMIT_PER_MINUTE,
    },
    imports: {
      maxBytes: Math.round(e.IMPORT_MAX_MB * MB),
      batchRows: e.IMPORT_BATCH_ROWS,
      staleSeconds: e.IMPORT_STALE_SECONDS,
      maxRows: e.IMPORT_MAX_ROWS,
      worker: e.IMPORT_WORKER,
    },
    mail: {
      ...defaultMailConfig,
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      ratePerSecond: e.MAIL_RATE_PER_SECOND,
      publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
      webhookToken: e.MAIL_WEBHOOK_TOKEN,
      maxAttempts: e.MAIL_MAX_ATTEMPTS,
      retentionDays: e.MAIL_RETENTION_DAYS,
      leaseSeconds: e.MAIL_LEASE_SECONDS,
      worker: e.IMPORT_WORKER,
    },
    bonus: {
      holdDays: e.BONUS_HOLD_DAYS,
      partnerRequestsPerSecond: e.PARTNER_REQUESTS_PER_SECOND,
      partnerBurst: e.PARTNER_BURST,
    },
  };
}

export type TrustProxy = false | number | string[];

/** An address or a network (`10.0.0.1`, `10.1.0.0/16`, `::1`), or a name proxy-addr knows. */
function isProxyAddress(item: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) return true;
  const [address = '', prefix, ...rest] = item.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: `false` (none), `true` (one proxy in front: the address it saw, not whatever the
 * client wrote into `X-Forwarded-For`), a hop count (`2` for a balancer before nginx), or the
 * proxies' addresses and networks (`10.0.0.1,10.0.0.0/24`), as Fastify takes them.
 */
export function parseTrustProxy(value: string, ctx?: z.RefinementCtx): TrustProxy {
  const text = value.trim();
  if (text === 'false' || text === '' || text === '0') return false;
  if (text === 'true') return 1;
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const list = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const bad = list.filter((item) => !isProxyAddress(item));

  if (bad.length) {
    ctx?.addIssue({
      code: 'custom',
      message: `ожидается false, true, число прокси или их адреса через запятую; не понято: ${bad.join(', ')}`,
    });
    return false;
  }
  return list;
}

/** MFA_REQUIRED_ROLES: unset = admins (the contract's default), empty = none, else a list. */
function mfaRequiredRoles(value: string | undefined): Role[] {
  if (value === undefined) return [...defaultSecurityConfig.mfaRequiredRoles];
  const listed = value
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = listed.filter((r) => !(roles as readonly string[]).includes(r));
  if (unknown.length) {
    throw new Error(
      `Неверная конфигурация окружения:\nMFA_REQUIRED_ROLES: неизвестные роли ${unknown.join(', ')} (допустимы ${roles.join(', ')})`,
    );
  }
  return listed as Role[];
}
