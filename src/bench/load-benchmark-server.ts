import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import type { LoadTarget } from './rest-load-run';
import { startServerProcess, withoutDatabaseUrl } from '../cube/server-process';
import { freePort } from '../net/free-port';

const ROOT = join(__dirname, '..', '..');

export interface LoadBenchmarkServer {
  readonly target: LoadTarget;
  /** A token of a group with a minimum cell size (analyst), for the disclosure control benchmark. */
  readonly analystToken: string;
  readonly users: number;
  /** The server's process id, for the CPU it spends per request. */
  readonly pid: number;
  /** The embedded PostgreSQL, for the same questions asked directly of the alma tables. */
  readonly databaseUrl: string;
  stop(): Promise<void>;
}

/** What npm start does in production before it starts the server: npm run build when dist/server is missing or older than a source. */
export async function buildServerIfStale(): Promise<void> {
  await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'node'), ['--import', 'tsx', 'scripts/build-server-if-stale.ts'], { cwd: ROOT });
}

/**
 * `npm start` (scripts/start.ts) in a child process, on an embedded PostgreSQL
 * of its own in `dataDir`, seeded by the project's seeder with `users` users
 * the first time (the folder is kept, so later runs skip the seed). Resolves
 * once /readyz answers and the database holds exactly `users` users.
 */
export async function startLoadBenchmarkServer(options: {
  users: number;
  dataDir: string;
  env?: Record<string, string>;
  log?: (line: string) => void;
  /** The compiled server, as npm start runs in production (built first when stale); otherwise scripts/start.ts through tsx. */
  compiled?: boolean;
}): Promise<LoadBenchmarkServer> {
  const [port, sqlPort, pgPort] = [await freePort(), await freePort(), await freePort()];
  const apiSecret = options.env?.CUBEJS_API_SECRET ?? randomBytes(32).toString('hex');
  if (options.compiled) await buildServerIfStale();
  const server = await startServerProcess({
    compiled: options.compiled,
    port,
    // Seeding a million users comes first and takes minutes.
    readyWithinMs: 60 * 60_000,
    onOutput: (chunk) => options.log?.(chunk.trimEnd()),
    env: {
      ...withoutDatabaseUrl(process.env), ALMA_DATA_DIR: options.dataDir, ALMA_EMBEDDED_PG_PORT: String(pgPort),
      CUBEJS_PG_SQL_PORT: String(sqlPort), CUBEJS_API_SECRET: apiSecret, ALMA_SEED_USERS: String(options.users),
      CUBEJS_LOG_LEVEL: 'error', NODE_ENV: 'production', ...options.env,
    },
  });
  const stop = () => server.stop(30_000);
  const { url } = server;
  try {
    const password = readFileSync(join(options.dataDir, 'postgres-password.secret'), 'utf8').trim();
    const databaseUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/alma`;
    const client = new pg.Client(databaseUrl);
    await client.connect();
    const users = Number((await client.query('SELECT count(*) AS n FROM alma.users')).rows[0].n);
    await client.end();
    if (users !== options.users) {
      throw new Error(`${options.dataDir} holds ${users} users, not ${options.users}: remove the folder to seed it again`);
    }
    const token = jwt.sign({ group: 'admin' }, apiSecret, { algorithm: 'HS256', expiresIn: '6h' });
    const analystToken = jwt.sign({ group: 'analyst' }, apiSecret, { algorithm: 'HS256', expiresIn: '6h' });
    return { target: { url, sqlHost: '127.0.0.1', sqlPort, token }, analystToken, users, pid: server.pid, databaseUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
