import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { queryShape, sqlShapeOf } from '../../src/cube/patches/query-shape';
import { requestContextKey } from '../../src/cube/patches/request-context-key';

// What the request-path caches (src/cube/patches/install-request-caches.ts) rely on in Cube 1.7.43:
// where getSql keeps its answer and how it keys it, that applyRowLevelSecurity compiles the query only
// for its member names, that the access policy cache is keyed by hashRequestContext, and how fast reload
// reads the model. A Cube upgrade that moves any of this fails here. Read from the installed source, and
// Cube's own cache classes exercised; no server needed.
const require = createRequire(__filename);
const compilerApiSource = readFileSync(require.resolve('@cubejs-backend/server-core/dist/src/core/CompilerApi.js'), 'utf8');

function source(method: string): string {
  const start = compilerApiSource.search(new RegExp(`\\n    (async )?${method}\\(`));
  if (start < 0) return '';
  const end = compilerApiSource.indexOf('\n    }\n', start);
  return compilerApiSource.slice(start, end);
}

describe("Cube's CompilerApi, as the request-path caches use it", () => {
  it('is release 1.7.43', () => {
    expect(require('@cubejs-backend/server-core/package.json').version).toBe('1.7.43');
    expect(require('@cubejs-backend/schema-compiler/package.json').version).toBe('1.7.43');
  });

  it('has the methods the patches wrap, with the parameters they expect', () => {
    expect(source('getCompilers')).toMatch(/^\n {4}async getCompilers\(options = \{\}\)/);
    expect(source('getSql')).toMatch(/^\n {4}async getSql\(query, options = \{\}\)/);
    expect(source('applyRowLevelSecurity')).toMatch(/^\n {4}async applyRowLevelSecurity\(query, evaluatedQuery, context\)/);
    expect(source('hashRequestContext')).toMatch(/^\n {4}hashRequestContext\(context\)/);
    expect(source('patchVisibilityByAccessPolicy')).toMatch(/^\n {4}async patchVisibilityByAccessPolicy\(compilers, context, cubes\)/);
  });

  it("keys getSql's cache by the query less its request id and by the options, under 'sql'", () => {
    const body = source('getSql');
    expect(body).toContain('const { requestId, ...keyOptions } = query;');
    expect(body).toContain('const key = { query: keyOptions, options };');
    expect(body).toContain("return compilers.compilerCache.getQueryCache(key).cache(['sql'], getSqlFn);");
    // The options reach nothing but the answer's shape: debug info, annotated SQL, rollups only.
    expect(body).toContain('const { includeDebugInfo, exportAnnotatedSql, preAggregationsOnly } = options;');
    expect(body).not.toMatch(/options\.requestId/);
  });

  it("keeps a query cache's values under their path in storage, one cache per equal key", () => {
    const { CompilerCache } = require('@cubejs-backend/schema-compiler/dist/src/compiler/CompilerCache');
    const cache = new CompilerCache({});
    const answer = { sql: ['SELECT 1', []] };
    expect(cache.getQueryCache({ query: { a: 1 }, options: {} }).cache(['sql'], () => answer)).toBe(answer);
    expect(cache.getQueryCache({ query: { a: 1 }, options: {} }).storage.sql).toBe(answer);
    expect(cache.getQueryCache({ query: { a: 2 }, options: {} }).storage.sql).toBeUndefined();
  });

  it('compiles the query in applyRowLevelSecurity only to read its member names', () => {
    const body = source('applyRowLevelSecurity');
    expect(body).toContain('const sql = await this.getSql(evaluatedQuery, { requestId: context?.requestId });');
    const uses = body.match(/\bsql\.\w+/g) ?? [];
    expect(uses.length).toBeGreaterThan(0);
    expect(new Set(uses)).toEqual(new Set(['sql.memberNames']));
  });

  it('caches applicable policies per cube and hashRequestContext, in a cache of the compiled model', () => {
    const body = source('getApplicablePolicies');
    expect(body).toContain('const cache = compilers.compilerCache.getRbacCacheInstance();');
    expect(body).toContain('const cacheKey = `${cube.name}_${this.hashRequestContext(context)}`;');
    // Policies are chosen from the caller's groups and conditions over the context, nothing else.
    expect(body).toContain('await this.getGroupsFromContext(context)');
    expect(body).toContain('compilers.cubeEvaluator.evaluateContextFunction(cube, condition.if, context)');
    expect(source('hashRequestContext')).toContain('JSON.stringify(context)');
  });

  it('reads every model file on each getCompilers call under fast reload, and compiles once otherwise', () => {
    const body = source('getCompilers');
    expect(body).toContain('if (this.options.devServer || this.options.fastReload) {');
    expect(body).toContain('const files = await this.repository.dataSchemaFiles();');
    expect(body).toContain('if (!this.compilers || this.compilerVersion !== compilerVersion) {');
  });
});

