import { sql } from 'kysely';
import { z } from 'zod';
import type { DatabaseHandle } from '../../db/database.js';
import { migrationsDone } from '../../db/migrate.js';
import { unavailable } from '../../lib/app-error.js';
import { type App, anyone } from '../../lib/http.js';

// For the load balancer: /api/health says the process is alive (no database: a server whose
// database is down is not to be restarted for it), /api/ready that it can serve (the database
// answers and every migration has run).

export function registerSystemRoutes(app: App, database: DatabaseHandle) {
  app.get(
    '/api/health',
    {
      config: { callers: anyone },
      schema: {
        tags: ['system'],
        summary: 'Процесс жив (база данных не проверяется: для этого /api/ready)',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }),
        },
      },
    },
    async () => ({ status: 'ok' as const, database: database.kind }),
  );

  app.get(
    '/api/ready',
    {
      config: { callers: anyone },
      schema: {
        tags: ['system'],
        summary: 'Готов принимать запросы: база данных отвечает, миграции выполнены',
        response: { 200: z.object({ status: z.literal('ready') }) },
      },
    },
    async () => {
      await sql`select 1`.execute(database.db);
      if (!(await migrationsDone(database.db))) {
        throw unavailable('База данных ещё не обновлена до этой версии');
      }
      return { status: 'ready' as const };
    },
  );
}
