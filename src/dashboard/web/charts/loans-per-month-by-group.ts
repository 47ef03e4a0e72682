import type { ChartDefinition } from './chart-definition';
import { campusFilters } from '../campus-scope';
import { baseOption, monthLabel, valueAxis } from './chart-style';
import { lastTitlePart, pivotSeries } from './pivot-series';

/**
 * Loans per month by the borrower's user group. The group comes from the
 * loan's own snapshot, so anonymizing old loans does not change the chart.
 */
export const loansPerMonthByGroup: ChartDefinition = {
  id: 'loans-per-month-by-group',
  title: 'Loans per month by user group',
  query: (scope) => ({
    measures: ['fulfillment.num_of_loans'],
    dimensions: ['fulfillment.user_group'],
    timeDimensions: [{ dimension: 'fulfillment.loan_date', granularity: 'month', dateRange: 'last 24 months' }],
    filters: campusFilters('fulfillment', scope),
  }),
  draw: (resultSet) => {
    const { categories, series, points } = pivotSeries(
      resultSet,
      { x: ['fulfillment.loan_date.month'], y: ['fulfillment.user_group', 'measures'] },
      { type: 'bar', stack: 'group', label: monthLabel, seriesTitle: lastTitlePart },
    );
    return { points, option: { ...baseOption(), xAxis: { type: 'category', data: categories }, yAxis: valueAxis(), series } };
  },
};
