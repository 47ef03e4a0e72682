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

interface Entry {
  opening: Promise<CatalogDatabase>;
  opened?: CatalogDatabase;
  lastUsed: number;
}

/** How many catalogs stay open by default (CUBEJS_SQL_CATALOG_CACHE overrides). */
const DEFAULT_MAX_CATALOGS = 8;

/**
 * Catalog databases by the DDL they hold. Starting PGlite takes a second or two, so
 * sessions that may see the same tables and columns share one; the DDL is the whole key,
 * so two sessions that differ by one visible column never share. At most `max` stay
 * open: the least recently used one that no session holds is closed when another opens.
 */
export class CatalogDatabases {
  private readonly byDdl = new Map<string, Entry>();
  private clock = 0;

  constructor(
    /** Whether a session still holds this catalog (it is then never closed under it). */
    private readonly inUse: (catalog: CatalogDatabase) => boolean = () => false,
    readonly max = Number(process.env.CUBEJS_SQL_CATALOG_CACHE) || DEFAULT_MAX_CATALOGS,
  ) {}

  /** The catalog for these tables, created on first use. */
  forTables(tables: VisibleTable[]): Promise<CatalogDatabase> {
    const ddl = catalogDdl(tables);
    const key = createHash('sha256').update(ddl).digest('hex');
    let entry = this.byDdl.get(key);
    if (!entry) {
      const opening = openCatalog(ddl);
      const created: Entry = { opening, lastUsed: 0 };
      entry = created;
      opening.then(
        (catalog) => {
          created.opened = catalog;
          this.evict();
        },
        () => this.byDdl.delete(key),
      );
      this.byDdl.set(key, entry);
    }
    entry.lastUsed = ++this.clock;
    return entry.opening;
  }

  /** How many catalogs are open or opening. */
  get size(): number {
    return this.byDdl.size;
  }

  private evict(): void {
    const idle = [...this.byDdl.entries()]
      .filter(([, e]) => e.opened && !this.inUse(e.opened))
      .sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    for (const [key, entry] of idle) {
      if (this.byDdl.size <= this.max) break;
      this.byDdl.delete(key);
      entry.opened!.db.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const entries = [...this.byDdl.values()];
    this.byDdl.clear();
    await Promise.all(entries.map(async (e) => (await e.opening.catch(() => null))?.db.close()));
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
