import { commandComplete } from './protocol/backend/command-complete';
import { dataRow } from './protocol/backend/data-row';
import { emptyQueryResponse, portalSuspended } from './protocol/backend/extended-query-replies';
import { parameterStatus } from './protocol/backend/parameter-status';
import { POSTGRES_TYPES } from './postgres-types/type-table';
import { encodeValue } from './result/encode-value';
import type { StatementResult } from './statement-result';

/** Where rows go: the socket, buffered until the batch is written. */
export type Send = (message: Buffer) => void;

/**
 * Sends rows and the command tag. With maxRows, sends that many and returns the rest
 * (the portal is then suspended); otherwise returns nothing.
 */
export function sendRows(
  send: Send,
  result: StatementResult,
  rows: (string | null)[][],
  formats: number[],
  maxRows = 0,
): (string | null)[][] | undefined {
  const columns = result.columns ?? [];
  const now = maxRows > 0 ? rows.slice(0, maxRows) : rows;
  for (const row of now) {
    send(dataRow(row.map((v, i) => encodeValue(v, columns[i]?.typeOid ?? POSTGRES_TYPES.text.oid, formats[i] ?? 0))));
  }
  if (maxRows > 0 && rows.length > maxRows) {
    send(portalSuspended());
    return rows.slice(maxRows);
  }
  for (const [name, value] of result.reports ?? []) send(parameterStatus(name, value));
  send(result.tag ? commandComplete(result.tag) : emptyQueryResponse());
  return undefined;
}
