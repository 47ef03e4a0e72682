import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres-server';

/**
 * Starts the real PostgreSQL the tests run against: an embedded server in a
 * folder of its own (or the server of TEST_DATABASE_URL, for runs against an
 * external PostgreSQL). Suites make scratch databases on it (scratch-database.ts).
 */
export default async function setup(project: TestProject) {
  let stop = async () => undefined as void;
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const folder = join(__dirname, '..', '..', '.data', 'test');
    rmSync(folder, { recursive: true, force: true });
    process.env.ALMA_DATA_DIR = folder;
    const server = await startEmbeddedPostgres({ port: Number(process.env.TEST_PG_PORT ?? 54339) });
    url = server.connectionString;
    stop = () => server.stop();
  }
  project.provide('databaseUrl', url);
  return async () => {
    await stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
