/**
 * The default result format: one object per row, keyed by member name.
 */
import { blendingQueryKey, blendingResponseKey } from './blending-keys';
import { COMPARE_DATE_RANGE_MEMBER, compareDateRangeValue } from './compare-date-range';
import type { ResultMembers } from './result-members';
import type { JsRawColumnarData } from './raw-columnar-data';
import { formatTimeValue } from './time-value';
import type { TransformRequest } from './transform-request';

export type VanillaRow = Record<string, unknown>;

/** @param resolved what resultMembers made of this request and these columns */
export function vanillaRows(request: TransformRequest, raw: JsRawColumnarData, resolved: ResultMembers): VanillaRow[] {
  const { query, queryType, annotation } = request;
  const members = resolved.columnMembers;
  const types = members.map((member) => annotation[member]?.type);
  const baseSources = [...resolved.baseSources];
  const tail = queryType === 'compareDateRangeQuery'
    ? { kind: 'compare' as const, value: compareDateRangeValue(query.timeDimensions) }
    : queryType === 'blendingQuery'
      ? { kind: 'blend' as const, key: blendingQueryKey(query.timeDimensions), from: blendingResponseKey(query.timeDimensions) }
      : undefined;
  const rowCount = raw.columns[0]?.length ?? 0;
  const rows: VanillaRow[] = [];
  for (let rowIndex = 0; rowIndex < rowCount; rowIndex++) {
    const row: VanillaRow = {};
    members.forEach((member, columnIndex) => {
      row[member] = formatTimeValue(raw.columns[columnIndex]?.[rowIndex], types[columnIndex]);
    });
    for (const [baseMember, source] of baseSources) row[baseMember] = row[source];
    if (tail?.kind === 'compare') row[COMPARE_DATE_RANGE_MEMBER] = tail.value;
    if (tail?.kind === 'blend' && Object.hasOwn(row, tail.from)) row[tail.key] = row[tail.from];
    rows.push(row);
  }
  return rows;
}
