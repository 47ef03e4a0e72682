import { runCatalogStatement } from './catalog/catalog-statement';
import type { SqlSession } from './session';
import { SqlApiError, SQLSTATE, unsupported } from './sql-api-error';
import type { StatementDescription, StatementResult } from './statement-result';
import type { Node } from '@pgsql/types';
import { constantOf } from './planner/cube-filters';
import { POSTGRES_TYPES } from './postgres-types/type-table';

const TEXT = POSTGRES_TYPES.text;

/** Settings PostgreSQL reports to the client when they change. */
const REPORTED = new Set(['application_name', 'client_encoding', 'datestyle', 'timezone', 'intervalstyle', 'standard_conforming_strings']);

function setValue(args: Record<string, any>[] | undefined): string {
  return (args ?? []).map((a) => constantOf(a as Node, []) ?? '').join(', ');
}

function set(session: SqlSession, stmt: Record<string, any>): StatementResult {
  const name = String(stmt.name ?? '').toLowerCase();
  switch (stmt.kind) {
    case 'VAR_SET_VALUE': {
      const value = setValue(stmt.args);
      if (name === 'client_encoding' && !/^utf-?8$/i.test(value)) {
        throw new SqlApiError(SQLSTATE.featureNotSupported, `client_encoding ${value} is not supported; the SQL API speaks UTF8`);
      }
      session.settings.set(name, value);
      return { tag: 'SET', reports: REPORTED.has(name) ? [[stmt.name, value]] : [] };
    }
    case 'VAR_SET_DEFAULT':
    case 'VAR_RESET':
      session.settings.delete(name);
      return { tag: stmt.kind === 'VAR_RESET' ? 'RESET' : 'SET' };
    case 'VAR_RESET_ALL':
      session.settings.clear();
      return { tag: 'RESET' };
    case 'VAR_SET_MULTI':
      // SET TRANSACTION / SET SESSION CHARACTERISTICS: every read is consistent here.
      return { tag: 'SET' };
    default:
      throw unsupported(`SET ${stmt.kind}`);
  }
}

async function show(session: SqlSession, name: string): Promise<StatementResult> {
  const own = session.settings.get(name.toLowerCase());
  if (own !== undefined) {
    return { columns: [{ name, typeOid: TEXT.oid, typeSize: TEXT.size }], rows: [[own]], tag: 'SHOW' };
  }
  if (!/^[a-z_][a-z0-9_.]*$/i.test(name)) throw new SqlApiError(SQLSTATE.syntaxError, `invalid setting name "${name}"`);
  const result = await runCatalogStatement(session.catalog!, `SHOW ${name}`, [], []);
  return { ...result, tag: 'SHOW' };
}

/** SET, SHOW, RESET, BEGIN/COMMIT/ROLLBACK, DISCARD, DEALLOCATE: answered by the session itself. */
export async function runSessionStatement(session: SqlSession, node: Record<string, any>): Promise<StatementResult> {
  const [type, stmt] = Object.entries(node)[0] as [string, Record<string, any>];
  switch (type) {
    case 'VariableSetStmt':
      return set(session, stmt);
    case 'VariableShowStmt':
      return show(session, stmt.name);
    case 'TransactionStmt': {
      const kind = String(stmt.kind).replace('TRANS_STMT_', '');
      if (kind === 'BEGIN' || kind === 'START') {
        session.transactionStatus = 'T';
        return { tag: 'BEGIN' };
      }
      if (kind === 'COMMIT' || kind === 'ROLLBACK') {
        session.transactionStatus = 'I';
        return { tag: kind };
      }
      throw unsupported(`Transaction command ${kind}`);
    }
    case 'DiscardStmt':
      session.settings.clear();
      session.statements.clear();
      session.portals.clear();
      return { tag: `DISCARD ${String(stmt.target).replace('DISCARD_', '')}` };
    case 'DeallocateStmt':
      if (stmt.name) session.statements.delete(stmt.name);
      else session.statements.clear();
      return { tag: stmt.name ? 'DEALLOCATE' : 'DEALLOCATE ALL' };
    default:
      throw unsupported(`Statement ${type}`);
  }
}

/** SHOW returns one text column; the others return no rows. */
export function describeSessionStatement(node: Record<string, any>): StatementDescription {
  const show = node.VariableShowStmt as { name: string } | undefined;
  return { parameterTypes: [], columns: show ? [{ name: show.name, typeOid: TEXT.oid, typeSize: TEXT.size }] : null };
}
