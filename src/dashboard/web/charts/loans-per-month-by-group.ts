import type { ChartDefinition } from './chart-definition';
import { campusFilters } from '../campus-scope';
import { groupColour } from './chart-colours';
import { lastMonths } from './month-window';
import { categoryChart, lastTitlePart, pivotSeries } from './pivot-series';

const MONTHS = 24;

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
    timeDimensions: [{ dimension: 'fulfillment.loan_date', granularity: 'month', dateRange: lastMonths(MONTHS).dateRange }],
    filters: campusFilters('fulfillment', scope),
  }),
  draw: (resultSet) => {
    const window = lastMonths(MONTHS);
    const chart = pivotSeries(
      resultSet,
      { x: ['fulfillment.loan_date.month'], y: ['fulfillment.user_group', 'measures'] },
      {
        type: 'bar',
        stack: 'group',
        label: window.label,
        seriesTitle: lastTitlePart,
        colour: groupColour,
      },
    );
    return categoryChart(chart, { x: 'Month of loan', y: 'Loans', note: window.note });
  },
};
