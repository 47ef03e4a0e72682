import { SqlApiError, SQLSTATE } from '../../sql-api-error';
import { MessageReader } from '../message-reader';

/** What Describe and Close name: 'S' a prepared statement or 'P' a portal, and its name. */
export interface StatementOrPortal {
  target: 'S' | 'P';
  name: string;
}

/** The body of a Describe or Close message, which share their layout; `message` names it in errors. */
export function readStatementOrPortal(body: Buffer, message: 'Describe' | 'Close'): StatementOrPortal {
  const reader = new MessageReader(body);
  const target = String.fromCharCode(reader.byte());
  if (target !== 'S' && target !== 'P') throw new SqlApiError(SQLSTATE.protocolViolation, `invalid ${message} target ${target}`);
  return { target, name: reader.cstring() };
}
