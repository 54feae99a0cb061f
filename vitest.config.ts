import react from '@vitejs/plugin-react';
import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Server tests always run on PGlite; with TEST_DATABASE_URL they run on PostgreSQL as well.
const serverTests = (name: string, env: Record<string, string>, include: string[]) => ({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    name,
    include,
    environment: 'node',
    env,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      serverTests('pglite', { TEST_DB: 'pglite' }, [
        'server/src/**/*.test.ts',
        'packages/contracts/src/**/*.test.ts',
      ]),
      // On PostgreSQL again only what touches the database; pure rules ran above.
      ...(process.env.TEST_DATABASE_URL
        ? [serverTests('postgres', { TEST_DB: 'postgres' }, ['server/src/features/**/*.test.ts'])]
        : []),
      {
        resolve: { conditions: ['source'] },
        ssr: { resolve: { conditions: ['source'] } },
        test: {
          name: 'e2e',
          include: ['server/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      // The web's components in a simulated DOM; the network is stubbed at `fetch`.
      {
        plugins: [react()],
        resolve: { conditions: ['source', ...defaultClientConditions] },
        test: {
          name: 'web',
          include: ['web/src/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['web/src/test/setup.ts'],
        },
      },
    ],
  },
});
