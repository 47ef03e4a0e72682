import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { dataFolder } from '../data-folder';
import { localSecret } from '../secrets/local-secret';
import {
  claimDataFolder, describeOwner, ownerIsAlive, processIsAlive, readDataFolderOwner, releaseDataFolder, updateDataFolderOwner,
  type DataFolderOwner,
} from './data-folder-owner';
import { postgresBinaries } from './postgres-binaries';

export interface EmbeddedServer {
  readonly connectionString: string;
  /** Set when another live process (`npm start`) runs this server: it is used, and never stopped from here. */
  readonly runBy?: DataFolderOwner;
  stop(): Promise<void>;
}

/** The data folder's PostgreSQL is in use by a live process that this one must not disturb. */
export class DataFolderInUseError extends Error {}

const DATABASE = 'alma';
const USER = 'postgres';

/** PostgreSQL refuses to run as root; as root, the cluster belongs to the system user `postgres`. */
function runAsIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    return {
      uid: Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim()),
      gid: Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }).trim()),
    };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', USER]);
    return runAsIds();
  }
}

const isAlive = processIsAlive;

/** The parent of `pid` (field 4 of /proc/<pid>/stat), where there is a /proc. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

async function waitForExit(pid: number, what: string): Promise<void> {
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited > 60_000) throw new Error(`${what} (pid ${pid}) did not stop within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A run killed with SIGKILL leaves its server running on the data folder. Only
 * called once this process holds the folder's owner record, so the process
 * that started that server is gone. A server still attached to a live parent
 * (started by something that keeps no owner record) is left alone. Otherwise
 * ask it for a fast shutdown (as pg_ctl -m fast does) so this run can start
 * its own; PostgreSQL's write-ahead log makes that safe.
 */
async function stopLeftoverServer(databaseDir: string, previousOwner: DataFolderOwner | undefined, log: (line: string) => void): Promise<void> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const parent = parentOf(pid);
  if (!previousOwner && parent !== undefined && parent > 1 && isAlive(parent)) {
    throw new DataFolderInUseError(`A PostgreSQL server (pid ${pid}, started by process ${parent}) runs on ${databaseDir} `
      + 'without an owner record; stop it (or that process) first, or use another ALMA_DATA_DIR.');
  }
  log(`stopping the PostgreSQL server (pid ${pid}) that ${previousOwner ? describeOwner(previousOwner) : 'an earlier run'} left running; its owner is gone`);
  process.kill(pid, 'SIGINT');
  await waitForExit(pid, 'the leftover PostgreSQL server');
}

