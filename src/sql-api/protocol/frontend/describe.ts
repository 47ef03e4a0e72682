import { SqlApiError, SQLSTATE } from '../../sql-api-error';
import { MessageReader } from '../message-reader';

export interface DescribeMessage {
  /** 'S' a prepared statement, 'P' a portal. */
  target: 'S' | 'P';
  name: string;
}

/** Describe ('D'): asks for a statement's parameters and columns, or a portal's columns. */
export function readDescribe(body: Buffer): DescribeMessage {
  const reader = new MessageReader(body);
  const target = String.fromCharCode(reader.byte());
  if (target !== 'S' && target !== 'P') throw new SqlApiError(SQLSTATE.protocolViolation, `invalid Describe target ${target}`);
  return { target, name: reader.cstring() };
}
