import { MessageWriter } from '../message-writer';

/** Transaction status reported with ReadyForQuery: idle, in a transaction, or in a failed one. */
export type TransactionStatus = 'I' | 'T' | 'E';

/** ReadyForQuery's type byte ('Z'): the server waits for the next command. */
export const READY_FOR_QUERY = 'Z';

/** ReadyForQuery: the server waits for the next command. */
export function readyForQuery(status: TransactionStatus): Buffer {
  return new MessageWriter().byte(status.charCodeAt(0)).message(READY_FOR_QUERY);
}
