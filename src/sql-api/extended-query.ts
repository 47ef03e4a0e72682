import { errorFieldsOf } from './error-fields';
import { errorResponse } from './protocol/backend/error-response';
import { bindComplete, closeComplete, noData, parseComplete } from './protocol/backend/extended-query-replies';
import { parameterDescription } from './protocol/backend/parameter-description';
import { readyForQuery } from './protocol/backend/ready-for-query';
import { rowDescription } from './protocol/backend/row-description';
import { readBind } from './protocol/frontend/bind';
import { readClose } from './protocol/frontend/close';
import { readDescribe } from './protocol/frontend/describe';
import { readExecute } from './protocol/frontend/execute';
import { FRONTEND } from './protocol/frontend/message-types';
import { readParse } from './protocol/frontend/parse';
import type { FrontendFrame } from './protocol/message-framer';
import { decodeParameter } from './decode-parameter';
import { resultFormatsFor } from './result-formats';
import { describeStatement, runStatement, type StatementContext } from './run-statement';
import { sendRows, type Send } from './send-result';
import type { Portal, PreparedStatement } from './session';
import { SqlApiError, SQLSTATE } from './sql-api-error';
import { parseStatements } from './translate/parse-sql';

/**
 * The extended query protocol: Parse, Bind, Describe, Execute, Close, Flush, Sync.
 * After an error every message up to Sync is skipped, as PostgreSQL does.
 */
export class ExtendedQuery {
  private failed = false;

  constructor(
    private readonly ctx: StatementContext,
    private readonly send: Send,
    private readonly log: (message: string) => void,
  ) {}

  /** A simple Query clears the error state. */
  reset(): void {
    this.failed = false;
  }

  /** Handles one message; false when the type is not part of the extended protocol. */
  async handle(frame: FrontendFrame): Promise<boolean> {
    if (frame.type === FRONTEND.sync) {
      this.failed = false;
      this.ctx.session.portals.delete('');
      this.send(readyForQuery(this.ctx.session.transactionStatus));
      return true;
    }
    if (frame.type === FRONTEND.flush) return true;
    const handlers: Record<string, (body: Buffer) => Promise<void> | void> = {
      [FRONTEND.parse]: (b) => this.parse(b),
      [FRONTEND.bind]: (b) => this.bind(b),
      [FRONTEND.describe]: (b) => this.describe(b),
      [FRONTEND.execute]: (b) => this.execute(b),
      [FRONTEND.close]: (b) => this.close(b),
    };
    const handler = handlers[frame.type ?? ''];
    if (!handler) return false;
    if (this.failed) return true;
    try {
      await handler(frame.body);
    } catch (e) {
      this.failed = true;
      if (this.ctx.session.transactionStatus === 'T') this.ctx.session.transactionStatus = 'E';
      this.send(errorResponse(errorFieldsOf(e, this.log)));
    }
    return true;
  }

  private parse(body: Buffer): void {
    const message = readParse(body);
    const statements = parseStatements(message.sql);
    if (statements.length > 1) throw new SqlApiError(SQLSTATE.syntaxError, 'cannot insert multiple commands into a prepared statement');
    if (message.statementName && this.ctx.session.statements.has(message.statementName)) {
      throw new SqlApiError('42P05', `prepared statement "${message.statementName}" already exists`);
    }
    const statement: PreparedStatement = { sql: message.sql, parsed: statements[0] ?? null, parameterTypes: message.parameterTypes };
    this.ctx.session.statements.set(message.statementName, statement);
    this.send(parseComplete());
  }

  private statement(name: string): PreparedStatement {
    const statement = this.ctx.session.statements.get(name);
    if (!statement) throw new SqlApiError(SQLSTATE.undefinedPreparedStatement, `prepared statement "${name}" does not exist`);
    return statement;
  }

  private portal(name: string): Portal {
    const portal = this.ctx.session.portals.get(name);
    if (!portal) throw new SqlApiError(SQLSTATE.undefinedCursor, `portal "${name}" does not exist`);
    return portal;
  }

  private async bind(body: Buffer): Promise<void> {
    const message = readBind(body);
    const statement = this.statement(message.statementName);
    let types = statement.parameterTypes;
    if (message.parameterFormats.some((f, i) => f === 1 && !types[i]) && statement.parsed) {
      types = (await describeStatement(this.ctx, statement.parsed, statement.parameterTypes)).parameterTypes;
    }
    const parameters = message.parameters.map((v, i) => decodeParameter(v, message.parameterFormats[i] ?? 0, types[i] ?? 0));
    this.ctx.session.portals.set(message.portalName, { statement, parameters, resultFormats: message.resultFormats });
    this.send(bindComplete());
  }

  private async describe(body: Buffer): Promise<void> {
    const message = readDescribe(body);
    if (message.target === 'S') {
      const statement = this.statement(message.name);
      const description = statement.parsed
        ? await describeStatement(this.ctx, statement.parsed, statement.parameterTypes)
        : { parameterTypes: [], columns: null };
      this.send(parameterDescription(description.parameterTypes));
      this.send(description.columns ? rowDescription(description.columns, description.columns.map(() => 0)) : noData());
      return;
    }
    const portal = this.portal(message.name);
    const description = portal.statement.parsed
      ? await describeStatement(this.ctx, portal.statement.parsed, portal.statement.parameterTypes)
      : { parameterTypes: [], columns: null };
    if (!description.columns) return this.send(noData());
    this.send(rowDescription(description.columns, resultFormatsFor(portal.resultFormats, description.columns.length)));
  }

  private async execute(body: Buffer): Promise<void> {
    const message = readExecute(body);
    const portal = this.portal(message.portalName);
    const { session } = this.ctx;
    if (!portal.statement.parsed) {
      sendRows(this.send, { tag: '' }, [], []);
      return;
    }
    if (!portal.pending) {
      session.canceled = false;
      const result = await runStatement(this.ctx, portal.statement.parsed, portal.parameters, portal.statement.parameterTypes);
      if (session.canceled) throw new SqlApiError(SQLSTATE.queryCanceled, 'canceling statement due to user request');
      portal.pending = { result, rows: result.rows ?? [] };
    }
    const { result } = portal.pending;
    const formats = resultFormatsFor(portal.resultFormats, result.columns?.length ?? 0);
    const rest = sendRows(this.send, result, portal.pending.rows, formats, message.maxRows);
    if (rest) portal.pending.rows = rest;
    else portal.pending = undefined;
  }

  private close(body: Buffer): void {
    const message = readClose(body);
    if (message.target === 'S') this.ctx.session.statements.delete(message.name);
    else this.ctx.session.portals.delete(message.name);
    this.send(closeComplete());
  }
}
