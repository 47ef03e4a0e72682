/**
 * The `compareDateRange` value of each row of a compare-date-range query.
 *
 * The gateway splits such a query into one query per range; every row of each
 * carries the range it belongs to as `from - to`, which is how
 * `@cubejs-client/core` tells the series apart.
 */
import type { TimeDimension } from './transform-request';

export const COMPARE_DATE_RANGE_MEMBER = 'compareDateRange';

export function compareDateRangeValue(timeDimensions: readonly TimeDimension[] | null | undefined): string {
  if (!timeDimensions) throw new Error('QueryTimeDimension should be specified for the compare date range query.');
  const first = timeDimensions[0];
  if (!first) throw new Error('No time dimension provided.');
  const { dateRange } = first;
  if (!Array.isArray(dateRange)) throw new Error('Inconsistent QueryTimeDimension configuration: dateRange required.');
  if (dateRange.length === 1) {
    throw new Error(`Inconsistent dateRange configuration for the compare date range query: ${String(dateRange[0])}`);
  }
  return dateRange.join(' - ');
}
