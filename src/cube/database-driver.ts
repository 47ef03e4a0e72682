import { OutageAwarePostgresDriver } from './outage-aware-postgres-driver';

/** How long a query waits for a database connection before failing (Cube's default: 20 s). */
const ACQUIRE_TIMEOUT_MS = 5_000;

/**
 * Cube's driver for PostgreSQL, waiting at most 5 s for a connection: with the
 * database down, a request then fails with an error instead of two rounds of
 * "Continue wait". While the database is down, queries say so and the pool's
 * errors are logged once per outage (outage-aware-postgres-driver.ts). Other databases (CUBEJS_DB_TYPE) keep Cube's own driver.
 */
export function databaseDriverOptions(env: NodeJS.ProcessEnv = process.env) {
  if (env.CUBEJS_DB_TYPE !== 'postgres') return {};
  return {
    driverFactory: ({ dataSource }: { dataSource: string }) => new OutageAwarePostgresDriver({ dataSource, acquireTimeoutMillis: ACQUIRE_TIMEOUT_MS }),
  };
}
