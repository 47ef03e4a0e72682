import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { inject } from 'vitest';
import { startServerProcess, withoutDatabaseUrl } from '../../src/cube/server-process';
import { freePort } from '../../src/net/free-port';

export interface TestCubeServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** REST base, e.g. http://127.0.0.1:41234/cubejs-api/v1 */
  readonly api: string;
  readonly sqlPort: number;
  readonly apiSecret: string;
  readonly databaseUrl: string | undefined;
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
  /** Everything the server wrote to stdout and stderr so far (for log assertions). */
  output(): string;
  /** Ctrl-C: a graceful stop. */
  stop(): Promise<void>;
  /** SIGKILL: the server dies on the spot. */
  kill(): Promise<void>;
}

/**
 * Starts the real server, `scripts/start.ts` (the same entry point as
 * `npm start`), as a child process over `databaseUrl`: it migrates, seeds a
 * small data set when the database is empty, and serves REST and the SQL API
 * on free ports. Resolves once /readyz answers.
 */
export async function startTestCubeServer(options: {
  /** Without it the server starts its embedded PostgreSQL (give it ALMA_DATA_DIR and ALMA_EMBEDDED_PG_PORT in env). */
  databaseUrl: string | undefined;
  seedUsers?: number;
  env?: Record<string, string>;
}): Promise<TestCubeServer> {
  const port = await freePort();
  const sqlPort = await freePort();
  const apiSecret = randomBytes(32).toString('hex');
  let output = '';
  const server = await startServerProcess({
    port,
    readyWithinMs: 5 * 60_000,
    onOutput: (chunk) => { output += chunk; },
    env: {
      ...withoutDatabaseUrl(process.env),
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      CUBEJS_PG_SQL_PORT: String(sqlPort),
      CUBEJS_API_SECRET: apiSecret,
      ALMA_SEED_USERS: String(options.seedUsers ?? 2000),
      CUBEJS_LOG_LEVEL: 'info',
      ...options.env,
    },
  }).catch((error: Error) => {
    throw new Error(`${error.message}:\n${output}`);
  });
  return {
    url: server.url,
    api: `${server.url}/cubejs-api/v1`,
    sqlPort,
    apiSecret,
    databaseUrl: options.databaseUrl,
    exited: server.exited,
    output: () => output,
    stop: () => server.stop(),
    kill: () => server.kill(),
  };
}

/** What the global setup shares of the server it started for the whole run. */
export interface SharedCubeServer {
  readonly url: string;
  readonly api: string;
  readonly sqlPort: number;
  readonly apiSecret: string;
  readonly databaseUrl: string;
}

/** The server of the whole run; throws its startup error if it did not start. */
export function sharedCubeServer(): SharedCubeServer {
  const shared = inject('cube');
  if ('startupError' in shared) throw new Error(`the shared Cube server did not start: ${shared.startupError}`);
  return shared;
}

/** A token for the test server, signed with its secret. */
export function tokenFor(server: { apiSecret: string }, group: string, campus?: string[], options: jwt.SignOptions = {}): string {
  return jwt.sign({ group, ...(campus ? { campus } : {}) }, server.apiSecret, { algorithm: 'HS256', expiresIn: '1h', ...options });
}
