import type { Query, ResultSet } from '@cubejs-client/core';
import type { EChartsOption } from 'echarts';
import type { CampusScope } from '../campus-scope';

/** One chart of the dashboard: the query it runs through a view and how its result is drawn. */
export interface ChartDefinition {
  /** Stable id, used for the card's element id and test selectors. */
  readonly id: string;
  readonly title: string;
  /** A line under the chart that says how to read it (what is cumulative, what is partial). */
  readonly footnote?: string;
  query(scope: CampusScope): Query;
  /**
   * The ECharts option for the result, how many data points it shows (0 shows
   * "no data"), and a note for this answer (values held back, a partial month).
   */
  draw(resultSet: ResultSet): { option: EChartsOption; points: number; note?: string };
}
