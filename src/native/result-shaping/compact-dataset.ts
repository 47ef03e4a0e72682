/**
 * `responseFormat: compact`: the member names once, then one array per row.
 */
import { planColumns } from './column-plan';
import type { JsRawColumnarData } from './raw-columnar-data';
import type { TransformRequest } from './transform-request';

export interface CompactDataset {
  members: string[];
  dataset: unknown[][];
}

export function compactDataset(request: TransformRequest, raw: JsRawColumnarData): CompactDataset {
  const { members, cells } = planColumns(request, raw, 'compact');
  const rowCount = raw.columns[0]?.length ?? 0;
  const dataset: unknown[][] = [];
  for (let rowIndex = 0; rowIndex < rowCount; rowIndex++) dataset.push(cells.map((cell) => cell(rowIndex)));
  return { members, dataset };
}
