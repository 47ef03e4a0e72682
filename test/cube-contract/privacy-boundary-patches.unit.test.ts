import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import moment from 'moment-timezone';
import { describe, expect, it } from 'vitest';

// What the privacy boundary's patches (src/cube/patches/) rely on in Cube 1.7.43:
// one method every query passes through, the /meta filter, the /dry-run handler,
// and moment's switch for deprecation warnings. A Cube upgrade that moves any of
// them fails here, not silently in production. Read from the installed source,
// so the check needs neither a server nor Cube's native module.
const require = createRequire(__filename);
const gatewaySource = readFileSync(require.resolve('@cubejs-backend/api-gateway/dist/src/gateway.js'), 'utf8');

/** The source of one method of ApiGateway, from its signature to its closing brace at class-member indentation. */
function source(method: string): string {
  const start = gatewaySource.search(new RegExp(`\\n    (async )?${method}\\(`));
  if (start < 0) return '';
  const end = gatewaySource.indexOf('\n    }\n', start);
  return gatewaySource.slice(start, end);
}

describe("Cube's API gateway, as the privacy boundary uses it", () => {
  it('is release 1.7.43', () => {
    expect(require('@cubejs-backend/api-gateway/package.json').version).toBe('1.7.43');
    expect(require('@cubejs-backend/server-core/package.json').version).toBe('1.7.43');
  });

  it('has the methods the patches wrap or call', () => {
    for (const method of ['getNormalizedQueries', 'parseQueryParam', 'getCompilerApi', 'filterVisibleItemsInMeta', 'dryRun', 'handleError']) {
      expect(source(method), method).not.toBe('');
    }
  });

  it('sends every query route through getNormalizedQueries (the one enforcement point)', () => {
    for (const method of ['load', 'sql', 'dryRun', 'sqlApiLoad']) expect(source(method), method).toContain('this.getNormalizedQueries(');
    // Subscriptions (HTTP and websockets) run load; GraphQL queries run load too.
    expect(source('subscribe')).toContain('this.load(');
    const graphql = readFileSync(require.resolve('@cubejs-backend/api-gateway/dist/src/graphql.js'), 'utf8');
    expect(graphql).toContain('apiGateway.load(');
    expect(graphql).not.toContain('getSqlQueriesInternal');
  });

  it('parses the query before anything else in getNormalizedQueries, and reads no member of it before', () => {
    const body = source('getNormalizedQueries');
    expect(body.indexOf('this.parseQueryParam(inputQuery)')).toBeGreaterThan(-1);
    expect(body.indexOf('this.parseQueryParam(inputQuery)')).toBeLessThan(body.indexOf('compilerApi.applyRowLevelSecurity'));
  });

  it('filters /meta (plain and extended) through filterVisibleItemsInMeta, with the caller\'s context', () => {
    expect(source('meta')).toContain('this.filterVisibleItemsInMeta(context,');
    expect(source('metaExtended')).toContain('this.filterVisibleItemsInMeta(context,');
  });

  it('answers a CubejsHandlerError from handleError with its status and message', () => {
    expect(source('handleError')).toMatch(/instanceof cubejs_handler_error_1\.CubejsHandlerError[\s\S]*res\(\{ error: e\.message[\s\S]*status: e\.status/);
  });

  it('gives the compiled model without policies when metaConfig is asked skipVisibilityPatch', () => {
    const compilerApi = readFileSync(require.resolve('@cubejs-backend/server-core/dist/src/core/CompilerApi.js'), 'utf8');
    expect(compilerApi).toMatch(/if \(skipVisibilityPatch\) \{/);
    // remember-compiled-model.ts reads the same cubes off the compilers getCompilers resolves with.
    expect(compilerApi).toContain('async getCompilers(options = {}) {');
    expect(compilerApi).toContain('const { cubes } = compilers.metaTransformer;');
  });

  it('builds the GraphQL schema from metaConfig with skipVisibilityPatch, through the module\'s makeSchema, cached on the compiler API', () => {
    const route = gatewaySource.slice(gatewaySource.indexOf('app.use(`${this.basePath}/graphql`'), gatewaySource.indexOf('graphqlHTTP)({'));
    expect(route).toContain('let schema = compilerApi.getGraphQLSchema();');
    expect(route).toContain('skipVisibilityPatch: true,');
    expect(route).toContain('schema = (0, graphql_1.makeSchema)(metaConfig);');
    expect(route).toContain('compilerApi.setGraphQLSchema(schema);');
    // Only the GraphQL route asks for the model without policies; graphql-schema-per-group.ts cuts exactly that answer.
    expect(gatewaySource.match(/skipVisibilityPatch: true/g)).toHaveLength(1);
  });

  it('routes /dry-run, /sql and GraphQL where cube.js checks their paths', () => {
    for (const route of ['/v1/dry-run`', '/v1/sql`', '/graphql`', '/v1/graphql-to-json`', '/v1/cubesql`', '/v1/convert-query`']) {
      expect(gatewaySource, route).toContain(`\${this.basePath}${route}`);
    }
  });
});

describe("moment, which Cube's date parsing uses", () => {
  it('has the switch that silences deprecation warnings', () => {
    expect(moment.suppressDeprecationWarnings).toBeTypeOf('boolean');
  });
});
