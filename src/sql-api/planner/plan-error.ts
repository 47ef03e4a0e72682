import { SqlApiError, SQLSTATE, unsupported } from '../sql-api-error';

/**
 * Thrown by the Cube-query planner when a statement is valid but needs SQL around a
 * Cube query (joins, windows, expressions Cube cannot group): the statement is then
 * pushed down. Never reaches a client.
 */
export class NeedsPushdown extends Error {
  constructor(readonly construct: string) {
    super(`${construct} needs SQL around a Cube query`);
  }
}

export { SqlApiError, SQLSTATE, unsupported };

export function undefinedColumn(name: string, location?: number): SqlApiError {
  return new SqlApiError(SQLSTATE.undefinedColumn, `column ${JSON.stringify(name)} does not exist`, location);
}

export function undefinedTable(name: string, location?: number): SqlApiError {
  return new SqlApiError(SQLSTATE.undefinedTable, `relation "${name}" does not exist`, location);
}
