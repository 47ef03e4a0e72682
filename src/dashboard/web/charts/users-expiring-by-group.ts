import type { ChartDefinition } from './chart-definition';
import { campusFilters } from '../campus-scope';
import { WINDOW_COLOURS } from './chart-colours';
import { pivotSeries, categoryChart } from './pivot-series';

const windows: Record<string, string> = {
  'users.users_expiring_in_30_days': 'Within 30 days',
  'users.users_expiring_in_60_days': 'Within 60 days',
  'users.users_expiring_in_90_days': 'Within 90 days',
};

/** Users whose accounts expire within the next 30, 60 and 90 days, by user group. */
export const usersExpiringByGroup: ChartDefinition = {
  id: 'users-expiring-by-group',
  title: 'Users expiring within 30 / 60 / 90 days',
  footnote: 'Cumulative: "within 60 days" includes the users expiring within 30 days, "within 90 days" both.',
  query: (scope) => ({
    measures: Object.keys(windows),
    dimensions: ['users.user_group'],
    filters: campusFilters('users', scope),
    order: { 'users.users_expiring_in_90_days': 'desc' },
  }),
  draw: (resultSet) => {
    const pivotConfig = { x: ['users.user_group'], y: ['measures'] };
    const titles = new Map(resultSet.seriesNames(pivotConfig).map((column) => [column.title, windows[column.key] ?? column.title]));
    const order = Object.values(windows);
    const chart = pivotSeries(resultSet, pivotConfig, {
      type: 'bar',
      seriesTitle: (title) => titles.get(title) ?? title,
      colour: (name) => WINDOW_COLOURS[order.indexOf(name)],
    });
    return categoryChart(chart, { x: 'User group', y: 'Users', turnLabels: true });
  },
};
