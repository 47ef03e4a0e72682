import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SqlApiError, SQLSTATE } from '../sql-api-error';
import { catalogDdl } from './catalog-ddl';
import type { CatalogReply, CatalogRequest } from './catalog-worker';
import type { VisibleTable } from './visible-tables';

/** A catalog statement that runs longer is stopped (CUBEJS_SQL_CATALOG_TIMEOUT_MS overrides). */
const DEFAULT_TIMEOUT_MS = 30_000;

type Success = Extract<CatalogReply, { ok: true }>;
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * A PGlite, in a worker thread of its own, whose public schema holds exactly one
 * visibility's tables. A statement that outlives the timeout ends the worker (and
 * fails with 57014); the catalog is then `dead` and the next session opens a new one.
 */
export class CatalogDatabase {
  private readonly pending = new Map<number, { resolve(r: Success): void; reject(e: unknown): void }>();
  private nextId = 0;
  dead = false;

  private constructor(
    private readonly worker: Worker,
    private readonly timeoutMs: number,
  ) {
    worker.on('message', (reply: CatalogReply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply);
      else waiter.reject(reply.code && /^[0-9A-Z]{5}$/.test(reply.code)
        ? new SqlApiError(reply.code, reply.message, reply.position ? Number(reply.position) - 1 : undefined)
        : new Error(reply.message));
    });
    worker.on('exit', () => this.fail(new SqlApiError(SQLSTATE.internalError, 'the catalog database stopped')));
  }

  /** Starts a worker with this DDL; resolves once its PGlite is ready. */
  static open(ddl: string, timeoutMs = Number(process.env.CUBEJS_SQL_CATALOG_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS): Promise<CatalogDatabase> {
    // The worker is TypeScript like the rest of the server: it loads through tsx.
    const worker = new Worker(join(__dirname, 'catalog-worker.ts'), { workerData: { ddl }, execArgv: ['--import', 'tsx'] });
    return new Promise((resolve, reject) => {
      worker.once('message', (m: { ready?: boolean; failed?: string }) => {
        if (m.ready) resolve(new CatalogDatabase(worker, timeoutMs));
        else {
          reject(new Error(`catalog database failed to start: ${m.failed}`));
          void worker.terminate();
        }
      });
      worker.once('error', reject);
    });
  }

  /** Runs a statement; values come back as PostgreSQL's text output. */
  query(sql: string, params: (string | null)[] = [], paramTypes: number[] = []): Promise<Success> {
    return this.request({ op: 'query', sql, params, paramTypes });
  }

  /** Parameter and result types of a statement, without running it. */
  describe(sql: string): Promise<Success> {
    return this.request({ op: 'describe', sql });
  }

  async close(): Promise<void> {
    this.dead = true;
    await this.worker.terminate();
  }

  private request(body: WithoutId<CatalogRequest>): Promise<Success> {
    if (this.dead) return Promise.reject(new SqlApiError(SQLSTATE.internalError, 'the catalog database stopped'));
    const id = ++this.nextId;
    return new Promise<Success>((resolve, reject) => {
      const timer = setTimeout(() => {
        // PGlite cannot be interrupted: the worker goes, with it the runaway statement.
        this.fail(new SqlApiError(SQLSTATE.queryCanceled, `canceling statement due to statement timeout (catalog statements may run ${this.timeoutMs} ms)`));
        void this.close();
      }, this.timeoutMs);
      this.pending.set(id, {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.worker.postMessage({ ...body, id } as CatalogRequest);
    });
  }

  private fail(error: unknown): void {
    this.dead = true;
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}

interface Entry {
  opening: Promise<CatalogDatabase>;
  opened?: CatalogDatabase;
  lastUsed: number;
}

/** How many catalogs stay open by default (CUBEJS_SQL_CATALOG_CACHE overrides). */
const DEFAULT_MAX_CATALOGS = 8;

/**
 * Catalog databases by the DDL they hold. Starting one takes a second or two, so
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

  /** The catalog for these tables, created on first use (and again after it died). */
  forTables(tables: VisibleTable[]): Promise<CatalogDatabase> {
    const ddl = catalogDdl(tables);
    const key = createHash('sha256').update(ddl).digest('hex');
    let entry = this.byDdl.get(key);
    if (!entry || entry.opened?.dead) {
      const opening = CatalogDatabase.open(ddl);
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
      void entry.opened!.close();
    }
  }

  async close(): Promise<void> {
    const entries = [...this.byDdl.values()];
    this.byDdl.clear();
    await Promise.all(entries.map(async (e) => (await e.opening.catch(() => null))?.close()));
  }
}
