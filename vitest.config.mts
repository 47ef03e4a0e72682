import { configDefaults, defineConfig } from 'vitest/config';

// Tests in three tiers, told apart by file name:
// - unit (`*.unit.test.ts`): start nothing, need no server, run in seconds;
// - integration (plain `*.test.ts`): the one PostgreSQL and Cube server the global setup starts;
// - slow (`*.slow.test.ts`): start servers, databases, browsers or other languages' drivers of their own.
// Only the integration and slow projects have the global setup, so `vitest run --project unit` starts no server,
// and when both run they share one set of servers (see global-setup.ts).
const SERVERS = ['test/support/global-setup.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Two cores: more workers only make the servers compete with the tests.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.unit.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/**/*.unit.test.ts', 'test/**/*.slow.test.ts'],
          globalSetup: SERVERS,
          // test/sql-api/in-process-harness.test.ts starts Cube in its worker; Cube compiles the model in worker
          // threads that load our TypeScript @cubejs-backend/native (src/native) and inherit only the worker's Node
          // options, so the worker runs with tsx's loader, as the server does (`node --import tsx`).
          execArgv: ['--import', 'tsx'],
        },
      },
      { extends: true, test: { name: 'slow', include: ['test/**/*.slow.test.ts'], globalSetup: SERVERS } },
    ],
  },
});
