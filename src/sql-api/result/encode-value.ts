import { SqlApiError, SQLSTATE } from '../sql-api-error';
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

/**
 * One value on the wire in the format the client asked for. Text is PostgreSQL's
 * output; binary is written for the fixed-size types clients ask binary for.
 */
export function encodeValue(text: string | null, typeOid: number, format: number): Buffer | null {
  if (text === null) return null;
  if (format === 0) return Buffer.from(text, 'utf8');
  switch (typeOid) {
    case 16:
      return Buffer.from([text === 't' ? 1 : 0]);
    case 21: {
      const b = Buffer.alloc(2);
      b.writeInt16BE(Number(text));
      return b;
    }
    case 23:
    case 26: {
      const b = Buffer.alloc(4);
      if (typeOid === 26) b.writeUInt32BE(Number(text));
      else b.writeInt32BE(Number(text));
      return b;
    }
    case 20: {
      const b = Buffer.alloc(8);
      b.writeBigInt64BE(BigInt(text));
      return b;
    }
    case 700: {
      const b = Buffer.alloc(4);
      b.writeFloatBE(Number(text));
      return b;
    }
    case 701: {
      const b = Buffer.alloc(8);
      b.writeDoubleBE(Number(text));
      return b;
    }
    case 25:
    case 19:
    case 1043:
    case 1042:
      return Buffer.from(text, 'utf8');
    default:
      throw new SqlApiError(SQLSTATE.featureNotSupported, `binary output for type ${typeOid} is not supported by the SQL API; ask for text`);
  }
}
