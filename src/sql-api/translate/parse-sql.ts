import { loadModule, parseSync } from 'libpg-query';
import { SqlApiError, SQLSTATE } from '../sql-api-error';

/** One statement of a query string, as PostgreSQL's own grammar parsed it. */
export interface ParsedStatement {
  /** The node, e.g. `{ SelectStmt: {...} }`. */
  node: Record<string, any>;
  /** The statement's own text, for PGlite. */
  sql: string;
}

let loaded: Promise<void> | null = null;

/** Loads the WASM parser once; call before parseStatements. */
export function loadParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

/**
 * Splits and parses a query string with the real PostgreSQL grammar. A syntax
 * error is 42601 with the position PostgreSQL reports.
 */
export function parseStatements(sql: string): ParsedStatement[] {
  let tree: { stmts?: { stmt: Record<string, any>; stmt_location?: number; stmt_len?: number }[] };
  try {
    tree = parseSync(sql);
  } catch (e) {
    const err = e as Error & { sqlDetails?: { cursorPosition?: number } };
    const position = err.sqlDetails?.cursorPosition;
    throw new SqlApiError(SQLSTATE.syntaxError, err.message, position);
  }
  return (tree.stmts ?? []).map((s) => {
    const start = s.stmt_location ?? 0;
    const text = s.stmt_len ? sql.slice(start, start + s.stmt_len) : sql.slice(start);
    return { node: s.stmt, sql: text.trim() };
  });
}
