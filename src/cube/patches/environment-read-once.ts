import { createRequire } from 'node:module';

const INSTALLED = Symbol.for('alma.environment-read-once');

interface CubeEnvironment {
  getEnv(key: string, options?: object): unknown;
  [INSTALLED]?: true;
}

/** The memo's key for one read: the setting and its options (a data source), or undefined when the options are not plain data. */
function readKey(key: string, options: object | undefined): string | undefined {
  if (options === undefined) return key;
  try {
    return `${key}\u0000${JSON.stringify(options)}`;
  } catch {
    return undefined;
  }
}

/**
 * Cube reads its settings through getEnv, which parses and validates the
 * environment variable again on every call: some thirty times per request
 * (the query limit and time zone for each normalization, the driver's
 * settings, the cache's). The server's environment is set once, before Cube
 * loads (startCubeServer), and nothing changes it afterwards, so each setting
 * is read once and its value kept: strings, numbers, booleans and unset ones.
 * A setting whose value is an object, or that fails its validation, is read
 * every time as before.
 */
export function installEnvironmentReadOnce(): void {
  // The copy of @cubejs-backend/shared that Cube's server core uses.
  const fromServerCore = createRequire(require.resolve('@cubejs-backend/server-core/dist/src/core/server.js'));
  const environment = fromServerCore('@cubejs-backend/shared/dist/src/env.js') as CubeEnvironment;
  if (environment[INSTALLED]) return;
  const { getEnv } = environment;
  if (typeof getEnv !== 'function') throw new Error('@cubejs-backend/shared has no getEnv: Cube\'s settings cannot be read once');
  const values = new Map<string, unknown>();
  environment.getEnv = function getEnvOnce(key: string, options?: object): unknown {
    const memoKey = readKey(key, options);
    if (memoKey !== undefined && values.has(memoKey)) return values.get(memoKey);
    const value = getEnv(key, options);
    if (memoKey !== undefined && (value === undefined || value === null || ['string', 'number', 'boolean'].includes(typeof value))) values.set(memoKey, value);
    return value;
  };
  environment[INSTALLED] = true;
}
