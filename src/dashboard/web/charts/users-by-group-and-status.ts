import type { ChartDefinition } from './chart-definition';
import { campusFilters } from '../campus-scope';
import { STATUS_COLOURS } from './chart-colours';
import { lastTitlePart, pivotSeries, categoryChart } from './pivot-series';

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
    const chart = pivotSeries(
      resultSet,
      { x: ['users.user_group'], y: ['users.status', 'measures'] },
      { type: 'bar', stack: 'status', seriesTitle: lastTitlePart, colour: (status) => STATUS_COLOURS[status] },
    );
    return categoryChart(chart, { x: 'User group', y: 'Users', turnLabels: true });
  },
};
