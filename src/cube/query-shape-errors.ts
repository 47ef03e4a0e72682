/** The deepest filter nesting (and/or) a query may have; Cube recurses per level. */
export const MAX_FILTER_DEPTH = 100;

const MEMBER_LISTS = ['measures', 'dimensions', 'segments', 'timeDimensions', 'filters'] as const;

function filterDepth(filter: unknown, depth = 1): number {
  if (depth > MAX_FILTER_DEPTH) return depth;
  if (!filter || typeof filter !== 'object') return depth;
  const { and, or } = filter as { and?: unknown; or?: unknown };
  const nested = Array.isArray(and) ? and : Array.isArray(or) ? or : undefined;
  if (!nested) return depth;
  return Math.max(depth, ...nested.map((child) => filterDepth(child, depth + 1)));
}

/**
 * What is wrong with the shape of one REST query, in words for the caller, or
 * undefined when Cube can take it from here. Cube's gateway refuses most bad
 * queries itself with a 400; these shapes it answers with a 500 (or a stack
 * overflow), so they are refused before it sees them.
 */
export function queryShapeError(query: unknown, maxLimit: number): string | undefined {
  if (query === null || typeof query !== 'object' || Array.isArray(query)) {
    return 'the query must be a JSON object such as {"measures": ["users.count"]}';
  }
  const fields = query as Record<string, unknown>;
  for (const list of MEMBER_LISTS) {
    if (fields[list] !== undefined && !Array.isArray(fields[list])) return `"${list}" must be a list`;
  }
  // Cube refuses a limit that is not a whole number itself; one above its maximum it answers with a 500.
  if (typeof fields.limit === 'number' && fields.limit > maxLimit) return `"limit" may be at most ${maxLimit}`;
  const filters = (fields.filters as unknown[] | undefined) ?? [];
  if (filters.some((filter) => filterDepth(filter) > MAX_FILTER_DEPTH)) {
    return `filters may be nested at most ${MAX_FILTER_DEPTH} levels deep`;
  }
  return undefined;
}
