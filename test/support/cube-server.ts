import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { inject } from 'vitest';
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

const ROOT = join(__dirname, '..', '..');

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
  // Node itself (not the tsx CLI, which would sit between us and the server and not pass on SIGKILL).
  const child: ChildProcess = spawn(join(ROOT, 'node_modules', '.bin', 'node'), ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: {
      ...withoutDatabaseUrl(process.env),
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      PORT: String(port),
      CUBEJS_PG_SQL_PORT: String(sqlPort),
      CUBEJS_API_SECRET: apiSecret,
      ALMA_SEED_USERS: String(options.seedUsers ?? 2000),
      CUBEJS_LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => { output += chunk; });
  child.stderr?.on('data', (chunk) => { output += chunk; });
  const exitCode = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const exited = exitCode.then((code) => {
    throw new Error(`the server exited (code ${code}) before it was ready:\n${output}`);
  });
  const url = `http://127.0.0.1:${port}`;
  const ready = (async () => {
    for (let attempt = 0; attempt < 1200; attempt += 1) {
      try {
        const response = await fetch(`${url}/readyz`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the server did not become ready within 5 minutes:\n${output}`);
  })();
  try {
    await Promise.race([ready, exited]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  exited.catch(() => undefined);
  return {
    url,
    api: `${url}/cubejs-api/v1`,
    sqlPort,
    apiSecret,
    databaseUrl: options.databaseUrl,
    exited: exitCode,
    output: () => output,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }),
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exitCode;
    },
  };
}

function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = env;
  return rest;
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
