import type { ChartDefinition } from './chart-definition';
import { campusFilters } from '../campus-scope';
import { baseOption, valueAxis } from './chart-style';
import { lastTitlePart, pivotSeries } from './pivot-series';

/** Users by user group, stacked by status (Active / Inactive). */
export const usersByGroupAndStatus: ChartDefinition = {
  id: 'users-by-group-and-status',
  title: 'Users by user group and status',
  query: (scope) => ({
    measures: ['users.count'],
    dimensions: ['users.user_group', 'users.status'],
    filters: campusFilters('users', scope),
    order: { 'users.count': 'desc' },
  }),
  draw: (resultSet) => {
    const { categories, series, points } = pivotSeries(
      resultSet,
      { x: ['users.user_group'], y: ['users.status', 'measures'] },
      { type: 'bar', stack: 'status', seriesTitle: lastTitlePart },
    );
    return {
      points,
      option: { ...baseOption(), xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: 30 } }, yAxis: valueAxis(), series },
    };
  },
};
