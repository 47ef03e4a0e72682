/**
 * An error the client should see as an ErrorResponse with this SQLSTATE. Anything
 * else thrown while serving a statement becomes XX000 with a generic message, so
 * internal details (and hidden member names inside them) never reach the wire.
 */
export class SqlApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** 0-based character offset in the statement, as the parser reports it. */
    readonly position?: number,
    /** What to do about it (the ErrorResponse's HINT field). */
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** SQLSTATEs used across the SQL API. */
export const SQLSTATE = {
  invalidPassword: '28P01',
  invalidAuthorization: '28000',
  protocolViolation: '08P01',
  syntaxError: '42601',
  undefinedTable: '42P01',
  undefinedColumn: '42703',
  undefinedFunction: '42883',
  groupingError: '42803',
  ambiguousColumn: '42702',
  datatypeMismatch: '42804',
  insufficientPrivilege: '42501',
  featureNotSupported: '0A000',
  invalidParameterValue: '22023',
  invalidTextRepresentation: '22P02',
  undefinedPreparedStatement: '26000',
  undefinedCursor: '34000',
  queryCanceled: '57014',
  internalError: 'XX000',
} as const;

/** 0A000 naming the construct that the SQL API does not translate. */
export function unsupported(construct: string, position?: number): SqlApiError {
  return new SqlApiError(SQLSTATE.featureNotSupported, `${construct} is not supported by the SQL API`, position);
}
