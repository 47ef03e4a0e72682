import type { StatementDescription, StatementResult } from '../statement-result';
import { typeSizeOf } from '../result/pg-types';
import type { CatalogDatabase } from './catalog-database';

function columnsOf(fields: { name: string; dataTypeID: number }[]) {
  return fields.map((f) => ({ name: f.name, typeOid: f.dataTypeID, typeSize: typeSizeOf(f.dataTypeID) }));
}

/** Runs a catalog statement (pg_catalog, information_schema, version()...) in the session's catalog database. */
export async function runCatalogStatement(
  catalog: CatalogDatabase,
  sql: string,
  parameters: (string | null)[],
  parameterTypes: number[],
): Promise<StatementResult> {
  const result = await catalog.query(sql, parameters, parameterTypes);
  return { columns: columnsOf(result.fields), rows: result.rows, tag: `SELECT ${result.rows.length}` };
}

/** The parameter and column types of a catalog statement, without running it. */
export async function describeCatalogStatement(catalog: CatalogDatabase, sql: string): Promise<StatementDescription> {
  const d = await catalog.describe(sql);
  return { parameterTypes: d.parameterTypes ?? [], columns: columnsOf(d.fields) };
}
