import type { CatalogDatabases } from './catalog/catalog-databases';
import { describeCatalogStatement, runCatalogStatement } from './catalog/catalog-statement';
import { describeDataStatement, runDataStatement } from './data-statement';
import type { SqlSession } from './session';
import { refreshSessionMeta } from './session-meta';
import { describeSessionStatement, runSessionStatement } from './session-statement';
import type { SqlInterfaceOptions } from './sql-interface-options';
import type { StatementDescription, StatementResult } from './statement-result';
import type { ParsedStatement } from './translate/parse-sql';
import { statementKind } from './translate/statement-kind';

/** What a statement needs to run: the session, Cube's callbacks and the shared catalogs. */
export interface StatementContext {
  session: SqlSession;
  options: SqlInterfaceOptions;
  catalogs: CatalogDatabases;
}

/** Runs one parsed statement where it belongs: Cube, the catalog, or the session. */
export async function runStatement(
  ctx: StatementContext,
  statement: ParsedStatement,
  parameters: (string | null)[],
  parameterTypes: number[],
): Promise<StatementResult> {
  await refreshSessionMeta(ctx.session, ctx.options, ctx.catalogs);
  switch (statementKind(statement.node, ctx.session.tables)) {
    case 'data':
      return runDataStatement(ctx.session, ctx.options, statement.node.SelectStmt, parameters);
    case 'catalog':
      return runCatalogStatement(ctx.session.catalog!, statement.sql, parameters, parameterTypes);
    case 'session':
      return runSessionStatement(ctx.session, statement.node);
    default:
      return { tag: '' };
  }
}

/** Describes one parsed statement without running it. */
export async function describeStatement(ctx: StatementContext, statement: ParsedStatement, declared: number[]): Promise<StatementDescription> {
  await refreshSessionMeta(ctx.session, ctx.options, ctx.catalogs);
  switch (statementKind(statement.node, ctx.session.tables)) {
    case 'data':
      return describeDataStatement(ctx.session, statement.node.SelectStmt, declared);
    case 'catalog':
      return describeCatalogStatement(ctx.session.catalog!, statement.sql);
    case 'session':
      return describeSessionStatement(statement.node);
    default:
      return { parameterTypes: [], columns: null };
  }
}
