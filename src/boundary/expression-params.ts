import { unreadableQuery } from './query-refusal';

/** The query key under which the SQL API sends the values of its member expressions' `$n$` parameters. */
export const EXPRESSION_PARAMS = 'expressionParams';

/** Longer than any list of constants a BI tool's statement carries; a bound on what one query may hold. */
const MAX_PARAMS = 10_000;

export interface TakenParams {
  /** The query without the parameters, as Cube's own normalization reads it. */
  readonly query: unknown;
  /** The parameters, or undefined when the query carried none. */
  readonly params: readonly (string | null)[] | undefined;
}

/**
 * Takes the expression parameters off a query: the values Cube binds for the `$n$` of
 * its member expressions, sent by the SQL API with the query it loads. Taken only
 * where Cube takes member expressions (`memberExpressions`), only as a list of strings
 * and nulls; anything else is refused. Cube's own normalization never sees the key
 * (its schema has none); the boundary gives the parameters back to each query it
 * normalized, so Cube binds them where it builds the query's SQL.
 */
export function takeExpressionParams(query: unknown, memberExpressions: boolean): TakenParams {
  if (!query || typeof query !== 'object' || Array.isArray(query) || !Object.hasOwn(query, EXPRESSION_PARAMS)) return { query, params: undefined };
  const { [EXPRESSION_PARAMS]: params, ...rest } = query as Record<string, unknown>;
  if (!memberExpressions) throw unreadableQuery(`"${EXPRESSION_PARAMS}" is taken over the SQL API only, with member expressions`);
  if (!Array.isArray(params) || params.length > MAX_PARAMS || !params.every((value) => value === null || typeof value === 'string')) {
    throw unreadableQuery(`"${EXPRESSION_PARAMS}" is a list of strings or nulls`);
  }
  return { query: rest, params: [...params] as (string | null)[] };
}
