/**
 * The `pivotQuery` of a multi-query response: the query the client pivots the
 * combined results by.
 *
 * Compare-date-range responses pivot on `compareDateRange` first; blending
 * responses on the union of all members over a shared `time` axis.
 */
import type { JsonValue } from './json-value';
import type { QueryType } from './transform-request';

type OutputQuery = Record<string, JsonValue>;

function unionOf(queries: readonly OutputQuery[], field: 'measures' | 'dimensions'): JsonValue[] | undefined {
  const seen = new Map<string, JsonValue>();
  for (const query of queries) {
    const members = query[field];
    if (Array.isArray(members)) for (const member of members) seen.set(JSON.stringify(member), member);
  }
  return seen.size > 0 ? [...seen.values()] : undefined;
}

function firstGranularity(query: OutputQuery): JsonValue | undefined {
  const timeDimensions = query.timeDimensions;
  const first = Array.isArray(timeDimensions) ? timeDimensions[0] : undefined;
  return first && typeof first === 'object' && !Array.isArray(first) ? first.granularity : undefined;
}

export function pivotQuery(queryType: QueryType, queries: readonly OutputQuery[]): OutputQuery {
  const first = queries[0];
  if (!first) throw new Error('Queries list cannot be empty');
  const pivot: OutputQuery = { ...first };
  if (queryType === 'blendingQuery') {
    for (const field of ['measures', 'dimensions'] as const) {
      const union = unionOf(queries, field);
      if (union) pivot[field] = union;
      else delete pivot[field];
    }
    const granularity = queries.map(firstGranularity).find((g) => g !== undefined && g !== null);
    if (granularity !== undefined) pivot.timeDimensions = [{ dimension: 'time', granularity }];
  } else if (queryType === 'compareDateRangeQuery') {
    pivot.dimensions = ['compareDateRange', ...(Array.isArray(first.dimensions) ? first.dimensions : [])];
  }
  pivot.queryType = queryType;
  return pivot;
}
