import type { ChartDefinition } from './chart-definition';
import { campusFilters } from '../campus-scope';
import { formatNumber } from '../format-number';

/** Resource sharing borrowing requests a partner filled versus the ones it did not (yet). */
export const borrowingRequestsFilled: ChartDefinition = {
  id: 'borrowing-requests-filled',
  title: 'Borrowing requests filled vs not filled',
  query: (scope) => ({
    measures: ['resource_sharing.num_of_requests'],
    dimensions: ['resource_sharing.filled'],
    filters: campusFilters('resource_sharing', scope),
  }),
  draw: (resultSet) => {
    const data = resultSet.tablePivot().map((row) => ({
      name: String(row['resource_sharing.filled']) === 'true' ? 'Filled' : 'Not filled',
      value: Number(row['resource_sharing.num_of_requests'] ?? 0),
    }));
    return {
      points: data.filter((slice) => slice.value > 0).length,
      option: {
        animation: false,
        legend: { top: 0 },
        tooltip: { trigger: 'item', valueFormatter: (value) => formatNumber(value) },
        series: [{
          type: 'pie',
          radius: ['35%', '65%'],
          top: 24,
          data,
          label: { formatter: (slice) => `${slice.name}: ${formatNumber(slice.value)} (${formatNumber(slice.percent)} %)` },
        }],
      },
    };
  },
};
