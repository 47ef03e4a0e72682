/**
 * Database rows in the column-wise form Cube's result shaping reads.
 *
 * Row objects repeat every column name on every row; the column-wise form
 * names each column once. The gateway serialises it to JSON bytes before
 * shaping, as Cube does, so dates and other objects are already JSON values.
 */
import { RustOnlyFeatureError } from '../rust-only-feature';

export interface JsRawColumnarData {
  members: string[];
  columns: any[][];
}

/** Rows (an array or any iterable of row objects) turned column-wise; columns follow the first row's keys. */
export function rowsToColumnar(rawData: any): JsRawColumnarData {
  const rows: Record<string, unknown>[] = Array.isArray(rawData) ? rawData : rawData ? Array.from(rawData) : [];
  const first = rows[0];
  if (!first) return { members: [], columns: [] };
  const members = Object.keys(first);
  const columns = members.map((member) => rows.map((row) => row[member]));
  return { members, columns };
}

/** `rowsToColumnar` as JSON bytes, the form the shaping functions take. */
export function rowsToColumnarBuffer(rawData: any): Buffer {
  return Buffer.from(JSON.stringify(rowsToColumnar(rawData)));
}

function isColumnar(value: unknown): value is JsRawColumnarData {
  return typeof value === 'object' && value !== null
    && Array.isArray((value as JsRawColumnarData).members) && Array.isArray((value as JsRawColumnarData).columns);
}

function checkShape(data: JsRawColumnarData): JsRawColumnarData {
  if (data.members.length !== data.columns.length) {
    throw new Error(`Raw result has ${data.members.length} column names but ${data.columns.length} columns`);
  }
  const rowCount = data.columns[0]?.length ?? 0;
  data.columns.forEach((column, index) => {
    if (!Array.isArray(column) || column.length !== rowCount) {
      throw new Error(`Raw result column '${String(data.members[index])}' does not have ${rowCount} values`);
    }
  });
  return data;
}

/**
 * Reads the rows handed to the shaping functions: JSON bytes of the column-wise
 * form (what the wrappers pass), the column-wise object, or plain row objects.
 */
export function readRawColumnarData(rows: unknown): JsRawColumnarData {
  if (rows instanceof Uint8Array || rows instanceof ArrayBuffer) {
    const text = Buffer.from(rows instanceof ArrayBuffer ? new Uint8Array(rows) : rows).toString('utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new Error(`Raw result is not valid JSON: ${(error as Error).message}`);
    }
    if (!isColumnar(parsed)) throw new Error('Raw result JSON must be an object with members and columns');
    return checkShape(parsed);
  }
  if (isColumnar(rows)) return checkShape(JSON.parse(JSON.stringify(rows)));
  if (Array.isArray(rows)) return checkShape(JSON.parse(JSON.stringify(rowsToColumnar(rows))));
  throw new RustOnlyFeatureError('Shaping a native Cube Store result reference');
}
