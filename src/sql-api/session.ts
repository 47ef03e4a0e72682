import type { CatalogDatabase } from './catalog/catalog-database';
import type { VisibleTable } from './catalog/visible-tables';
import type { TransactionStatus } from './protocol/backend/ready-for-query';
import type { SessionContext } from './sql-interface-options';
import type { StatementResult } from './statement-result';
import type { ParsedStatement } from './translate/parse-sql';

/** A statement prepared with Parse (or the unnamed one of a simple Query). */
export interface PreparedStatement {
  sql: string;
  /** Null for an empty statement. */
  parsed: ParsedStatement | null;
  parameterTypes: number[];
}

/** A statement bound to parameter values by Bind, ready for Execute. */
export interface Portal {
  statement: PreparedStatement;
  parameters: (string | null)[];
  resultFormats: number[];
  /** Rows still to send when Execute asked for fewer than all. */
  pending?: { result: StatementResult; rows: (string | null)[][] };
}

/** One client connection's state after authentication. */
export class SqlSession {
  readonly settings = new Map<string, string>();
  readonly statements = new Map<string, PreparedStatement>();
  readonly portals = new Map<string, Portal>();
  transactionStatus: TransactionStatus = 'I';
  tables: VisibleTable[] = [];
  catalog: CatalogDatabase | null = null;
  metaLoadedAt = 0;
  /** Set by a CancelRequest; the running statement ends with 57014 instead of its rows. */
  canceled = false;

  constructor(
    readonly context: SessionContext,
    readonly appName: string | undefined,
    readonly processId: number,
    readonly secretKey: number,
  ) {}
}
