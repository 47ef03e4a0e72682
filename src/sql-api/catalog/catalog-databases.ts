import type { SessionContext } from '../sql-interface-options';
import { CatalogDatabase } from './catalog-database';
import { catalogDdl } from './catalog-ddl';
import { catalogKeyOf } from './catalog-key';
import { hasSavedFreshCluster } from './saved-fresh-cluster';
import type { VisibleTable } from './visible-tables';

/** How many catalog workers run at once by default (CUBEJS_SQL_CATALOG_CACHE overrides). */
const DEFAULT_MAX_RUNNING = 8;

/**
 * The catalog databases of the open sessions, one per security context. A client's
 * statements run in its catalog, so sessions share one only when their whole security
 * context is identical (catalog-key.ts): no statement of one campus's dashboard ever runs
 * where another campus's sessions run theirs. Starting one takes a second or two, so
 * sessions of the same context share it, and at most `max` workers run: when more start,
 * the least recently used idle ones are parked, and start again on their next statement.
 * They run over `max` only while more than `max` contexts have a statement in flight.
 */
export class CatalogDatabases {
  private readonly byKey = new Map<string, CatalogDatabase>();
  /** A catalog of no one's, started only to run initdb and save the fresh cluster, then closed. */
  private preparing: CatalogDatabase | undefined;

  constructor(
    /** Whether a session still holds this catalog (a parked one it holds is kept, not forgotten). */
    private readonly inUse: (catalog: CatalogDatabase) => boolean = () => false,
    readonly max = Number(process.env.CUBEJS_SQL_CATALOG_CACHE) || DEFAULT_MAX_RUNNING,
  ) {}

  /**
   * The catalog of this security context with these tables, its worker not started: the
   * first statement that needs it starts it, so a session that only reads views never
   * holds a PGlite.
   */
  catalogFor(context: SessionContext | null, tables: VisibleTable[]): CatalogDatabase {
    const ddl = catalogDdl(tables);
    const key = catalogKeyOf(context, ddl);
    let catalog = this.byKey.get(key);
    if (!catalog || catalog.dead) {
      catalog = new CatalogDatabase(ddl, () => this.trim());
      this.byKey.set(key, catalog);
    }
    return catalog;
  }

  /** The catalog of this security context with these tables, started if needed; `null` is the server's own. */
  async forContext(context: SessionContext | null, tables: VisibleTable[]): Promise<CatalogDatabase> {
    const catalog = this.catalogFor(context, tables);
    const key = catalogKeyOf(context, catalogDdl(tables));
    try {
      await catalog.started();
    } catch (e) {
      if (this.byKey.get(key) === catalog) this.byKey.delete(key);
      await catalog.close();
      throw e;
    }
    return catalog;
  }

  /**
   * When the data folder holds no fresh cluster yet, makes one in the background (initdb in a
   * worker that is then stopped), so the first catalog statement a client sends loads it
   * instead of waiting 10-15 s for initdb. Nothing when one is saved.
   */
  prepareFreshCluster(): void {
    if (hasSavedFreshCluster() || this.preparing) return;
    const catalog = new CatalogDatabase('');
    this.preparing = catalog;
    const done = () => {
      if (this.preparing === catalog) this.preparing = undefined;
      return catalog.close();
    };
    catalog.started().then(done, done).catch(() => undefined);
  }

  /** How many catalogs are known (running or parked). */
  get size(): number {
    return this.byKey.size;
  }

  /** How many catalog workers run or start now. */
  get running(): number {
    return [...this.byKey.values()].filter((c) => c.running).length;
  }

  /** Parks the least recently used idle workers beyond `max`; forgets parked catalogs no session holds. */
  private trim(): void {
    const running = [...this.byKey.values()].filter((c) => c.running).sort((a, b) => a.lastUsed - b.lastUsed);
    let excess = running.length - this.max;
    for (const catalog of running) {
      if (excess <= 0) break;
      if (!catalog.idle) continue;
      catalog.park();
      excess--;
    }
    for (const [key, catalog] of this.byKey) {
      if (!catalog.running && !this.inUse(catalog)) {
        this.byKey.delete(key);
        void catalog.close();
      }
    }
  }

  async close(): Promise<void> {
    const catalogs = [...this.byKey.values(), ...(this.preparing ? [this.preparing] : [])];
    this.preparing = undefined;
    this.byKey.clear();
    await Promise.all(catalogs.map((c) => c.close()));
  }
}
