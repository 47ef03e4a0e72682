import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface ServerProcess {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** The server's process id, e.g. to read the CPU it used (benchmarks). */
  readonly pid: number;
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
  /** Ctrl-C: a graceful stop, SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL: the server dies on the spot. */
  kill(): Promise<void>;
}

/**
 * WebAssembly stays on V8's baseline compiler: optimizing the SQL parser's one huge function
 * (libpg-query) takes about 500 MiB for a second on the first statement, more than the
 * whole server otherwise holds; the parser then runs a few microseconds slower per statement.
 * A V8 flag, so only on Node's command line (NODE_OPTIONS refuses it, V8 ignores it once started).
 */
export const SERVER_V8_FLAGS = ['--liftoff-only'];

/**
 * Node's arguments for the compiled server, as package.json's start:production gives them: the stand-in
 * for Cube's native module resolved to its compiled copy, and no TypeScript loaded at all (not even by
 * Node's own type stripping), so a module left uncompiled fails at once instead of loading slowly.
 */
export const COMPILED_SERVER_ARGUMENTS = [...SERVER_V8_FLAGS, '--conditions=alma-compiled', '--no-experimental-strip-types', 'dist/server/scripts/start.js'];

/** The environment without DATABASE_URL, for a server that must start its embedded PostgreSQL. */
export function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = env;
  return rest;
}

/**
 * `npm start` (scripts/start.ts) as a child process with `env`, for tests and
 * benchmarks: run by Node itself (not the tsx CLI, which would sit between us
 * and the server and not pass on SIGKILL). Resolves once /readyz on `port`
 * answers; rejects, killing the child, if it exits first or takes longer
 * than `readyWithinMs`.
 */
export async function startServerProcess(options: {
  env: NodeJS.ProcessEnv;
  port: number;
  readyWithinMs: number;
  onOutput?: (chunk: string) => void;
  /** The compiled server of dist/server (npm run build), run as npm start runs it in production. */
  compiled?: boolean;
}): Promise<ServerProcess> {
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'node'), options.compiled ? COMPILED_SERVER_ARGUMENTS : [...SERVER_V8_FLAGS, '--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: { ...options.env, PORT: String(options.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forward = (chunk: Buffer) => options.onOutput?.(chunk.toString());
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${options.port}`;
  const ready = (async () => {
    for (const startedAt = Date.now(); Date.now() - startedAt < options.readyWithinMs;) {
      if (await fetch(`${url}/readyz`).then((response) => response.ok, () => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the server did not become ready within ${Math.round(options.readyWithinMs / 1000)} s`);
  })();
  const exitedEarly = exited.then((code) => {
    throw new Error(`the server exited (code ${code}) before it was ready`);
  });
  try {
    await Promise.race([ready, exitedEarly]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  exitedEarly.catch(() => undefined);
  return {
    url,
    pid: child.pid ?? -1,
    exited,
    stop: async (graceMs = 10_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(force);
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
