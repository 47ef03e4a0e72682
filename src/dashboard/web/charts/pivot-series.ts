import type { PivotConfig, ResultSet } from '@cubejs-client/core';
import type { BarSeriesOption, EChartsOption, LineSeriesOption } from 'echarts';
import { baseOption, categoryAxis, valueAxis } from './chart-style';
import { disclosureOf, suppressedChartCells } from '../disclosure-marker';

// Cube's pivot writes this where a combination has no row or a null value; the chart decides which it was.
const NO_VALUE = '\u0000no value';

export interface ChartSeries {
  readonly categories: string[];
  readonly series: (BarSeriesOption | LineSeriesOption)[];
  /** Values shown (not 0, not held back): 0 means "no data". */
  readonly points: number;
  /** Cells the server held back (fewer than minCellSize people): drawn as gaps, "fewer than k" in tooltips. */
  readonly suppressed: number;
  readonly minCellSize: number | undefined;
}

/**
 * Series for a category chart from Cube's chart pivot: one category per x
 * value, one series per y key. A combination with no row is a count of
 * nothing, 0; a value the server held back is null (a gap), never 0.
 */
export function pivotSeries(
  resultSet: ResultSet,
  pivotConfig: PivotConfig,
  kind: {
    type: 'bar' | 'line';
    stack?: string;
    label?: (x: string) => string;
    seriesTitle?: (title: string) => string;
    colour?: (seriesName: string) => string | undefined;
  },
): ChartSeries {
  const rows = resultSet.chartPivot({ ...pivotConfig, fillWithValue: NO_VALUE });
  const held = suppressedChartCells(resultSet, pivotConfig);
  let suppressed = 0;
  const categories = rows.map((row) => (kind.label ? kind.label(String(row.x)) : String(row.x)));
  const series = resultSet.seriesNames(pivotConfig).map((column) => {
    const name = kind.seriesTitle ? kind.seriesTitle(column.title) : column.title;
    const data = rows.map((row) => {
      if (held.has(`${row.x}\u0001${column.key}`)) {
        suppressed += 1;
        return null;
      }
      const value = row[column.key];
      return value === NO_VALUE || value === null || value === undefined ? 0 : Number(value);
    });
    const colour = kind.colour?.(name);
    const style = colour ? { itemStyle: { color: colour }, ...(kind.type === 'line' ? { lineStyle: { color: colour } } : {}) } : {};
    return kind.type === 'bar'
      ? ({ type: 'bar', name, stack: kind.stack, data, ...style } satisfies BarSeriesOption)
      // Straight lines between months: a smoothed curve overshoots the points and invents values between them.
      : ({ type: 'line', name, stack: kind.stack, data, smooth: false, connectNulls: false, ...style } satisfies LineSeriesOption);
  });
  const points = series.reduce((sum, one) => sum + (one.data as (number | null)[]).filter((value) => value !== 0 && value !== null).length, 0);
  return { categories, series, points, suppressed, minCellSize: disclosureOf(resultSet)?.minCellSize };
}

/** The last part of a series title ("Users User Group, Active, Number of Users" reads "Active"). */
export function lastTitlePart(title: string): string {
  const parts = title.split(',').map((part) => part.trim());
  return parts.length > 1 ? parts.slice(0, -1).join(', ') : title;
}

/** The note under a chart with held-back cells. */
export function suppressionNote(chart: Pick<ChartSeries, 'suppressed' | 'minCellSize'>): string {
  return chart.suppressed > 0 && chart.minCellSize
    ? `${chart.suppressed === 1 ? '1 value is' : `${chart.suppressed} values are`} not shown: fewer than ${chart.minCellSize} people each.`
    : '';
}

/** The titles and notes of a category chart's axes: `turnLabels` for long category names, `note` besides held-back values. */
export interface CategoryChartAxes {
  readonly x: string;
  readonly y: string;
  readonly turnLabels?: boolean;
  readonly note?: string;
}

/** What a category chart draws: the series of `chart` on titled axes, and its notes (values held back first). */
export function categoryChart(chart: ChartSeries, axes: CategoryChartAxes): { option: EChartsOption; points: number; note: string } {
  return {
    points: chart.points,
    note: [suppressionNote(chart), axes.note].filter(Boolean).join(' '),
    option: {
      ...baseOption('plain', chart.minCellSize),
      xAxis: categoryAxis(axes.x, chart.categories, axes.turnLabels ?? false),
      yAxis: valueAxis(axes.y),
      series: chart.series,
    },
  };
}
