import { SqlApiError } from '../sql-api-error';
import type { StatementDescription, StatementResult } from '../statement-result';
import { typeSizeOf } from '../result/pg-types';
import type { CatalogDatabase } from './catalog-database';

interface PgliteError {
  code?: string;
  message: string;
  position?: string;
}

function asSqlApiError(e: unknown): unknown {
  const err = e as PgliteError;
  if (err && typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code)) {
    const position = err.position ? Number(err.position) - 1 : undefined;
    return new SqlApiError(err.code, err.message, position);
  }
  return e;
}

/** Runs a catalog statement (pg_catalog, information_schema, version()...) in the session's PGlite. */
export async function runCatalogStatement(
  catalog: CatalogDatabase,
  sql: string,
  parameters: (string | null)[],
  parameterTypes: number[],
): Promise<StatementResult> {
  try {
    const result = await catalog.db.query<unknown[]>(sql, parameters, {
      rowMode: 'array',
      parsers: catalog.textParsers,
      ...(parameterTypes.some((t) => t) ? { paramTypes: parameterTypes } : {}),
    });
    const rows = result.rows.map((r) => r.map((v) => (v === null || v === undefined ? null : String(v))));
    return {
      columns: result.fields.map((f) => ({ name: f.name, typeOid: f.dataTypeID, typeSize: typeSizeOf(f.dataTypeID) })),
      rows,
      tag: `SELECT ${rows.length}`,
    };
  } catch (e) {
    throw asSqlApiError(e);
  }
}

/** The parameter and column types of a catalog statement, without running it. */
export async function describeCatalogStatement(catalog: CatalogDatabase, sql: string): Promise<StatementDescription> {
  try {
    const d = await catalog.db.describeQuery(sql);
    return {
      parameterTypes: d.queryParams.map((p) => p.dataTypeID),
      columns: d.resultFields.map((f) => ({ name: f.name, typeOid: f.dataTypeID, typeSize: typeSizeOf(f.dataTypeID) })),
    };
  } catch (e) {
    throw asSqlApiError(e);
  }
}
