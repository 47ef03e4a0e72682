import type { ChartDefinition } from './chart-definition';
import { campusFilters } from '../campus-scope';
import { baseOption, valueAxis } from './chart-style';
import { pivotSeries } from './pivot-series';

const windows: Record<string, string> = {
  'users.users_expiring_in_30_days': 'Next 30 days',
  'users.users_expiring_in_60_days': 'Next 60 days',
  'users.users_expiring_in_90_days': 'Next 90 days',
};

/** Users whose accounts expire in the next 30, 60 and 90 days, by user group. */
export const usersExpiringByGroup: ChartDefinition = {
  id: 'users-expiring-by-group',
  title: 'Users expiring in the next 30 / 60 / 90 days',
  query: (scope) => ({
    measures: Object.keys(windows),
    dimensions: ['users.user_group'],
    filters: campusFilters('users', scope),
    order: { 'users.users_expiring_in_90_days': 'desc' },
  }),
  draw: (resultSet) => {
    const pivotConfig = { x: ['users.user_group'], y: ['measures'] };
    const titles = new Map(resultSet.seriesNames(pivotConfig).map((column) => [column.title, windows[column.key] ?? column.title]));
    const { categories, series, points } = pivotSeries(resultSet, pivotConfig, {
      type: 'bar',
      seriesTitle: (title) => titles.get(title) ?? title,
    });
    return {
      points,
      option: { ...baseOption(), xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: 30 } }, yAxis: valueAxis(), series },
    };
  },
};
