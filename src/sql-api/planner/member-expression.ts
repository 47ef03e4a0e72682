import { SqlApiError, SQLSTATE } from './plan-error';

const IDENTIFIER = /^[A-Za-z0-9_]+$/;

/** `${view.member}`: how a member expression's SQL names a member (Cube evaluates it through the view). */
export function memberReference(member: string): string {
  const [view, name, ...rest] = member.split('.');
  if (!view || !name || rest.length || !IDENTIFIER.test(view) || !IDENTIFIER.test(name)) {
    throw new SqlApiError(SQLSTATE.internalError, 'a member name that is not an identifier');
  }
  return `\${${view}.${name}}`;
}

/**
 * Cube turns a member expression's SQL into JavaScript (a template literal given to
 * Function), so the SQL must hold nothing that template could run: no backtick, no
 * backslash, and `${` only in member references. Our compiler writes only keywords,
 * resolved member names and `$n$` placeholders; this check makes a slip fail closed.
 */
function assertInertTemplate(sql: string): void {
  const withoutMembers = sql.replace(/\$\{[A-Za-z0-9_]+\.[A-Za-z0-9_]+\}/g, '');
  if (/[`\\]|\$\{/.test(withoutMembers)) throw new SqlApiError(SQLSTATE.internalError, 'refusing a member expression that is not inert');
}

/** A member expression in the JSON form Cube's SQL API sends (`parseMemberExpression` in the gateway). */
export function memberExpression(view: string, alias: string, sql: string): string {
  if (!IDENTIFIER.test(view) || !IDENTIFIER.test(alias)) throw new SqlApiError(SQLSTATE.internalError, 'a member expression name that is not an identifier');
  assertInertTemplate(sql);
  return JSON.stringify({ cubeName: view, alias, expr: { type: 'SqlFunction', cubeParams: [view], sql } });
}

/**
 * A segment true for every row that names one of the query's members. Cube matches an
 * ungrouped query to a rollup pre-aggregation when the rollup has its dimensions, and
 * then answers distinct combinations instead of every row; a member expression is in no
 * rollup, so with this segment Cube reads the rows themselves.
 */
export function everyRowSegment(view: string, member: string, alias: string): string {
  const ref = memberReference(member);
  return memberExpression(view, alias, `(${ref} IS NULL OR ${ref} IS NOT NULL)`);
}
