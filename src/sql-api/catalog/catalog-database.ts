import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SqlApiError, SQLSTATE } from '../sql-api-error';
import type { CatalogReply, CatalogRequest } from './catalog-worker';
import { hasSavedFreshCluster, readSavedFreshCluster, saveFreshCluster } from './saved-fresh-cluster';

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

/** Orders catalogs by last use across all of them. */
let clock = 0;

/** The data folder of a fresh cluster (gzipped tar): kept from an earlier start, or from the first worker that ran initdb. */
let freshCluster: Uint8Array | undefined;
let savedClusterRead = false;

/**
 * A PGlite, in a worker thread of its own, whose public schema holds exactly one
 * security context's tables. PGlite cannot be interrupted, so a statement that outlives
 * the timeout ends with 57014 and takes the worker with it: a fresh worker with the same
 * DDL takes over, and the statements queued behind the slow one run there. An idle
 * catalog may be parked (its worker stopped to free memory); its next statement starts
 * a fresh worker.
 */
export class CatalogDatabase {
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private worker: Worker | null = null;
  private ready: Promise<void> = Promise.resolve();
  private isReady = false;
  /** True once closed; statements then fail. */
  dead = false;
  /** When it last got a statement or started, against the other catalogs. */
  lastUsed = 0;

  constructor(
    private readonly ddl: string,
    /** Called when a worker starts or a statement ends, so an owner can keep the number of workers bounded. */
    private readonly onChange: () => void = () => undefined,
    private readonly timeoutMs = Number(process.env.CUBEJS_SQL_CATALOG_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS,
  ) {}

  /** Starts a catalog with this DDL; resolves once its PGlite is ready. */
  static async open(ddl: string, timeoutMs?: number): Promise<CatalogDatabase> {
    const catalog = new CatalogDatabase(ddl, undefined, timeoutMs);
    try {
      await catalog.started();
    } catch (e) {
      await catalog.close();
      throw e;
    }
    return catalog;
  }

  /** Whether a worker is running (or starting). */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Whether a worker is up and no statement is waiting or running. */
  get idle(): boolean {
    return this.isReady && this.pending.size === 0;
  }

  /** Starts the worker if there is none; resolves once it is ready. */
  started(): Promise<void> {
    if (this.dead) return Promise.reject(new SqlApiError(SQLSTATE.internalError, 'the catalog database was closed'));
    this.lastUsed = ++clock;
    if (!this.worker) this.start();
    return this.ready;
  }

  /** Stops the worker of an idle catalog; the next statement starts another. */
  park(): void {
    if (!this.worker || !this.idle) return;
    const worker = this.worker;
    this.worker = null;
    this.isReady = false;
    worker.removeAllListeners();
    void worker.terminate();
  }

  private start(): void {
    // The worker is TypeScript loaded through tsx, like the rest of the server, or compiled JavaScript (npm run build),
    // which inherits the server's Node options.
    const compiled = __filename.endsWith('.js');
    if (!savedClusterRead) {
      savedClusterRead = true;
      freshCluster ??= readSavedFreshCluster();
    }
    // A data folder that lost its copy (or another one, ALMA_DATA_DIR moved) gets it back.
    if (freshCluster && !hasSavedFreshCluster()) saveFreshCluster(freshCluster);
    const worker = new Worker(join(__dirname, compiled ? 'catalog-worker.js' : 'catalog-worker.ts'), {
      workerData: { ddl: this.ddl, template: freshCluster },
      ...(compiled ? {} : { execArgv: ['--import', 'tsx'] }),
    });
    this.worker = worker;
    this.isReady = false;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.once('message', (m: { ready?: boolean; failed?: string; template?: Uint8Array }) => {
        if (!freshCluster && m.template) {
          freshCluster = m.template;
          saveFreshCluster(m.template);
        }
        if (m.ready) resolve();
        else reject(new Error(`catalog database failed to start: ${m.failed}`));
      });
      worker.once('error', reject);
    });
    this.ready.then(() => {
      if (worker === this.worker) this.isReady = true;
      this.onChange();
    }, (e) => {
      // A worker that cannot start is not retried in a loop: the next statement tries again.
      if (worker === this.worker) this.worker = null;
      void worker.terminate();
      this.failAll(e);
    });
    worker.on('message', (reply: CatalogReply) => this.settle(reply));
    worker.on('exit', () => {
      if (worker !== this.worker || this.dead) return;
      if (!this.isReady) {
        this.worker = null;
        this.failAll(new SqlApiError(SQLSTATE.internalError, 'the catalog database failed to start'));
        return;
      }
      // A crash: the statement running (the oldest) fails, the others move to a new worker.
      const [oldest] = this.pending.keys();
      if (oldest !== undefined) this.reject(oldest, new SqlApiError(SQLSTATE.internalError, 'the catalog database failed on this statement'));
      this.restart();
    });
    this.onChange();
  }

  private restart(): void {
    const old = this.worker;
    this.start();
    old?.removeAllListeners();
    void old?.terminate();
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.post(id, p.body);
    }
  }

  private post(id: number, body: WithoutId<CatalogRequest>): void {
    const worker = this.worker;
    this.ready.then(() => {
      const p = this.pending.get(id);
      if (!worker || worker !== this.worker || !p) return;
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
    this.onChange();
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
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private request(body: WithoutId<CatalogRequest>): Promise<Success> {
    if (this.dead) return Promise.reject(new SqlApiError(SQLSTATE.internalError, 'the catalog database was closed'));
    const id = ++this.nextId;
    return new Promise<Success>((resolve, reject) => {
      this.pending.set(id, { body, resolve, reject });
      // Registered before the worker starts, so a start that parks others never parks this one.
      void this.started().catch(() => undefined);
      this.post(id, body);
    });
  }
}
