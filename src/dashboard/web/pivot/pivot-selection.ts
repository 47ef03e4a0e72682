import type { Filter, PivotConfig, Query, TimeDimension } from '@cubejs-client/core';
import type { PickedField } from './picked-fields';
import type { PivotGranularity } from './time-granularity';

/** What the viewer built: a view, rows, columns and measures in the order picked, filters and a date range. */
export interface PivotSelection {
  readonly view: string;
  readonly rows: readonly PickedField[];
  readonly columns: readonly PickedField[];
  readonly measures: readonly PickedField[];
  readonly filters: readonly Filter[];
  readonly dateRange?: { member: string; dateRange: [string, string] };
}

/** Cube answers at most this many rows (CUBEJS_DB_QUERY_LIMIT); the table shows fewer, the CSV all of them. */
export const ANSWER_LIMIT = 50_000;

/** The key a picked field has in pivot rows (time fields carry their granularity). */
export function pivotKey(picked: PickedField): string {
  return picked.granularity ? `${picked.field.name}.${picked.granularity}` : picked.field.name;
}

/** Granularity of each time key, for labels. */
export function granularityOfKeys(selection: PivotSelection): Map<string, PivotGranularity> {
  return new Map([...selection.rows, ...selection.columns].flatMap((picked) => (picked.granularity ? [[pivotKey(picked), picked.granularity]] : [])));
}

/**
 * The Cube query and pivot config of a selection: rows become the pivot's x
 * axis in the order picked (and its sort order), columns and then the
 * measures its y axis.
 */
export function toPivotQuery(selection: PivotSelection): { query: Query; pivotConfig: PivotConfig } {
  const grouped = [...selection.rows, ...selection.columns];
  const timeDimensions: TimeDimension[] = grouped.filter((picked) => picked.granularity).map((picked) => ({
    dimension: picked.field.name,
    granularity: picked.granularity,
    ...(selection.dateRange?.member === picked.field.name ? { dateRange: selection.dateRange.dateRange } : {}),
  }));
  const range = selection.dateRange;
  if (range && !timeDimensions.some((dimension) => dimension.dimension === range.member)) {
    timeDimensions.push({ dimension: range.member, dateRange: range.dateRange });
  }
  const query: Query = {
    measures: selection.measures.map((picked) => picked.field.name),
    dimensions: grouped.filter((picked) => !picked.granularity).map((picked) => picked.field.name),
    timeDimensions,
    filters: [...selection.filters],
    order: selection.rows.map((picked): [string, 'asc'] => [picked.field.name, 'asc']),
    limit: ANSWER_LIMIT,
  };
  const pivotConfig: PivotConfig = {
    x: selection.rows.map(pivotKey),
    y: [...selection.columns.map(pivotKey), 'measures'],
    fillMissingDates: false,
  };
  return { query, pivotConfig };
}
