import type { VisibleColumn } from '../catalog/visible-tables';

/** Time granularities Cube knows, as date_trunc spells them. */
export const GRANULARITIES = new Set(['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year']);

/**
 * What an expression of the SQL stands for in Cube: a dimension, a time dimension at a
 * granularity, or a measure. `key` is the member name Cube's result rows are keyed by.
 */
export type ResolvedMember =
  | { kind: 'dimension'; column: VisibleColumn; key: string }
  | { kind: 'time'; column: VisibleColumn; granularity: string; key: string }
  | { kind: 'measure'; column: VisibleColumn; key: string };

export function dimensionOf(column: VisibleColumn): ResolvedMember {
  return column.kind === 'measure'
    ? { kind: 'measure', column, key: column.member }
    : { kind: 'dimension', column, key: column.member };
}

export function timeOf(column: VisibleColumn, granularity: string): ResolvedMember {
  return { kind: 'time', column, granularity, key: `${column.member}.${granularity}` };
}
