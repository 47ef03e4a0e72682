import type { ChartDefinition } from './chart-definition';
import { campusFilters } from '../campus-scope';
import { baseOption, valueAxis } from './chart-style';
import { pivotSeries } from './pivot-series';

/** The balance still owed on open fines and fees, by the user group of the fee's user. */
export const openFinesByGroup: ChartDefinition = {
  id: 'open-fines-by-group',
  title: 'Open fines and fees balance by user group',
  query: (scope) => ({
    measures: ['fines_and_fees.open_balance'],
    dimensions: ['fines_and_fees.user_group'],
    filters: campusFilters('fines_and_fees', scope),
    order: { 'fines_and_fees.open_balance': 'desc' },
  }),
  draw: (resultSet) => {
    const { categories, series, points } = pivotSeries(
      resultSet,
      { x: ['fines_and_fees.user_group'], y: ['measures'] },
      { type: 'bar', seriesTitle: () => 'Open balance' },
    );
    return {
      points,
      option: {
        ...baseOption('currency'),
        yAxis: { type: 'category', data: categories, inverse: true },
        xAxis: valueAxis('currency'),
        series,
      },
    };
  },
};
