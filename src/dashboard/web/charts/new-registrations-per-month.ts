import type { ChartDefinition } from './chart-definition';
import { campusFilters } from '../campus-scope';
import { baseOption, monthLabel, valueAxis } from './chart-style';
import { pivotSeries } from './pivot-series';

/** New registrations per month over the last two years (the model counts them by status date). */
export const newRegistrationsPerMonth: ChartDefinition = {
  id: 'new-registrations-per-month',
  title: 'New registrations per month',
  query: (scope) => ({
    measures: ['users.new_registrations'],
    timeDimensions: [{ dimension: 'users.status_date', granularity: 'month', dateRange: 'last 24 months' }],
    filters: campusFilters('users', scope),
  }),
  draw: (resultSet) => {
    const { categories, series, points } = pivotSeries(
      resultSet,
      { x: ['users.status_date.month'], y: ['measures'] },
      { type: 'line', label: monthLabel, seriesTitle: () => 'New registrations' },
    );
    return { points, option: { ...baseOption(), xAxis: { type: 'category', data: categories }, yAxis: valueAxis(), series } };
  },
};
