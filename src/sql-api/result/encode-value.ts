import { binaryValue } from './binary-value';
import { PG_TYPE } from './pg-types';

/** A value from Cube's answer as PostgreSQL's text output for the column's type. */
export function textOfCubeValue(value: unknown, typeOid: number): string | null {
  if (value === null || value === undefined) return null;
  if (typeOid === PG_TYPE.bool.oid) {
    const v = String(value).toLowerCase();
    return v === 'true' || v === 't' || v === '1' ? 't' : 'f';
  }
  if (typeOid === PG_TYPE.timestamp.oid) {
    const v = value instanceof Date ? value.toISOString() : String(value);
    // Cube's local ISO form (2024-01-01T00:00:00.000) to PostgreSQL's (2024-01-01 00:00:00).
    return v.replace('T', ' ').replace(/Z$/, '').replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1');
  }
  return String(value);
}

/** One value on the wire in the format the client asked for: PostgreSQL's text output, or its binary form. */
export function encodeValue(text: string | null, typeOid: number, format: number): Buffer | null {
  if (text === null) return null;
  return format === 0 ? Buffer.from(text, 'utf8') : binaryValue(text, typeOid);
}
