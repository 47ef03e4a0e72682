import { createServer, type Server, type Socket } from 'node:net';
import { authMethodFromEnv } from './auth/authenticate';
import { CatalogDatabases } from './catalog/catalog-databases';
import { pgliteServerVersion } from './catalog/pglite-server-version';
import { Connection, type ServerContext } from './connection';
import type { SqlSession } from './session';
import type { ShutdownMode, SqlInterfaceInstance, SqlInterfaceOptions } from './sql-interface-options';
import { tlsFromEnv } from './tls-from-env';
import { loadParser } from './translate/parse-sql';

export type { SqlInterfaceInstance, SqlInterfaceOptions, ShutdownMode } from './sql-interface-options';

interface RunningInterface {
  server: Server;
  connections: Set<Connection>;
  catalogs: CatalogDatabases;
}

const running = new WeakMap<SqlInterfaceInstance, RunningInterface>();

const REQUIRED_CALLBACKS = ['checkSqlAuth', 'meta', 'sqlApiLoad', 'canSwitchUserForSession'] as const;

/**
 * Starts the PostgreSQL wire protocol server on `pgPort` (default 15432) with Cube's
 * callbacks, as @cubejs-backend/native's registerInterface does.
 *
 * @example
 *   const instance = await registerSqlInterface({ ...callbacksFromCubesSqlServer, pgPort: 15432 });
 *   await shutdownSqlInterface(instance, 'fast');
 */
export async function registerSqlInterface(options: SqlInterfaceOptions): Promise<SqlInterfaceInstance> {
  if (typeof options !== 'object' || options === null) throw new Error('Argument options must be an object');
  for (const name of REQUIRED_CALLBACKS) {
    if (typeof options[name] !== 'function') throw new Error(`options.${name} must be a function`);
  }
  await loadParser();
  const sessions = new Map<number, SqlSession>();
  const catalogs = new CatalogDatabases((catalog) => [...sessions.values()].some((s) => s.catalog === catalog));
  catalogs.prepareFreshCluster();
  const context: ServerContext = {
    options,
    catalogs,
    sessions,
    authMethod: authMethodFromEnv(),
    tls: tlsFromEnv(),
    // The catalogs' version, known without starting one (a session's catalog starts with its first catalog statement).
    serverVersion: pgliteServerVersion(),
    log: (message) => console.error(message),
  };
  const connections = new Set<Connection>();
  const server = createServer((socket: Socket) => {
    socket.setNoDelay(true);
    const connection = new Connection(socket, context);
    connections.add(connection);
    socket.on('close', () => connections.delete(connection));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.pgPort ?? 15432, process.env.CUBEJS_PG_SQL_HOST ?? '0.0.0.0', () => resolve());
  });
  const instance: SqlInterfaceInstance = { __typename: 'sqlinterfaceinstance' };
  running.set(instance, { server, connections, catalogs });
  return instance;
}

/**
 * Stops the server. `fast` drops every connection now; `semifast` lets running
 * statements finish (up to 10 s); `smart` waits for clients to leave (up to 30 s).
 */
export async function shutdownSqlInterface(instance: SqlInterfaceInstance, mode: ShutdownMode): Promise<void> {
  const state = running.get(instance);
  if (!state) return;
  running.delete(instance);
  const closed = new Promise<void>((resolve) => state.server.close(() => resolve()));
  const deadline = Date.now() + (mode === 'smart' ? 30_000 : mode === 'semifast' ? 10_000 : 0);
  const waitingFor = () => [...state.connections].filter((c) => (mode === 'smart' ? true : c.busy));
  while (Date.now() < deadline && waitingFor().length > 0) await new Promise((r) => setTimeout(r, 50));
  for (const connection of state.connections) connection.close();
  await closed;
  await state.catalogs.close();
}
