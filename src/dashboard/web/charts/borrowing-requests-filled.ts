import type { ChartDefinition } from './chart-definition';
import { campusFilters } from '../campus-scope';
import { formatNumber } from '../format-number';
import { disclosureOf, fewerThan, suppressedRows } from '../disclosure-marker';

const FILLED = 'resource_sharing.filled';
const REQUESTS = 'resource_sharing.num_of_requests';

/** Resource sharing borrowing requests a partner filled versus the ones it did not (yet). */
export const borrowingRequestsFilled: ChartDefinition = {
  id: 'borrowing-requests-filled',
  title: 'Borrowing requests filled vs not filled',
  query: (scope) => ({
    measures: [REQUESTS],
    dimensions: [FILLED],
    filters: campusFilters('resource_sharing', scope),
  }),
  draw: (resultSet) => {
    const held = suppressedRows(resultSet, REQUESTS);
    const minCellSize = disclosureOf(resultSet)?.minCellSize;
    const slices = (resultSet.rawData() as Record<string, unknown>[]).map((row, index) => ({
      name: String(row[FILLED]) === 'true' ? 'Filled' : 'Not filled',
      value: Number(row[REQUESTS] ?? 0),
      held: held.has(index),
    }));
    // A held-back slice cannot be drawn to scale; it is named under the chart instead.
    const shown = slices.filter((slice) => !slice.held);
    const hidden = slices.filter((slice) => slice.held).map((slice) => `${slice.name}: ${fewerThan(minCellSize ?? 0)}`);
    return {
      points: shown.filter((slice) => slice.value > 0).length,
      note: hidden.length > 0 ? `Not shown: ${hidden.join('; ')} requests.` : '',
      option: {
        animation: false,
        legend: { top: 0 },
        color: ['#2a9d6f', '#e07b24'],
        tooltip: { trigger: 'item', valueFormatter: (value) => formatNumber(value) },
        series: [{
          type: 'pie',
          radius: ['35%', '62%'],
          top: 24,
          data: shown.map(({ name, value }) => ({ name, value })),
          label: { formatter: (slice) => `${slice.name}: ${formatNumber(slice.value)} (${formatNumber(slice.percent)} %)` },
        }],
      },
    };
  },
};
