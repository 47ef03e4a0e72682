/**
 * The `query` echoed in a response: the normalized query as Cube's Rust module
 * re-serialises it, keeping only the fields the client protocol knows.
 */
import { pickPresent, toJsonValue, type JsonValue } from './json-value';

const QUERY_FIELDS = [
  'measures', 'dimensions', 'timeDimensions', 'segments', 'limit', 'offset', 'total', 'totalQuery', 'timezone',
  'renewQuery', 'ungrouped', 'responseFormat', 'filters', 'rowLimit', 'order', 'queryType',
] as const;
const TIME_DIMENSION_FIELDS = ['dimension', 'dateRange', 'compareDateRange', 'granularity'] as const;

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? value as Record<string, unknown> : {};
}

export function outputQuery(query: Record<string, unknown>): Record<string, JsonValue> {
  const out = pickPresent(query, QUERY_FIELDS);
  if (Array.isArray(query.timeDimensions)) {
    out.timeDimensions = query.timeDimensions.map((td) => pickPresent(asRecord(td), TIME_DIMENSION_FIELDS));
  }
  if (Array.isArray(query.order)) {
    out.order = query.order.map((item) => {
      // Normalized queries hold `{ id, desc }`; tolerate the `[member, direction]` pair form too.
      if (Array.isArray(item)) return { id: toJsonValue(item[0]), desc: item[1] === 'desc' };
      const { id, desc } = asRecord(item);
      return { id: toJsonValue(id), desc: Boolean(desc) };
    });
  }
  return out;
}
