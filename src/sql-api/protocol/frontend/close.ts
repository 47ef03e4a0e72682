import { readStatementOrPortal, type StatementOrPortal } from './statement-or-portal';

export type CloseMessage = StatementOrPortal;

/** Close ('C'): drops a prepared statement or a portal. */
export function readClose(body: Buffer): CloseMessage {
  return readStatementOrPortal(body, 'Close');
}
