import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SqlApiError, SQLSTATE } from '../sql-api-error';
import { catalogDdl } from './catalog-ddl';
import type { CatalogReply, CatalogRequest } from './catalog-worker';
import type { VisibleTable } from './visible-tables';

/** A catalog statement that runs longer is stopped (CUBEJS_SQL_CATALOG_TIMEOUT_MS overrides); BI tools' take milliseconds. */
const DEFAULT_TIMEOUT_MS = 10_000;

type Success = Extract<CatalogReply, { ok: true }>;
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

interface Pending {
  body: WithoutId<CatalogRequest>;
  resolve(reply: Success): void;
  reject(error: unknown): void;
  timer?: NodeJS.Timeout;
}

/**
 * A PGlite, in a worker thread of its own, whose public schema holds exactly one
 * visibility's tables. PGlite cannot be interrupted, so a statement that outlives the
 * timeout ends with 57014 and takes the worker with it: a fresh worker with the same DDL
 * takes over, and the statements queued behind the slow one run there.
 */
export class CatalogDatabase {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private worker!: Worker;
  private ready!: Promise<void>;
  /** True once closed; statements then fail. */
  dead = false;

  private constructor(
    private readonly ddl: string,
    private readonly timeoutMs: number,
  ) {
    this.start();
  }

  /** Starts a worker with this DDL; resolves once its PGlite is ready. */
  static async open(ddl: string, timeoutMs = Number(process.env.CUBEJS_SQL_CATALOG_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS): Promise<CatalogDatabase> {
    const catalog = new CatalogDatabase(ddl, timeoutMs);
    try {
      await catalog.ready;
    } catch (e) {
      await catalog.close();
      throw e;
    }
    return catalog;
  }

  private start(): void {
    // The worker is TypeScript like the rest of the server: it loads through tsx.
    const worker = new Worker(join(__dirname, 'catalog-worker.ts'), { workerData: { ddl: this.ddl }, execArgv: ['--import', 'tsx'] });
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.once('message', (m: { ready?: boolean; failed?: string }) => (m.ready ? resolve() : reject(new Error(`catalog database failed to start: ${m.failed}`))));
      worker.once('error', reject);
    });
    this.ready.catch((e) => this.failAll(e));
    worker.on('message', (reply: CatalogReply) => this.settle(reply));
    worker.on('exit', () => {
      if (worker !== this.worker || this.dead) return;
      // A crash: the statement running (the oldest) fails, the others move to a new worker.
      const [oldest] = this.pending.keys();
      if (oldest !== undefined) this.reject(oldest, new SqlApiError(SQLSTATE.internalError, 'the catalog database failed on this statement'));
      this.restart();
    });
  }

  private restart(): void {
    const old = this.worker;
    this.start();
    old.removeAllListeners();
    void old.terminate();
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.post(id, p.body);
    }
  }

  private post(id: number, body: WithoutId<CatalogRequest>): void {
    const worker = this.worker;
    this.ready.then(() => {
      const p = this.pending.get(id);
      if (worker !== this.worker || !p) return;
      // The clock runs from when the worker gets the statement, not while a worker starts.
      clearTimeout(p.timer);
      p.timer = setTimeout(() => {
        this.reject(id, new SqlApiError(SQLSTATE.queryCanceled, `canceling statement due to statement timeout (catalog statements may run ${this.timeoutMs} ms)`));
        this.restart();
      }, this.timeoutMs);
      worker.postMessage({ ...body, id });
    }, () => undefined);
  }

  private settle(reply: CatalogReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    clearTimeout(p.timer);
    if (reply.ok) p.resolve(reply);
    else p.reject(reply.code && /^[0-9A-Z]{5}$/.test(reply.code)
      ? new SqlApiError(reply.code, reply.message, reply.position ? Number(reply.position) - 1 : undefined)
      : new Error(reply.message));
  }

  private reject(id: number, error: unknown): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.reject(error);
  }

  private failAll(error: unknown): void {
    for (const id of [...this.pending.keys()]) this.reject(id, error);
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
    this.failAll(new SqlApiError(SQLSTATE.internalError, 'the catalog database was closed'));
    await this.worker.terminate();
  }

  private request(body: WithoutId<CatalogRequest>): Promise<Success> {
    if (this.dead) return Promise.reject(new SqlApiError(SQLSTATE.internalError, 'the catalog database was closed'));
    const id = ++this.nextId;
    return new Promise<Success>((resolve, reject) => {
      this.pending.set(id, { body, resolve, reject });
      this.post(id, body);
    });
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

  /** The catalog for these tables, created on first use. */
  forTables(tables: VisibleTable[]): Promise<CatalogDatabase> {
    const ddl = catalogDdl(tables);
    const key = createHash('sha256').update(ddl).digest('hex');
    let entry = this.byDdl.get(key);
    if (!entry) {
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