async function createCluster(databaseDir: string, password: string, ids: { uid: number; gid: number } | undefined): Promise<void> {
  const { initdb } = await postgresBinaries();
  // A killed initdb leaves no PG_VERSION; the next start then wipes the folder and begins again.
  mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
  if (ids) chownSync(databaseDir, ids.uid, ids.gid);
  const passwordFile = join(tmpdir(), `alma-initdb-${randomBytes(8).toString('hex')}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (ids) chownSync(passwordFile, ids.uid, ids.gid);
  try {
    execFileSync(initdb, [
      `--pgdata=${databaseDir}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${passwordFile}`,
      '--encoding=UTF8', '--locale=C',
    ], { stdio: 'pipe', ...(ids ?? {}) });
  } catch (error) {
    rmSync(databaseDir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`initdb failed in ${databaseDir}: ${stderr.trim() || String(error)}`);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

async function waitUntilAccepting(connectionString: string, pid: number, logFile: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (!isAlive(pid)) {
      throw new Error(`PostgreSQL exited while starting; its log (${logFile}) ends with:\n${readFileSync(logFile, 'utf8').split('\n').slice(-8).join('\n')}`);
    }
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`PostgreSQL did not accept connections within 60 s (log: ${logFile})`);
}

/** The connection string of the embedded server on `port`. */
function connectionStringFor(port: number, database = DATABASE): string {
  return `postgres://${USER}:${encodeURIComponent(localSecret('postgres-password'))}@127.0.0.1:${port}/${database}`;
}

/**
 * The server a live `npm start` runs on this data folder, once it accepts
 * connections. Another command's server is not shared: that command stops it
 * when it finishes.
 */
async function serverRunBy(folder: string, owner: DataFolderOwner, log: (line: string) => void): Promise<EmbeddedServer> {
  if (owner.command !== 'npm start') {
    throw new DataFolderInUseError(`${describeOwner(owner)} is using the database of ${folder}; wait for it to finish, then run this again.`);
  }
  for (let waited = 0; ; waited += 250) {
    const current = readDataFolderOwner(folder);
    if (!current || current.pid !== owner.pid || !ownerIsAlive(current)) {
      throw new DataFolderInUseError(`${describeOwner(owner)} stopped while this command waited for its database; run this again.`);
    }
    if (current.postgres) {
      const connectionString = connectionStringFor(current.postgres.port);
      await waitUntilAccepting(connectionStringFor(current.postgres.port, 'postgres'), current.postgres.pid, join(folder, 'postgres.log'));
      log(`using the PostgreSQL server of ${describeOwner(current)}`);
      return { connectionString, runBy: current, stop: async () => undefined };
    }
    if (waited > 120_000) throw new DataFolderInUseError(`${describeOwner(owner)} has not started its database within 2 minutes; is it stuck?`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Starts the embedded PostgreSQL of this checkout, creating its cluster on the
 * first run, and records this process as its owner (data-folder-owner.ts).
 * The server runs in its own process group, so Ctrl-C reaches only us and we
 * stop Cube before the database; a run that dies leaves a server the next
 * start shuts down cleanly.
 *
 * When a live `npm start` already runs the folder's server, `whenRunning`
 * decides: 'use' returns that server (stop() then leaves it running),
 * 'refuse' throws a DataFolderInUseError naming it.
 */
export async function startEmbeddedPostgres(options: {
  port: number;
  log?: (line: string) => void;
  whenRunning?: 'use' | 'refuse';
  command?: string;
}): Promise<EmbeddedServer> {
  const log = options.log ?? (() => undefined);
  // Read once: tests point ALMA_DATA_DIR at a folder only while they start a server.
  const folder = dataFolder();
  const previousOwner = readDataFolderOwner(folder);
  const claim = claimDataFolder(folder, options.command);
  if (!claim.claimed) {
    if (options.whenRunning === 'refuse') {
      throw new DataFolderInUseError(`${describeOwner(claim.owner)} is already running on the data folder ${folder}. `
        + `Use that one, stop it first (Ctrl-C in its terminal, or kill -INT ${claim.owner.pid}), or give this one another folder with ALMA_DATA_DIR.`);
    }
    return serverRunBy(folder, claim.owner, log);
  }
  try {
    return await startOwnServer(folder, options.port, previousOwner?.pid === process.pid ? undefined : previousOwner, log);
  } catch (error) {
    releaseDataFolder(folder);
    throw error;
  }
}

async function startOwnServer(folder: string, port: number, previousOwner: DataFolderOwner | undefined, log: (line: string) => void): Promise<EmbeddedServer> {
  const databaseDir = join(folder, 'postgres');
  const password = localSecret('postgres-password');
  const ids = runAsIds();
  // The server's user must be able to reach its data directory inside our data folder.
  if (ids) chmodSync(folder, 0o755);
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log(`creating a PostgreSQL cluster in ${databaseDir}`);
    rmSync(databaseDir, { recursive: true, force: true });
    await createCluster(databaseDir, password, ids);
  } else {
    await stopLeftoverServer(databaseDir, previousOwner, log);
    if (ids && statSync(databaseDir).uid !== ids.uid) chownSync(databaseDir, ids.uid, ids.gid);
  }
  const { postgres } = await postgresBinaries();
  const logFile = join(folder, 'postgres.log');
  const logFd = openSync(logFile, 'a', 0o644);
  if (ids) chownSync(logFile, ids.uid, ids.gid);
  chmodSync(logFile, 0o644);
  const child = spawn(postgres, [
    '-D', databaseDir, '-p', String(port),
    // Loopback only, no Unix socket: this server exists for this checkout alone.
    '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
    // No replicas or point-in-time recovery for a checkout's own database, so WAL only has to make it
    // crash-safe: a table truncated or created in the same transaction as its COPY (the seed, rollup
    // builds) is then written without WAL and synced at commit.
    '-c', 'wal_level=minimal', '-c', 'max_wal_senders=0',
  ], { detached: true, stdio: ['ignore', logFd, logFd], ...(ids ?? {}) });
  closeSync(logFd);
  child.unref();
  const pid = child.pid;
  if (!pid) throw new Error('PostgreSQL could not be started');
  const admin = connectionStringFor(port, 'postgres');
  try {
    await waitUntilAccepting(admin, pid, logFile);
  } catch (error) {
    if (isAlive(pid)) process.kill(pid, 'SIGINT');
    throw new Error(`the embedded PostgreSQL did not start on port ${port} (is it taken? set ALMA_EMBEDDED_PG_PORT): ${(error as Error).message}`);
  }
  const client = new pg.Client(admin);
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
  updateDataFolderOwner({ postgres: { pid, port } }, folder);
  log(`PostgreSQL is up on 127.0.0.1:${port} (pid ${pid}, log ${logFile})`);
  return {
    connectionString: connectionStringFor(port),
    stop: async () => {
      if (isAlive(pid)) {
        process.kill(pid, 'SIGINT');
        await waitForExit(pid, 'PostgreSQL');
      }
      releaseDataFolder(folder);
    },
  };
}
