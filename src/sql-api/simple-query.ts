import { errorResponse } from './protocol/backend/error-response';
import { emptyQueryResponse } from './protocol/backend/extended-query-replies';
import { readyForQuery } from './protocol/backend/ready-for-query';
import { rowDescription } from './protocol/backend/row-description';
import { errorFieldsOf } from './error-fields';
import { runStatement, type StatementContext } from './run-statement';
import { sendRows, type Send } from './send-result';
import { SqlApiError, SQLSTATE } from './sql-api-error';
import { parseStatements } from './translate/parse-sql';

/**
 * Query ('Q'): runs each statement of the string in order, stops at the first error,
 * and always ends with ReadyForQuery.
 */
export async function runSimpleQuery(ctx: StatementContext, sql: string, send: Send): Promise<void> {
  const { session } = ctx;
  try {
    const statements = parseStatements(sql);
    if (statements.length === 0) send(emptyQueryResponse());
    for (const statement of statements) {
      session.canceled = false;
      const result = await runStatement(ctx, statement, [], []);
      if (session.canceled) throw new SqlApiError(SQLSTATE.queryCanceled, 'canceling statement due to user request');
      if (result.columns) send(rowDescription(result.columns, result.columns.map(() => 0)));
      sendRows(send, result, result.rows ?? [], []);
    }
  } catch (e) {
    send(errorResponse(errorFieldsOf(e, (m) => console.error(m))));
    if (session.transactionStatus === 'T') session.transactionStatus = 'E';
  }
  send(readyForQuery(session.transactionStatus));
}
