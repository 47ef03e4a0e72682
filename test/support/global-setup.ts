import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres-server';
import { startTestCubeServer, type SharedCubeServer } from './cube-server';
import { freePort } from '../../src/net/free-port';

/**
 * Starts the real servers the tests talk to: an embedded PostgreSQL in a
 * folder of its own (or the server of TEST_DATABASE_URL, for runs against an
 * external PostgreSQL), and one Cube server over its `alma` database, migrated
 * and seeded by the same code as `npm start`. Suites that need a database to
 * themselves make scratch databases on the same server (scratch-database.ts).
 */
export default async function setup(project: TestProject) {
  let stopDatabase = async () => undefined as void;
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
  project.provide('databaseUrl', databaseUrl);
  // A server that fails to start fails the suites that use it (see cube.ts), not the others.
  const cube = await startTestCubeServer({ databaseUrl }).catch((error: Error) => error);
  project.provide('cube', cube instanceof Error
    ? { startupError: cube.message }
    : { url: cube.url, api: cube.api, sqlPort: cube.sqlPort, apiSecret: cube.apiSecret, databaseUrl });
  return async () => {
    if (!(cube instanceof Error)) await cube.stop();
    await stopDatabase();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    cube: SharedCubeServer | { startupError: string };
  }
}
