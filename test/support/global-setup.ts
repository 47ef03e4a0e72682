import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres-server';
import { startTestCubeServer, type SharedCubeServer } from './cube-server';
import { freePort } from '../../src/net/free-port';

interface SharedServers {
  readonly databaseUrl: string;
  readonly cube: SharedCubeServer | { startupError: string };
  stop(): Promise<void>;
}

/**
 * The integration and slow projects both name this file, and vitest runs each
 * project's global setup; the servers are started once per vitest process and
 * stopped after the last project using them tears down. Kept on globalThis
 * because each project may load this module afresh.
 */
const SHARED = Symbol.for('alma.test.sharedServers');
type Holder = { servers: Promise<SharedServers>; users: number };
const holder = globalThis as typeof globalThis & { [SHARED]?: Holder };

/**
 * Starts the real servers the tests talk to: an embedded PostgreSQL in a
 * folder of its own (or the server of TEST_DATABASE_URL, for runs against an
 * external PostgreSQL), and one Cube server over its `alma` database, migrated
 * and seeded by the same code as `npm start`. Suites that need a database to
 * themselves make scratch databases on the same server (scratch-database.ts).
 */
export default async function setup(project: TestProject) {
  const shared = (holder[SHARED] ??= { servers: startServers(), users: 0 });
  shared.users++;
  const servers = await shared.servers;
  project.provide('databaseUrl', servers.databaseUrl);
  project.provide('cube', servers.cube);
  return async () => {
    if (--shared.users > 0) return;
    delete holder[SHARED];
    await servers.stop();
  };
}

async function startServers(): Promise<SharedServers> {
  let stopDatabase = async (): Promise<void> => {};
  let databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl) {
    // A folder and a port of this run's own: several runs may share the machine.
    const folder = join(__dirname, '..', '..', '.data', `test-${process.pid}`);
    rmSync(folder, { recursive: true, force: true });
    process.env.ALMA_DATA_DIR = folder;
    const server = await startEmbeddedPostgres({ port: Number(process.env.TEST_PG_PORT ?? await freePort()) });
    databaseUrl = server.connectionString;
    stopDatabase = async () => {
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    };
  }
  // A server that fails to start fails the suites that use it (see cube-server.ts), not the others.
  const cube = await startTestCubeServer({ databaseUrl }).catch((error: Error) => error);
  return {
    databaseUrl,
    cube: cube instanceof Error
      ? { startupError: cube.message }
      : { url: cube.url, api: cube.api, sqlPort: cube.sqlPort, apiSecret: cube.apiSecret, databaseUrl },
    async stop() {
      if (!(cube instanceof Error)) await cube.stop();
      await stopDatabase();
    },
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    cube: SharedCubeServer | { startupError: string };
  }
}
