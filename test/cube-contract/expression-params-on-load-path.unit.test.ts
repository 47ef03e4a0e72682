import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// What carrying the SQL API's expression parameters on the load path relies on in Cube 1.7.43
// (src/cube/patches/check-members-before-cube.ts with src/boundary/expression-params.ts, sent by
// src/sql-api/planner/run-plan.ts), read from the installed source. Cube's load path has no
// parameter for them; the query object carries them from the SQL API's callback to the boundary,
// which gives them to each normalized query, and from there they reach BaseQuery's parameter
// allocator. An upgrade that changes any step fails here.
const require = createRequire(__filename);
const read = (path: string) => readFileSync(require.resolve(path), 'utf8');
const gatewaySource = read('@cubejs-backend/api-gateway/dist/src/gateway.js');
const sqlServerSource = read('@cubejs-backend/api-gateway/dist/src/sql-server.js');
const compilerApiSource = read('@cubejs-backend/server-core/dist/src/core/CompilerApi.js');
const queryBuilderSource = read('@cubejs-backend/schema-compiler/dist/src/adapter/QueryBuilder.js');
const baseQuerySource = read('@cubejs-backend/schema-compiler/dist/src/adapter/BaseQuery.js');
const postgresQuerySource = read('@cubejs-backend/schema-compiler/dist/src/adapter/PostgresQuery.js');
const paramAllocatorSource = read('@cubejs-backend/schema-compiler/dist/src/adapter/ParamAllocator.js');

function source(text: string, method: string): string {
  const start = text.search(new RegExp(`\\n    (async )?${method}\\(`));
  if (start < 0) return '';
  return text.slice(start, text.indexOf('\n    }\n', start));
}

describe("Cube's load path, as it carries the SQL API's expression parameters", () => {
  it('takes the query from the SQL API\'s callback as it is, and normalizes it through getNormalizedQueries with member expressions allowed', () => {
    expect(sqlServerSource).toContain('sqlApiLoad: async ({ request, session, query, queryKey, sqlQuery, streaming, cacheMode }) => {');
    expect(sqlServerSource).toMatch(/await this\.apiGateway\.sqlApiLoad\(\{\s+queryKey,\s+query,/);
    expect(source(gatewaySource, 'parseQueryParam')).toContain('return query;');
    const load = source(gatewaySource, 'sqlApiLoad');
    expect(load).toContain('query = this.parseQueryParam(request.query);');
    expect(load).toContain('this.getNormalizedQueries(query, context, request.streaming, request.memberExpressions, cacheMode)');
  });

  it('builds each normalized query\'s SQL from the query object itself, spread, so a key on it reaches getSql', () => {
    expect(source(gatewaySource, 'sqlApiLoad')).toContain('.getSqlQueriesInternal(context, normalizedQueries.map(q => ({ ...q, disableExternalPreAggregations: request.sqlQuery })))');
    expect(source(gatewaySource, 'getSqlQueriesInternal')).toContain('.getSql(this.coerceForSqlQuery(normalizedQuery, context))');
    expect(source(gatewaySource, 'coerceForSqlQuery')).toMatch(/return \{\s+\.\.\.query,/);
    // The sql route passes its own expressionParams after the normalized query's: the caller's argument wins there.
    expect(source(gatewaySource, 'sql')).toContain('this.coerceForSqlQuery({ ...normalizedQuery, memberToAlias, expressionParams, disableExternalPreAggregations }, context)');
  });

  it('keys the compiled SQL by the whole query, expression parameters included', () => {
    const getSql = source(compilerApiSource, 'getSql');
    expect(getSql).toContain('const { requestId, ...keyOptions } = query;');
    expect(getSql).toContain('const key = { query: keyOptions, options };');
  });

  it('hands the query\'s expressionParams to BaseQuery\'s parameter allocator, which binds `$n$` as parameter n', () => {
    expect(source(compilerApiSource, 'createQueryByDataSource')).toContain('this.createQuery(compilers, dbType, this.getDialectClass(dataSource, dbType), query)');
    expect(source(compilerApiSource, 'createQuery')).toMatch(/createQuery\)\(compilers, dbType, \{\s+\.\.\.query,/);
    expect(queryBuilderSource).toMatch(/\(compilers, \{\s+\.\.\.queryOptions,/);
    expect(baseQuerySource).toContain('this.paramAllocator = this.options.paramAllocator || this.newParamAllocator(this.options.expressionParams);');
    expect(postgresQuerySource).toContain('return new PostgresParamAllocator(expressionParams);');
    expect(paramAllocatorSource).toContain('this.params = expressionParams || [];');
    expect(paramAllocatorSource).toContain('const PARAMS_MATCH_REGEXP = /\\$(\\d+)\\$/g;');
    expect(paramAllocatorSource).toContain('paramsInSqlOrder.push(this.params[paramIndex]);');
  });
});
