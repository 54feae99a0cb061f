import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { type AppOptions, buildApp } from '../src/app.js';
import type { SecurityConfig } from '../src/config.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { ensureFirstStart } from '../src/features/system/first-start.js';
import type { App } from '../src/lib/http.js';
import { createTestDatabase } from './test-database.js';

export const ADMIN_PASSWORD = 'admin-test-password';
export const USER_PASSWORD = 'user-test-password';

export interface TestApp {
  app: App;
  database: DatabaseHandle;
  /** Signs in and returns the cookie header to send with later requests. */
  login(login: string, password?: string): Promise<string>;
  api(
    method: InjectOptions['method'],
    url: string,
    options?: { cookie?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** No second factor is required unless a test asks (`security.mfaRequiredRoles`). */
export async function createTestApp(
  options: {
    security?: Partial<SecurityConfig>;
    logger?: AppOptions['logger'];
    mail?: AppOptions['mail'];
    bonus?: AppOptions['bonus'];
    /** A database of the test's own (a folder, a named PostgreSQL database); else a fresh one. */
    database?: DatabaseHandle;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  await ensureFirstStart(database, ADMIN_PASSWORD);
  const app = await buildApp({
    database,
    // Errors only: a background job's failure (an import) then shows its stack in the output.
    logger: options.logger ?? { level: 'error' },
    security: { mfaRequiredRoles: [], ...options.security },
    // Letters wait in the outbox unless a test brings its own SMTP server.
    ...(options.mail ? { mail: options.mail } : {}),
    ...(options.bonus ? { bonus: options.bonus } : {}),
  });

  const api: TestApp['api'] = (method, url, options = {}) =>
    app.inject({
      method,
      url,
      headers: { ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers },
      ...(options.body === undefined ? {} : { payload: options.body as InjectOptions['payload'] }),
    });

  const login: TestApp['login'] = async (loginName, password) => {
    const response = await api('POST', '/api/v1/auth/login', {
      body: {
        login: loginName,
        password: password ?? (loginName === 'admin' ? ADMIN_PASSWORD : USER_PASSWORD),
      },
    });
    if (response.statusCode !== 200) {
      throw new Error(`login ${loginName} failed: ${response.statusCode} ${response.body}`);
    }
    const cookie = response.cookies.find((c) => c.name === 'prf_session');
    if (!cookie) throw new Error('no session cookie');
    return `prf_session=${cookie.value}`;
  };

  return {
    app,
    database,
    api,
    login,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
