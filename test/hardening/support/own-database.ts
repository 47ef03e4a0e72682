import { rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../../src/db/embedded-postgres-server';
import { freePort } from '../../../src/net/free-port';

/** An embedded PostgreSQL this suite may stop, restart and read the log of. */
export interface OwnDatabase {
  readonly connectionString: string;
  /** PostgreSQL's log file (with log_statement = all once `logEveryStatement` ran). */
  readonly logFile: string;
  stop(): Promise<void>;
  /** Starts the server again on the same port and folder. */
  restart(): Promise<void>;
  /** Makes the server log every statement it runs, with its parameters. */
  logEveryStatement(): Promise<void>;
  /** Stops the server and removes its folder. */
  remove(): Promise<void>;
}

async function inFolder<T>(folder: string, run: () => Promise<T>): Promise<T> {
  // The embedded server and its secrets live in ALMA_DATA_DIR; point it at our folder only while starting.
  const previous = process.env.ALMA_DATA_DIR;
  process.env.ALMA_DATA_DIR = folder;
  try {
    return await run();
  } finally {
    if (previous === undefined) delete process.env.ALMA_DATA_DIR;
    else process.env.ALMA_DATA_DIR = previous;
  }
}

/** Starts an embedded PostgreSQL of the suite's own, in .data/test-hardening-<label>-<pid>. */
export async function startOwnDatabase(label: string): Promise<OwnDatabase> {
  const folder = join(__dirname, '..', '..', '..', '.data', `test-hardening-${label}-${process.pid}`);
  rmSync(folder, { recursive: true, force: true });
  const port = await freePort();
  let server: EmbeddedServer = await inFolder(folder, () => startEmbeddedPostgres({ port }));
  const own: OwnDatabase = {
    connectionString: server.connectionString,
    logFile: join(folder, 'postgres.log'),
    stop: () => server.stop(),
    restart: async () => {
      server = await inFolder(folder, () => startEmbeddedPostgres({ port }));
    },
    logEveryStatement: async () => {
      const client = new pg.Client(server.connectionString);
      await client.connect();
      await client.query("ALTER SYSTEM SET log_statement = 'all'");
      await client.query('SELECT pg_reload_conf()');
      await client.end();
    },
    remove: async () => {
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
  return own;
}
