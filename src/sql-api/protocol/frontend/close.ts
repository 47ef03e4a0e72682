import { SqlApiError, SQLSTATE } from '../../sql-api-error';
import { MessageReader } from '../message-reader';

export interface CloseMessage {
  target: 'S' | 'P';
  name: string;
}

/** Close ('C'): drops a prepared statement or a portal. */
export function readClose(body: Buffer): CloseMessage {
  const reader = new MessageReader(body);
  const target = String.fromCharCode(reader.byte());
  if (target !== 'S' && target !== 'P') throw new SqlApiError(SQLSTATE.protocolViolation, `invalid Close target ${target}`);
  return { target, name: reader.cstring() };
}
