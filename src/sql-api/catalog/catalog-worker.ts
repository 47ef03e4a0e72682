// Runs in a worker thread: one PGlite holding the catalog of one security context. PGlite
// executes queries synchronously in WebAssembly, so on the main thread a slow catalog
// query would stall every session; here it stalls only this catalog, and can be stopped.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { BEGIN_AS_SQL_USER, ROLLBACK_AS_SQL_USER, SQL_USER_ROLE_DDL } from './sql-user-role';

/** A request from the main thread. */
export type CatalogRequest =
  | { id: number; op: 'query'; sql: string; params: (string | null)[]; paramTypes: number[] }
  | { id: number; op: 'describe'; sql: string };

/** The answer: rows as PostgreSQL's text output, or the error's SQLSTATE and message. */
export type CatalogReply =
  | { id: number; ok: true; fields: { name: string; dataTypeID: number }[]; rows: (string | null)[][]; parameterTypes?: number[] }
  | { id: number; ok: false; code?: string; message: string; position?: string };

/**
 * The catalog's tables are empty: PostgreSQL's default 128 MB of shared buffers would only
 * make each worker hold memory it never uses (with 8 MB a worker holds a third as much).
 */
const SMALL_BUFFERS = ['shared_buffers = 8MB', 'wal_buffers = 1MB'];

/** A fresh cluster: the first worker runs initdb and hands its data folder back, later ones load it (much faster). */
async function freshDatabase(template: Uint8Array | undefined): Promise<{ db: PGlite; made?: Uint8Array }> {
  if (template) return { db: await PGlite.create({ loadDataDir: new Blob([template as Uint8Array<ArrayBuffer>]), postgresqlconf: SMALL_BUFFERS }) };
  const db = await PGlite.create({ postgresqlconf: SMALL_BUFFERS });
  const made = new Uint8Array(await (await db.dumpDataDir('gzip')).arrayBuffer());
  return { db, made };
}

async function main(ddl: string, template: Uint8Array | undefined): Promise<void> {
  const { db, made } = await freshDatabase(template);
  if (ddl) await db.exec(ddl);
  await db.exec(SQL_USER_ROLE_DDL);
  const types = await db.query<{ oid: number }>('SELECT oid::int AS oid FROM pg_type');
  const parsers: Record<number, (value: string) => string> = {};
  // Parameters arrive as the text the client sent (or decoded to it): PostgreSQL's input function of
  // each type reads them, as a server does, and refuses bad input with its own SQLSTATE. PGlite's own
  // serializers would convert them in JavaScript first and fail with an error of no SQLSTATE.
  const serializers: Record<number, (value: unknown) => string> = {};
  for (const { oid } of types.rows) {
    parsers[oid] = (value) => value;
    serializers[oid] = (value) => String(value);
  }
  // One request at a time: the next one's BEGIN must not land inside this one's transaction.
  let queue = Promise.resolve();
  parentPort!.on('message', (request: CatalogRequest) => {
    // A failed ROLLBACK leaves a state nobody knows: the worker ends, and a fresh one takes over.
    queue = queue.then(() => answer(request)).catch(() => process.exit(1));
  });
  async function answer(request: CatalogRequest): Promise<void> {
    let reply: CatalogReply;
    try {
      // One statement (PGlite's query is the extended protocol), as the restricted role, rolled back.
      await db.exec(BEGIN_AS_SQL_USER);
      if (request.op === 'describe') {
        const d = await db.describeQuery(request.sql);
        // Only plain data crosses the thread boundary (PGlite's field objects carry parser functions).
        const fields = d.resultFields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID }));
        reply = { id: request.id, ok: true, fields, rows: [], parameterTypes: d.queryParams.map((p) => p.dataTypeID) };
      } else {
        const result = await db.query<unknown[]>(request.sql, request.params, {
          rowMode: 'array',
          parsers,
          serializers,
          ...(request.paramTypes.some((t) => t) ? { paramTypes: request.paramTypes } : {}),
        });
        const rows = result.rows.map((r) => r.map((v) => (v === null || v === undefined ? null : String(v))));
        reply = { id: request.id, ok: true, fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })), rows };
      }
    } catch (e) {
      const err = e as { code?: string; message?: string; position?: string };
      reply = { id: request.id, ok: false, code: err.code, message: String(err.message ?? e), position: err.position };
    } finally {
      await db.exec(ROLLBACK_AS_SQL_USER);
    }
    parentPort!.postMessage(reply);
  }
  parentPort!.postMessage({ ready: true, template: made });
}

main(workerData.ddl as string, workerData.template as Uint8Array | undefined).catch((e) => parentPort!.postMessage({ failed: String((e as Error)?.message ?? e) }));
