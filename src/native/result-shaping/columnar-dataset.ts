/**
 * `responseFormat: columnar` (and the SQL API's results): the member names
 * once, then one array per member holding that member's value in every row.
 */
import { planColumns } from './column-plan';
import type { JsRawColumnarData } from './raw-columnar-data';
import type { TransformRequest } from './transform-request';

export interface ColumnarDataset {
  members: string[];
  columns: unknown[][];
}

export function columnarDataset(request: TransformRequest, raw: JsRawColumnarData): ColumnarDataset {
  const { members, cells } = planColumns(request, raw, 'columnar');
  const rowCount = raw.columns[0]?.length ?? 0;
  const columns = cells.map((cell) => Array.from({ length: rowCount }, (_, rowIndex) => cell(rowIndex)));
  return { members, columns };
}
