import { readStatementOrPortal, type StatementOrPortal } from './statement-or-portal';

export type DescribeMessage = StatementOrPortal;

/** Describe ('D'): asks for a statement's parameters and columns, or a portal's columns. */
export function readDescribe(body: Buffer): DescribeMessage {
  return readStatementOrPortal(body, 'Describe');
}
