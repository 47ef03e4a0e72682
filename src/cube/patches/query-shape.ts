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

// Operators whose values Cube passes to PostgreSQL as bind parameters, untouched and unparsed.
const VALUE_AS_PARAMETER = new Set(['equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'notStartsWith', 'endsWith', 'notEndsWith']);
export const MARK = 'zqalmashape';
const markFor = (index: number) => `${MARK}${index}z`;

export interface Shape {
  readonly key: string;
  readonly values: readonly string[];
  /**
   * The query with value number i replaced by markFor(i), made only when a shape is first compiled;
   * undefined when the rest of the query holds the mark itself (its answer could not be told apart).
   */
  probe(): QueryObject | undefined;
}

/**
 * The query's shape (everything but its filter values, which become their
 * count) and its values in order, or undefined when a value is not a string
 * under an operator Cube passes on as a bind parameter, holds the mark, or the
 * query holds anything JSON cannot say.
 */
export function sqlShapeOf(query: QueryObject): Shape | undefined {
  const values: string[] = [];
  let usable = true;
  const key = JSON.stringify(query, function shape(this: Record<string, unknown>, name, value: unknown) {
    if (typeof value === 'function') usable = false;
    if (name === 'requestId') return undefined;
    if (name === 'values' && Array.isArray(value)) {
      if (!VALUE_AS_PARAMETER.has(String(this.operator)) || !value.every((item) => typeof item === 'string')) usable = false;
      values.push(...(value as string[]));
      return { count: value.length };
    }
    return value;
  });
  if (!usable || values.length === 0 || values.some((text) => text.toLowerCase().includes(MARK))) return undefined;
  const probe = (): QueryObject | undefined => {
    if (key.toLowerCase().includes(MARK)) return undefined;
    let next = 0;
    return JSON.parse(JSON.stringify(query, (name, value: unknown) =>
      (name === 'values' && Array.isArray(value) ? value.map(() => markFor(next++)) : value))) as QueryObject;
  };
  return { key, values, probe };
}
