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

/**
 * One database value as it comes back from JSON inside an array (what
 * `JSON.parse(JSON.stringify(...))` gives): strings, booleans and finite numbers
 * as they are, -0 as 0, other numbers, undefined, functions and symbols as null,
 * objects (dates, buffers, JSON columns) and bigints by JSON's own rules.
 */
function asJsonValue(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) return null;
      return value === 0 ? 0 : value;
    case 'object':
    case 'bigint': {
      if (value === null) return null;
      const text = JSON.stringify(value);
      return text === undefined ? null : JSON.parse(text);
    }
    default:
      return null;
  }
}

/** Column-wise objects `columnarJsonValues` made: already JSON values, read without a copy. */
const JSON_VALUES = new WeakSet<JsRawColumnarData>();

/**
 * `rowsToColumnar` with every value as JSON gives it back: the object the
 * shaping functions read out of `rowsToColumnarBuffer`'s bytes, built without
 * writing the bytes and parsing them again.
 */
export function columnarJsonValues(rawData: any): JsRawColumnarData {
  const rows: Record<string, unknown>[] = Array.isArray(rawData) ? rawData : rawData ? Array.from(rawData) : [];
  const first = rows[0];
  const members = first ? Object.keys(first) : [];
  const columns = members.map((member) => {
    const column: unknown[] = new Array(rows.length);
    // A hole in the row array is a null in JSON, as rows.map would leave it.
    for (let index = 0; index < rows.length; index++) column[index] = index in rows ? asJsonValue(rows[index]![member]) : null;
    return column;
  });
  const data = { members, columns };
  JSON_VALUES.add(data);
  return data;
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
 * form, the column-wise object (as JSON gives it back: `columnarJsonValues`'
 * own as it is, any other a copy), or plain row objects. Shaping never changes it.
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
  if (isColumnar(rows)) return checkShape(JSON_VALUES.has(rows) ? rows : JSON.parse(JSON.stringify(rows)));
  if (Array.isArray(rows)) return checkShape(columnarJsonValues(rows));
  throw new RustOnlyFeatureError('Shaping a native Cube Store result reference');
}
