import { postgresTypeOf } from './postgres-types/type-table';
import { SqlApiError, SQLSTATE } from './sql-api-error';

/** A Bind parameter as text: text-format values as sent, binary ones decoded by their type (unspecified, 0: as text). */
export function decodeParameter(value: Buffer | null, format: number, typeOid: number): string | null {
  if (value === null) return null;
  if (format === 0 || typeOid === 0) return value.toString('utf8');
  const receive = postgresTypeOf(typeOid)?.receive;
  if (!receive) throw new SqlApiError(SQLSTATE.featureNotSupported, `binary parameters of type ${typeOid} are not supported by the SQL API; send text`);
  return receive(value);
}
