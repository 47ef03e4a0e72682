import type { PivotConfig, ResultSet } from '@cubejs-client/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts';

/** Series for a category chart from Cube's chart pivot: one category per x value, one series per y key. */
export function pivotSeries(
  resultSet: ResultSet,
  pivotConfig: PivotConfig,
  kind: { type: 'bar' | 'line'; stack?: string; label?: (x: string) => string; seriesTitle?: (title: string) => string },
) {
  const rows = resultSet.chartPivot(pivotConfig);
  const categories = rows.map((row) => (kind.label ? kind.label(String(row.x)) : String(row.x)));
  const series = resultSet.seriesNames(pivotConfig).map((column) => {
    const name = kind.seriesTitle ? kind.seriesTitle(column.title) : column.title;
    const data = rows.map((row) => Number(row[column.key] ?? 0));
    return kind.type === 'bar'
      ? ({ type: 'bar', name, stack: kind.stack, data } satisfies BarSeriesOption)
      : ({ type: 'line', name, stack: kind.stack, data, smooth: true } satisfies LineSeriesOption);
  });
  const points = series.reduce((sum, one) => sum + one.data.filter((value) => value !== 0).length, 0);
  return { categories, series, points };
}

/** The last part of a series title ("Users User Group, Active, Number of Users" reads "Active"). */
export function lastTitlePart(title: string): string {
  const parts = title.split(',').map((part) => part.trim());
  return parts.length > 1 ? parts.slice(0, -1).join(', ') : title;
}
