/**
 * Where each output column of the compact and columnar formats reads from.
 *
 * Planned once per result so the per-row work is a lookup and a time format.
 * The blending key copies its column untouched, as Cube does.
 */
import { blendingResponseKey } from './blending-keys';
import { compareDateRangeValue } from './compare-date-range';
import type { JsRawColumnarData } from './raw-columnar-data';
import { resultMembers } from './result-members';
import { formatTimeValue } from './time-value';
import type { TransformRequest } from './transform-request';

export type Cell = (rowIndex: number) => unknown;

export interface ColumnPlan {
  members: string[];
  cells: Cell[];
}

function readColumn(raw: JsRawColumnarData, alias: string | undefined, type?: string | null): Cell | undefined {
  const index = alias === undefined ? -1 : raw.members.indexOf(alias);
  const column = raw.columns[index];
  if (!column) return undefined;
  return (rowIndex) => formatTimeValue(column[rowIndex], type);
}

function tailCell(request: TransformRequest, raw: JsRawColumnarData, aliasOf: Map<string, string>): Cell | undefined {
  const { queryType, query } = request;
  if (queryType === 'compareDateRangeQuery') {
    const value = compareDateRangeValue(query.timeDimensions);
    return () => value;
  }
  if (queryType === 'blendingQuery') return readColumn(raw, aliasOf.get(blendingResponseKey(query.timeDimensions)));
  return undefined;
}

/**
 * `compact` leaves out members it cannot read and always plans the tail;
 * `columnar` fills such members with nulls and plans the tail only as the last member.
 */
export function planColumns(request: TransformRequest, raw: JsRawColumnarData, format: 'compact' | 'columnar'): ColumnPlan {
  const { members, aliasOf } = resultMembers(request, raw);
  const cells: Cell[] = [];
  members.forEach((member, index) => {
    const annotation = request.annotation[member];
    const cell = annotation ? readColumn(raw, aliasOf.get(member), annotation.type) : undefined;
    if (cell) {
      cells.push(cell);
    } else if (format === 'columnar') {
      const tail = index === members.length - 1 ? tailCell(request, raw, aliasOf) : undefined;
      cells.push(tail ?? (() => null));
    }
  });
  if (format === 'compact') {
    const tail = tailCell(request, raw, aliasOf);
    if (tail) cells.push(tail);
  }
  return { members, cells };
}
