import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// What the boundary's check of member expressions (src/boundary/check-member-expression.ts,
// called from src/cube/patches/check-members-before-cube.ts) relies on in Cube 1.7.43,
// read from the installed source: which routes take member expressions, and how Cube
// turns one into code. An upgrade that changes either fails here.
const require = createRequire(__filename);
const gatewaySource = readFileSync(require.resolve('@cubejs-backend/api-gateway/dist/src/gateway.js'), 'utf8');
const sqlServerSource = readFileSync(require.resolve('@cubejs-backend/api-gateway/dist/src/sql-server.js'), 'utf8');
const querySource = readFileSync(require.resolve('@cubejs-backend/api-gateway/dist/src/query.js'), 'utf8');

function source(text: string, method: string): string {
  const start = text.search(new RegExp(`\\n    (async )?${method}\\(`));
  if (start < 0) return '';
  return text.slice(start, text.indexOf('\n    }\n', start));
}

describe("Cube's member expressions, as the privacy boundary checks them", () => {
  it('are taken where getNormalizedQueries\' fourth argument says so: the SQL API\'s load and sql, never REST\'s load', () => {
    expect(gatewaySource).toContain('async getNormalizedQueries(inputQuery, context, persistent = false, memberExpressions = false, cacheMode)');
    expect(source(gatewaySource, 'getNormalizedQueries')).toContain("throw new Error('Expressions are not allowed in this context')");
    expect(source(gatewaySource, 'load')).toContain('this.getNormalizedQueries(query, context, false, false, cacheMode)');
    expect(source(gatewaySource, 'sqlApiLoad')).toContain('request.memberExpressions');
    expect(sqlServerSource.match(/memberExpressions: true/g)).toHaveLength(2);
  });

  it('are JSON text whose SQL becomes the body of a template literal given to Function', () => {
    const parse = source(gatewaySource, 'parseMemberExpression');
    expect(parse).toContain("memberExpression.startsWith('{')");
    expect(parse).toContain('`return \\`${obj.expr.sql}\\``');
    expect(source(gatewaySource, 'evalMemberExpression')).toContain('Function.constructor.apply(null, memberExpression.expression)');
    // Strings starting with "{" are parsed; objects pass as already parsed expressions, which the boundary refuses.
    expect(source(gatewaySource, 'hasExpressionsInQuery')).toContain("typeof item === 'string' && item.startsWith('{')");
    expect(querySource).toContain('const parsedMemberExpression = joi_1.default.object().keys({');
  });
});