describe('the request-path cache keys', () => {
  it('leave out the request id and nothing else', () => {
    const context = { securityContext: { group: 'dashboard', campus: ['MAIN'] }, requestId: 'a' };
    expect(requestContextKey(context)).toBe(requestContextKey({ ...context, requestId: 'b' }));
    expect(requestContextKey(context)).toBe(requestContextKey({ requestId: 'c', securityContext: { campus: ['MAIN'], group: 'dashboard' } }));
    expect(requestContextKey(context)).not.toBe(requestContextKey({ ...context, securityContext: { group: 'dashboard', campus: ['WEST'] } }));
    expect(requestContextKey(context)).not.toBe(requestContextKey({ ...context, securityContext: { group: 'analyst', campus: ['MAIN'] } }));
    expect(requestContextKey(context)).not.toBe(requestContextKey({ ...context, signedWithPlaygroundAuthSecret: true }));
    expect(requestContextKey(context)).not.toBe(requestContextKey({ ...context, securityContext: { group: 'dashboard', campus: ['MAIN', 'WEST'] } }));
  });

  it('are the SHA-256 of the context as canonical JSON: keys in order, undefined and functions left out, shared objects written each time', () => {
    const securityContext = { group: 'dashboard', campus: ['MAIN'] };
    const context = { securityContext, authInfo: securityContext, requestId: 'r', apiType: 'sql', appName: undefined, extend: () => 1, signedWithPlaygroundAuthSecret: false };
    const text = '{"apiType":"sql","authInfo":{"campus":["MAIN"],"group":"dashboard"},"securityContext":{"campus":["MAIN"],"group":"dashboard"},"signedWithPlaygroundAuthSecret":false}';
    expect(requestContextKey(context)).toBe(createHash('sha256').update(text).digest('hex'));
    expect(requestContextKey({ list: [undefined, { b: 1, a: new Date(0) }] })).toBe(createHash('sha256').update('{"list":[null,{"a":"1970-01-01T00:00:00.000Z","b":1}]}').digest('hex'));
  });

  it('tell query shapes apart by members, operators and value counts, not values', () => {
    const query = (values: string[], operator = 'equals', member = 'users.campus_code') =>
      ({ measures: ['users.count'], filters: [{ member, operator, values }], requestId: String(Math.random()) });
    expect(queryShape(query(['A']))).toBe(queryShape(query(['B'])));
    expect(queryShape(query(['A']))).not.toBe(queryShape(query(['A', 'B'])));
    expect(queryShape(query(['A']))).not.toBe(queryShape(query(['A'], 'notEquals')));
    expect(queryShape(query(['A']))).not.toBe(queryShape(query(['A'], 'equals', 'users.user_group')));
    // A member expression compiled to a function is never matched to another query.
    expect(queryShape({ measures: [() => 'x'] })).toBeUndefined();
  });

  it('compile one SQL per shape only for string values Cube binds as parameters, marking each value', () => {
    const query = (operator: string, values: unknown[]) =>
      ({ measures: ['users.count'], filters: [{ member: 'users.campus_code', operator, values }], contextSymbols: { securityContext: { group: 'analyst' } } });
    const shape = sqlShapeOf(query('equals', ['MAIN', 'LAW']));
    expect(shape?.values).toEqual(['MAIN', 'LAW']);
    expect(shape?.key).toBe(sqlShapeOf(query('equals', ['MED', 'ARTS']))?.key);
    expect(shape?.key).not.toBe(sqlShapeOf({ ...query('equals', ['MED', 'ARTS']), contextSymbols: { securityContext: { group: 'admin' } } })?.key);
    expect(JSON.stringify(shape?.probe())).not.toContain('MAIN');
    expect(JSON.stringify(shape?.probe())).toContain('zqalmashape1z');
    // A query whose members or context hold the mark is never compiled as a shape.
    expect(sqlShapeOf({ ...query('equals', ['MAIN']), contextSymbols: { securityContext: { group: 'zqalmashape0z' } } })?.probe()).toBeUndefined();
    // Dates, numbers, nulls and operators that parse their values compile one by one.
    expect(sqlShapeOf(query('inDateRange', ['2024-01-01', '2024-02-01']))).toBeUndefined();
    expect(sqlShapeOf(query('gt', ['5']))).toBeUndefined();
    expect(sqlShapeOf(query('equals', [null]))).toBeUndefined();
    expect(sqlShapeOf(query('equals', ['zqalmashape0z']))).toBeUndefined();
    expect(sqlShapeOf({ measures: ['users.count'] })).toBeUndefined();
  });
});
