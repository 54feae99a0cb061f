import { sql } from 'kysely';
import { z } from 'zod';
import type { DatabaseHandle } from '../../db/database.js';
import { type App, anyone } from '../../lib/http.js';

export function registerSystemRoutes(app: App, database: DatabaseHandle) {
  app.get(
    '/api/health',
    {
      config: { callers: anyone },
      schema: {
        tags: ['system'],
        summary: 'Проверка работоспособности',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }),
        },
      },
    },
    async () => {
      await sql`select 1`.execute(database.db);
      return { status: 'ok' as const, database: database.kind };
    },
  );
}
