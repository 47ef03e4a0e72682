import type { Cube, PivotConfig, Query, TimeDimensionGranularity } from '@cubejs-client/core';
import type { CampusScope } from '../campus-scope';
import { campusFilters } from '../campus-scope';

/** What the viewer picked: a view, its dimensions for rows and columns, and its measures. */
export interface PivotSelection {
  readonly view: Cube;
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  readonly measures: readonly string[];
}

/** Time dimensions are grouped by month in pivots. */
const TIME_GRANULARITY: TimeDimensionGranularity = 'month';

function isTime(view: Cube, member: string): boolean {
  return view.dimensions.some((dimension) => dimension.name === member && dimension.type === 'time');
}

/** The key a picked dimension has in a pivot (time dimensions carry their granularity). */
function pivotKey(view: Cube, member: string): string {
  return isTime(view, member) ? `${member}.${TIME_GRANULARITY}` : member;
}

/**
 * The Cube query and pivot config of a selection: rows become the pivot's x
 * axis, columns and then the measures its y axis. The campus filter applies
 * when the view has campus_code (a dashboard token's own limit applies anyway).
 */
export function toPivotQuery(selection: PivotSelection, scope: CampusScope): { query: Query; pivotConfig: PivotConfig } {
  const { view } = selection;
  const picked = [...new Set([...selection.rows, ...selection.columns])];
  const hasCampus = view.dimensions.some((dimension) => dimension.name === `${view.name}.campus_code`);
  const query: Query = {
    measures: [...selection.measures],
    dimensions: picked.filter((member) => !isTime(view, member)),
    timeDimensions: picked.filter((member) => isTime(view, member)).map((dimension) => ({ dimension, granularity: TIME_GRANULARITY })),
    filters: hasCampus ? campusFilters(view.name, scope) : [],
    limit: 5000,
  };
  const pivotConfig: PivotConfig = {
    x: selection.rows.map((member) => pivotKey(view, member)),
    y: [...selection.columns.filter((member) => !selection.rows.includes(member)).map((member) => pivotKey(view, member)), 'measures'],
    fillMissingDates: false,
  };
  return { query, pivotConfig };
}
