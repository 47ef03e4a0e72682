import { startEmbeddedPostgres } from './embedded-postgres-server';

export interface DatabaseServer {
  readonly connectionString: string;
  /** True when this process started the server (and so stops it). */
  readonly embedded: boolean;
  stop(): Promise<void>;
}

/** Default port of the embedded PostgreSQL; away from 5432 so a system server can coexist. */
export const DEFAULT_EMBEDDED_PORT = 54329;

/**
 * The database every command of this project works on: the server named by
 * `DATABASE_URL` when it is set (the embedded one is then never started),
 * otherwise the embedded PostgreSQL of this checkout.
 */
export async function openDatabaseServer(log?: (line: string) => void): Promise<DatabaseServer> {
  const external = process.env.DATABASE_URL;
  if (external) {
    return { connectionString: external, embedded: false, stop: async () => undefined };
  }
  const port = Number(process.env.ALMA_EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PORT);
  const server = await startEmbeddedPostgres({ port, log });
  return { connectionString: server.connectionString, embedded: true, stop: () => server.stop() };
}
