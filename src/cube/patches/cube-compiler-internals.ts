/**
 * The parts of Cube 1.7.43's CompilerApi (node_modules/@cubejs-backend/server-core/dist/src/core/CompilerApi.js)
 * that the request-path caches wrap or call, typed as the patches use them.
 * test/cube-contract/request-cache-patches.unit.test.ts pins them to that release.
 */
import { CompilerApi } from '@cubejs-backend/server-core';

export interface CubeQueryCache {
  /** Where QueryCache#cache(path, fn) keeps its values: getSql keeps its answer under `sql`. */
  storage: Record<string, unknown>;
  /** The value kept under `path`, or fn()'s, kept there first. */
  cache<T>(path: string[], fn: () => T): T;
}

export interface Compilers {
  readonly compilerId: string;
  readonly compilerCache: { getQueryCache(key: object): CubeQueryCache };
}

export interface SqlAnswer {
  readonly memberNames: readonly string[];
  [key: string]: unknown;
}

export type QueryObject = Record<string, unknown> & { requestId?: string };

export interface CompilerApiInternals {
  options: { fastReload?: boolean; devServer?: boolean };
  schemaVersion?: unknown;
  sqlCache?: boolean;
  compilers?: Promise<Compilers>;
  getCompilers(options?: { requestId?: string }): Promise<Compilers>;
  getSql(query: QueryObject, options?: Record<string, unknown>): Promise<SqlAnswer>;
  applyRowLevelSecurity(query: QueryObject, evaluatedQuery: QueryObject, context: object): Promise<{ query: QueryObject; denied: boolean }>;
  hashRequestContext(context: Record<string, unknown>): string;
  patchVisibilityByAccessPolicy(compilers: Compilers, context: Record<string, unknown>, cubes: readonly unknown[]): Promise<{ cubes: unknown[]; visibilityMaskHash: string | null }>;
}

/** CompilerApi.prototype, as the patches see it. */
export const compilerApiPrototype = CompilerApi.prototype as unknown as CompilerApiInternals & Record<PropertyKey, unknown>;
