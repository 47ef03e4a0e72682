import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { catalogDdl } from './catalog-ddl';
import type { VisibleTable } from './visible-tables';

/** A PGlite whose public schema holds exactly one session's visible tables. */
export interface CatalogDatabase {
  db: PGlite;
  /** Parsers that keep every value as PostgreSQL's text output, for re-sending on the wire. */
  textParsers: Record<number, (value: string) => string>;
}

/**
 * Catalog databases by the DDL they hold. Starting PGlite takes a second or two, so
 * sessions that may see the same tables and columns share one; the DDL is the whole key,
 * so two sessions that differ by one visible column never share.
 */
export class CatalogDatabases {
  private readonly byDdl = new Map<string, Promise<CatalogDatabase>>();

  /** The catalog for these tables, created on first use. */
  forTables(tables: VisibleTable[]): Promise<CatalogDatabase> {
    const ddl = catalogDdl(tables);
    const key = createHash('sha256').update(ddl).digest('hex');
    let entry = this.byDdl.get(key);
    if (!entry) {
      entry = openCatalog(ddl);
      entry.catch(() => this.byDdl.delete(key));
      this.byDdl.set(key, entry);
    }
    return entry;
  }

  async close(): Promise<void> {
    const entries = [...this.byDdl.values()];
    this.byDdl.clear();
    await Promise.all(entries.map(async (e) => (await e.catch(() => null))?.db.close()));
  }
}

async function openCatalog(ddl: string): Promise<CatalogDatabase> {
  const db = await PGlite.create();
  if (ddl) await db.exec(ddl);
  const types = await db.query<{ oid: number }>('SELECT oid::int AS oid FROM pg_type');
  const textParsers: Record<number, (value: string) => string> = {};
  for (const { oid } of types.rows) textParsers[oid] = (value) => value;
  return { db, textParsers };
}
