import { SqlApiError, SQLSTATE } from './sql-api-error';

/** A Bind parameter as text: text-format values as sent, binary ones decoded by their type. */
export function decodeParameter(value: Buffer | null, format: number, typeOid: number): string | null {
  if (value === null) return null;
  if (format === 0) return value.toString('utf8');
  switch (typeOid) {
    case 16:
      return value[0] ? 'true' : 'false';
    case 21:
      return String(value.readInt16BE(0));
    case 23:
      return String(value.readInt32BE(0));
    case 26:
      return String(value.readUInt32BE(0));
    case 20:
      return String(value.readBigInt64BE(0));
    case 700:
      return String(value.readFloatBE(0));
    case 701:
      return String(value.readDoubleBE(0));
    case 0:
    case 25:
    case 19:
    case 1043:
    case 1042:
      return value.toString('utf8');
    default:
      throw new SqlApiError(SQLSTATE.featureNotSupported, `binary parameters of type ${typeOid} are not supported by the SQL API; send text`);
  }
}
