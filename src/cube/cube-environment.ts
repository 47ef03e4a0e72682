import { apiSecret } from '../auth/api-secret';

export const DEFAULT_PORT = 4000;
export const DEFAULT_SQL_PORT = 15432;
/** Where Cube stores pre-aggregations in PostgreSQL (CUBEJS_PRE_AGGREGATIONS_SCHEMA). */
export const DEFAULT_PRE_AGGREGATIONS_SCHEMA = 'pre_aggregations';

/**
 * The environment Cube reads its settings from, for a database at
 * `connectionString`. Anything already set in the environment wins, so a
 * production topology (several API instances, a refresh worker, a Cube Store
 * cluster; see docs/DEPLOYMENT.md) is configured from environment variables alone.
 */
export function cubeEnvironment(connectionString: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const url = new URL(connectionString);
  // A Cube Store cluster, when one is named, holds the cache, the queue and external pre-aggregations.
  const cubeStore = Boolean(env.CUBEJS_CUBESTORE_HOST);
  const defaults: Record<string, string> = {
    CUBEJS_DB_TYPE: 'postgres',
    CUBEJS_DB_HOST: url.hostname,
    CUBEJS_DB_PORT: url.port || '5432',
    CUBEJS_DB_NAME: decodeURIComponent(url.pathname.replace(/^\//, '')),
    CUBEJS_DB_USER: decodeURIComponent(url.username),
    CUBEJS_DB_PASS: decodeURIComponent(url.password),
    CUBEJS_DB_SSL: url.searchParams.get('sslmode') === 'require' ? 'true' : 'false',
    CUBEJS_API_SECRET: apiSecret(),
    // Relative: Cube joins it to the working directory, which startCubeServer sets to the repository root.
    CUBEJS_SCHEMA_PATH: 'model',
    PORT: String(DEFAULT_PORT),
    CUBEJS_PG_SQL_PORT: String(DEFAULT_SQL_PORT),
    // Cube's Rust pieces are absent here (README, "Platform notes"): the JavaScript
    // query planner, and the in-memory cache and queue instead of Cube Store's.
    CUBEJS_TESSERACT_SQL_PLANNER: 'false',
    CUBEJS_CACHE_AND_QUEUE_DRIVER: cubeStore ? 'cubestore' : 'memory',
    CUBEJS_TRANSPILATION_NATIVE: 'false',
    // Pre-aggregations live in PostgreSQL, in their own schema, unless a Cube Store cluster is named.
    CUBEJS_PRE_AGGREGATIONS_SCHEMA: DEFAULT_PRE_AGGREGATIONS_SCHEMA,
    CUBEJS_EXTERNAL_DEFAULT: cubeStore ? 'true' : 'false',
    CUBEJS_REFRESH_WORKER: 'true',
    CUBEJS_SCHEDULED_REFRESH_DEFAULT: 'true',
    // The model recompiles when its files change, except in production where a deploy fixes it.
    // (Cube reads this variable over the fastReload option.)
    CUBEJS_FAST_RELOAD_ENABLED: env.NODE_ENV === 'production' ? 'false' : 'true',
    CUBEJS_LOG_LEVEL: 'warn',
    CUBEJS_TELEMETRY: 'false',
  };
  const merged: Record<string, string> = {};
  for (const [name, value] of Object.entries(defaults)) merged[name] = env[name] ?? value;
  return merged;
}

/**
 * Whether the request-path caches (src/cube/patches/install-request-caches.ts)
 * are installed: on unless ALMA_REQUEST_CACHES is `off`, which runs Cube as it
 * ships for comparison.
 */
export function requestCachesEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.ALMA_REQUEST_CACHES?.trim().toLowerCase();
  if (value === undefined || value === '' || value === 'on') return true;
  if (value === 'off') return false;
  throw new Error(`ALMA_REQUEST_CACHES is "${env.ALMA_REQUEST_CACHES}": set it to on or off`);
}
