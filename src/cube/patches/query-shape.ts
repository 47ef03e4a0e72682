type QueryObject = Record<string, unknown>;

/**
 * The query with each filter's values and each date range replaced by how many
 * there are: which members a query touches does not depend on them. Undefined
 * when the query holds anything JSON cannot say (a member expression compiled
 * to a function), so such a query is never matched to another.
 */
export function queryShape(query: QueryObject): string | undefined {
  let exact = true;
  const text = JSON.stringify(query, (key, value: unknown) => {
    if (typeof value === 'function') exact = false;
    if (key === 'requestId') return undefined;
    if ((key === 'values' || key === 'dateRange') && Array.isArray(value)) return { count: value.length };
    if (key === 'dateRange' && typeof value === 'string') return { relative: true };
    return value;
  });
  return exact ? text : undefined;
}
