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
 * The text of one statement. The parser reports `stmt_location`/`stmt_len` in UTF-8
 * bytes, so they index the encoded bytes, never the JS string: sliced as UTF-16 units,
 * a statement after non-ASCII text would take in the start of the next one.
 */
function statementText(bytes: Buffer, location: number | undefined, length: number | undefined): string {
  const start = location ?? 0;
  const end = length ? start + length : bytes.length;
  return bytes.subarray(start, end).toString('utf8');
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
  const bytes = Buffer.from(sql, 'utf8');
  return (tree.stmts ?? []).map((s) => ({ node: s.stmt, sql: statementText(bytes, s.stmt_location, s.stmt_len).trim() }));
}
