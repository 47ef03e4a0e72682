import { startEmbeddedPostgres } from './embedded-postgres-server';
import type { DataFolderOwner } from './data-folder-owner';

export interface DatabaseServer {
  readonly connectionString: string;
  /** True when this process started the server (and so stops it). */
  readonly embedded: boolean;
  /** The live `npm start` whose embedded server this is, when this process uses it rather than starting one. */
  readonly runBy?: DataFolderOwner;
  stop(): Promise<void>;
}

/** Default port of the embedded PostgreSQL; away from 5432 so a system server can coexist. */
export const DEFAULT_EMBEDDED_PORT = 54329;

/**
 * The database every command of this project works on: the server named by
 * `DATABASE_URL` when it is set (the embedded one is then never started),
 * otherwise the embedded PostgreSQL of this checkout's data folder: the one a
 * running `npm start` serves from (used, never stopped), or one started for
 * this process. `npm start` passes `whenRunning: 'refuse'`: two servers on
 * one data folder would fight over it.
 */
export async function openDatabaseServer(
  log?: (line: string) => void,
  whenRunning: 'use' | 'refuse' = 'use',
): Promise<DatabaseServer> {
  const external = process.env.DATABASE_URL;
  if (external) {
    return { connectionString: external, embedded: false, stop: async () => undefined };
  }
  const port = Number(process.env.ALMA_EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PORT);
  const server = await startEmbeddedPostgres({ port, log, whenRunning });
  return { connectionString: server.connectionString, embedded: !server.runBy, runBy: server.runBy, stop: () => server.stop() };
}
