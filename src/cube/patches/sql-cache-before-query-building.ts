import { compilerApiPrototype, type SqlAnswer } from './cube-compiler-internals';

const INSTALLED = Symbol.for('alma.sql-cache-before-query-building');

/**
 * CompilerApi#getSql caches its answer per compiled model and query (the
 * query with the caller's security context in it, less its request id), but
 * it builds the query objects (BaseQuery, several per query) before it looks,
 * and the key includes the options' request id when a caller passes one, so
 * that lookup never hits. This wrapper drops the request id from the options
 * (it only names the request in logs) and returns a cached answer before any
 * query object is built. The key is Cube's own, computed the same way.
 */
export function installSqlCacheBeforeQueryBuilding(): void {
  if (compilerApiPrototype[INSTALLED]) return;
  const original = compilerApiPrototype.getSql;
  if (typeof original !== 'function') throw new Error('Cube\'s CompilerApi has no getSql: its cache cannot be read before the query is built');
  compilerApiPrototype.getSql = async function getSqlFromCacheFirst(query, options = {}) {
    const { requestId: _requestId, ...keyOptions } = options;
    if (this.sqlCache) {
      const compilers = await this.getCompilers({ requestId: query.requestId });
      const { requestId: _queryRequestId, ...keyQuery } = query;
      const cached = compilers.compilerCache.getQueryCache({ query: keyQuery, options: keyOptions }).storage.sql as SqlAnswer | undefined;
      if (cached) return cached;
    }
    return original.call(this, query, keyOptions);
  };
  compilerApiPrototype[INSTALLED] = true;
}
