/**
 * `getFinalQueryResultMulti`: the response to a request of several queries
 * (`queryType: 'multi'`, which @cubejs-client/core always sends): compare date
 * ranges, data blending, or an array of regular queries.
 */
import type { JsonValue } from './json-value';
import { toJsonBytes } from './json-bytes';
import { pivotQuery } from './pivot-query';
import { shapeQueryResult } from './single-result';
import type { QueryType } from './transform-request';

const QUERY_TYPES: readonly string[] = ['regularQuery', 'compareDateRangeQuery', 'blendingQuery'];

/**
 * @param transformDataArr one transform data object per query
 * @param rows one raw result per query (see `getFinalQueryResult`)
 * @param responseData `{ queryType, results, slowQuery }`, `results` holding each query's response without `data`
 * @returns the JSON response as bytes
 */
export async function getFinalQueryResultMulti(transformDataArr: Object[], rows: any[], responseData: Object): Promise<ArrayBuffer> {
  const { queryType, results, slowQuery } = responseData as { queryType?: unknown; results?: unknown; slowQuery?: unknown };
  if (!QUERY_TYPES.includes(String(queryType))) throw new Error(`Response data: unknown queryType '${String(queryType)}'`);
  if (!Array.isArray(results) || !Array.isArray(transformDataArr) || !Array.isArray(rows)) {
    throw new Error('Response data: results, transform data and rows must be arrays');
  }
  if (results.length !== transformDataArr.length || results.length !== rows.length) {
    throw new Error(`Response data: ${results.length} results, ${transformDataArr.length} transform data, ${rows.length} row sets`);
  }
  if (typeof slowQuery !== 'boolean') throw new Error('Response data: slowQuery must be a boolean');
  const shaped = results.map((resultData, index) => shapeQueryResult(transformDataArr[index], rows[index], resultData));
  const queries = shaped.map((result) => result.query as Record<string, JsonValue>);
  return toJsonBytes({
    queryType,
    results: shaped,
    pivotQuery: pivotQuery(queryType as QueryType, queries),
    slowQuery,
  });
}
