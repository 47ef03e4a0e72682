/**
 * `@cubejs-backend/native`, in TypeScript.
 *
 * Cube's packages call this module for logging, REST result shaping, Jinja,
 * Python and the SQL API. The real one is a Rust addon whose binary is
 * downloaded at install time, which this platform cannot do; npm `overrides`
 * install this folder in its place. Every function Cube calls either works
 * here or throws a RustOnlyFeatureError naming the feature.
 * See README.md, "Platform notes".
 */
import type { CacheMode } from '@cubejs-backend/shared';
import { decodeCubeStoreResultMessage } from './cubestore-result-message';
import { ResultWrapper } from './result-shaping';
import { rustOnlyFeature, RustOnlyFeatureError } from './rust-only-feature';

export * from './result-shaping';
export { setupLogger, resetLogger } from './logger-bridge';
export { redactSqlLiterals } from './redact-sql-literals';
export { NativeInstance } from './native-instance';
export { RustOnlyFeatureError } from './rust-only-feature';

/** A "fallback build" of the Rust module is one without Python; so is this stand-in. */
export const isFallbackBuild = (): boolean => true;

export function loadNative(): never {
  return rustOnlyFeature('Loading the compiled native addon (loadNative)');
}

type SqlInterfaceModule = typeof import('../sql-api/register-sql-interface');

/** The SQL API is ours (src/sql-api); loaded only when Cube starts it, so REST-only runs stay light. */
function sqlInterface(): SqlInterfaceModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../sql-api/register-sql-interface') as SqlInterfaceModule;
}

export async function registerInterface(options: Parameters<SqlInterfaceModule['registerSqlInterface']>[0]) {
  return sqlInterface().registerSqlInterface(options);
}

export async function shutdownInterface(
  instance: Parameters<SqlInterfaceModule['shutdownSqlInterface']>[0],
  shutdownMode: Parameters<SqlInterfaceModule['shutdownSqlInterface']>[1],
): Promise<void> {
  return sqlInterface().shutdownSqlInterface(instance, shutdownMode);
}

export async function execSql(
  _instance: unknown, _sqlQuery: string, _stream: unknown, _securityContext?: unknown, _cacheMode?: CacheMode,
): Promise<void> {
  rustOnlyFeature('The REST endpoint /v1/cubesql', 'Query SQL through the SQL API port (CUBEJS_PG_SQL_PORT) instead.');
}

export async function sql4sql(): Promise<never> {
  return rustOnlyFeature('SQL generation for SQL API statements over REST (/v1/sql with a SQL query)');
}

export async function rest4sql(): Promise<never> {
  return rustOnlyFeature('Converting SQL to a REST query (/v1/convert)');
}

export function buildSqlAndParams(_cubeEvaluator: unknown): never {
  return rustOnlyFeature('The Tesseract SQL planner', 'Set CUBEJS_TESSERACT_SQL_PLANNER=false to use the JavaScript planner.');
}

export async function parseCubestoreResultMessage(message: Buffer): Promise<ResultWrapper> {
  return new ResultWrapper(decodeCubeStoreResultMessage(message));
}

export function getCubestoreResult(ref: unknown): unknown[] {
  // Our decoded Cube Store results are already plain rows (see parseCubestoreResultMessage).
  if (Array.isArray(ref)) return ref;
  return rustOnlyFeature('Reading a native Cube Store result reference');
}

export async function transpileJs(): Promise<never> {
  return rustOnlyFeature('Native model transpilation (CUBEJS_TRANSPILATION_NATIVE)', 'Unset CUBEJS_TRANSPILATION_NATIVE.');
}

export async function transpileYaml(): Promise<never> {
  return rustOnlyFeature('Native model transpilation (CUBEJS_TRANSPILATION_NATIVE)', 'Unset CUBEJS_TRANSPILATION_NATIVE.');
}

export async function pythonLoadConfig(_content: string, options: { fileName: string }): Promise<never> {
  throw new RustOnlyFeatureError(`Python configuration (${options?.fileName ?? 'cube.py'})`, 'Configure Cube in cube.js instead.');
}
