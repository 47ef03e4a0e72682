import { postgresTypeOf } from '../postgres-types/type-table';
import { SqlApiError, SQLSTATE } from '../sql-api-error';

/**
 * A value's binary wire form for its type, from PostgreSQL's text output: the
 * encodings Npgsql and PgJDBC (after prepareThreshold) ask for. 0A000 for others.
 */
export function binaryValue(text: string, typeOid: number): Buffer {
  const send = postgresTypeOf(typeOid)?.send;
  if (!send) throw new SqlApiError(SQLSTATE.featureNotSupported, `binary output for type ${typeOid} is not supported by the SQL API; ask for text`);
  return send(text);
}
