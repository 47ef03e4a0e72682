/**
 * One query's response object: the gateway's result data with the shaped
 * `data` added, fields in the order Cube sends them.
 */
import { pickPresent, type JsonValue } from './json-value';
import { outputAnnotation } from './output-annotation';
import { outputQuery } from './output-query';
import type { ShapedData } from './shape-data';

function optionalOfType(resultData: Record<string, unknown>, field: string, type: 'string' | 'boolean' | 'number') {
  const value = resultData[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== type) throw new Error(`Result data: ${field} must be a ${type}`);
  return value;
}

export function resultEnvelope(resultData: unknown, data: ShapedData | undefined): Record<string, unknown> {
  if (typeof resultData !== 'object' || resultData === null) throw new Error('Result data must be an object');
  const source = resultData as Record<string, unknown>;
  if (typeof source.query !== 'object' || source.query === null) throw new Error('Result data: query must be an object');
  if (typeof source.slowQuery !== 'boolean') throw new Error('Result data: slowQuery must be a boolean');
  const total = optionalOfType(source, 'total', 'number');
  if (typeof total === 'number' && !(Number.isInteger(total) && total >= 0)) {
    throw new Error('Result data: total must be a non-negative integer');
  }
  const envelope: Record<string, unknown> = {
    query: outputQuery(source.query as Record<string, unknown>),
    lastRefreshTime: optionalOfType(source, 'lastRefreshTime', 'string'),
    ...pickPresent(source, ['refreshKeyValues', 'usedPreAggregations', 'transformedQuery']),
    requestId: optionalOfType(source, 'requestId', 'string'),
    annotation: outputAnnotation(source.annotation),
    dataSource: optionalOfType(source, 'dataSource', 'string'),
    dbType: optionalOfType(source, 'dbType', 'string'),
    extDbType: optionalOfType(source, 'extDbType', 'string'),
    external: optionalOfType(source, 'external', 'boolean'),
    slowQuery: source.slowQuery,
    total,
    data,
  };
  // Absent optional fields are left out, not sent as null.
  return Object.fromEntries(Object.entries(envelope).filter(([, value]) => value !== undefined)) as Record<string, JsonValue>;
}
