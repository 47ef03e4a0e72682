import type { ChartDefinition } from './chart-definition';
import { campusFilters } from '../campus-scope';
import { lastMonths } from './month-window';
import { categoryChart, pivotSeries } from './pivot-series';

const MONTHS = 24;

/**
 * New registrations per month: users by the month their record was created
 * (Creation Date). The status date changes with every status change, so it
 * does not date a registration.
 */
export const newRegistrationsPerMonth: ChartDefinition = {
  id: 'new-registrations-per-month',
  title: 'New registrations per month',
  footnote: 'Users by the month their record was created (Creation Date).',
  query: (scope) => ({
    measures: ['users.count'],
    timeDimensions: [{ dimension: 'users.creation_date', granularity: 'month', dateRange: lastMonths(MONTHS).dateRange }],
    filters: campusFilters('users', scope),
  }),
  draw: (resultSet) => {
    const window = lastMonths(MONTHS);
    const chart = pivotSeries(
      resultSet,
      { x: ['users.creation_date.month'], y: ['measures'] },
      { type: 'line', label: window.label, seriesTitle: () => 'New registrations' },
    );
    return categoryChart(chart, { x: 'Month created', y: 'New users', note: window.note });
  },
};
