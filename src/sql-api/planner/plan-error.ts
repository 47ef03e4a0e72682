import { closestName } from '../../boundary/closest-name';
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

/**
 * A column nobody may read here, hidden or unknown alike. `candidates` are the
 * columns the session can see, the only names a "did you mean" may offer.
 */
export function undefinedColumn(name: string, location?: number, candidates: Iterable<string> = []): SqlApiError {
  const suggestion = closestName(name, candidates);
  const hint = suggestion ? `Perhaps you meant to reference the column "${suggestion}".` : undefined;
  return new SqlApiError(SQLSTATE.undefinedColumn, `column ${JSON.stringify(name)} does not exist`, location, hint);
}

/** A relation the session cannot see, hidden or unknown alike; `candidates` are the tables it can. */
export function undefinedTable(name: string, location?: number, candidates: Iterable<string> = []): SqlApiError {
  const suggestion = closestName(name, candidates);
  const hint = suggestion ? `Perhaps you meant the table "${suggestion}".` : undefined;
  return new SqlApiError(SQLSTATE.undefinedTable, `relation "${name}" does not exist`, location, hint);
}
