/**
 * The `data` of one query result, in the format the request asked for.
 */
import { columnarDataset, type ColumnarDataset } from './columnar-dataset';
import { compactDataset, type CompactDataset } from './compact-dataset';
import type { JsRawColumnarData } from './raw-columnar-data';
import { resultMembers } from './result-members';
import type { TransformRequest } from './transform-request';
import { vanillaRows, type VanillaRow } from './vanilla-rows';

export type ShapedData = VanillaRow[] | CompactDataset | ColumnarDataset;

export function shapeData(request: TransformRequest, raw: JsRawColumnarData): ShapedData {
  if (request.resType === 'compact') return compactDataset(request, raw);
  if (request.resType === 'columnar') return columnarDataset(request, raw);
  // Validates the members (including the empty-result check) before any row is built.
  return vanillaRows(request, raw, resultMembers(request, raw));
}
