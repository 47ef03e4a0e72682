import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataFolder } from '../data-folder';

/**
 * Who runs the embedded PostgreSQL of a data folder: the process that started
 * it (`npm start` or a command such as `npm run seed`), kept in
 * `<data folder>/postgres-owner.json` while it runs. Other processes read it
 * to tell a server in use (its owner is alive: use it, never stop it) from
 * one a killed run left behind (its owner is gone: shut it down cleanly).
 */
export interface DataFolderOwner {
  readonly pid: number;
  /** The owner's start time as the kernel counts it, so a recycled pid is not taken for the owner. */
  readonly processStart: string | undefined;
  /** What the owner is, for messages: "npm start", "npm run seed". */
  readonly command: string;
  readonly postgres?: { readonly pid: number; readonly port: number };
  /** The ports `npm start` serves on, once it listens. */
  readonly restPort?: number;
  readonly sqlPort?: number;
}

const FILE = 'postgres-owner.json';

function ownerFile(folder: string): string {
  return join(folder, FILE);
}

/** The kernel's start time of `pid` (field 22 of /proc/<pid>/stat), where there is a /proc. */
function processStartOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses; fields after it follow the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Whether process `pid` exists (a process of another user counts: kill(0) then fails with EPERM). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the owner in the record still runs (the same process, not another that got its pid). */
export function ownerIsAlive(owner: DataFolderOwner): boolean {
  if (!processIsAlive(owner.pid)) return false;
  const start = processStartOf(owner.pid);
  return owner.processStart === undefined || start === undefined || start === owner.processStart;
}

/** The owner record of this data folder, if there is one (alive or not). */
export function readDataFolderOwner(folder = dataFolder()): DataFolderOwner | undefined {
  try {
    const record = JSON.parse(readFileSync(ownerFile(folder), 'utf8')) as DataFolderOwner;
    return Number.isInteger(record.pid) && record.pid > 0 ? record : undefined;
  } catch {
    return undefined;
  }
}

/** What this process is, for other processes' messages: the command of its script (scripts/seed.ts is "npm run seed"). */
export function thisCommand(): string {
  const script = (process.argv[1] ?? '').match(/(?:^|\/)scripts\/([\w-]+)\.ts$/)?.[1];
  if (script === 'start') return 'npm start';
  if (script) return `npm run ${script}`;
  return (process.argv[1] ?? 'node').split('/').slice(-2).join('/');
}

function write(folder: string, record: DataFolderOwner, flag: 'wx' | 'w'): void {
  const body = `${JSON.stringify(record, null, 2)}\n`;
  if (flag === 'wx') {
    writeFileSync(ownerFile(folder), body, { flag, mode: 0o644 });
    return;
  }
  const temporary = `${ownerFile(folder)}.${process.pid}`;
  writeFileSync(temporary, body, { mode: 0o644 });
  renameSync(temporary, ownerFile(folder));
}

/**
 * Makes this process the owner of the data folder's PostgreSQL, or returns the
 * live owner that already is. An owner record whose process is gone is
 * replaced (the caller then shuts down the server that process left).
 * Creating the record is atomic, so of two processes claiming at once one wins.
 */
export function claimDataFolder(folder: string, command = thisCommand()): { claimed: true } | { claimed: false; owner: DataFolderOwner } {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const existing = readDataFolderOwner(folder);
    if (existing && existing.pid !== process.pid && ownerIsAlive(existing)) return { claimed: false, owner: existing };
    if (existing) rmSync(ownerFile(folder), { force: true });
    try {
      write(folder, { pid: process.pid, processStart: processStartOf(process.pid), command }, 'wx');
      return { claimed: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const owner = readDataFolderOwner(folder);
  if (owner) return { claimed: false, owner };
  throw new Error(`could not claim the data folder ${folder}: ${FILE} keeps changing`);
}

/** Adds to this process's owner record (the PostgreSQL it started, the ports it serves on). */
export function updateDataFolderOwner(update: Partial<Pick<DataFolderOwner, 'postgres' | 'restPort' | 'sqlPort'>>, folder = dataFolder()): void {
  const current = readDataFolderOwner(folder);
  if (!current || current.pid !== process.pid) return;
  write(folder, { ...current, ...update }, 'w');
}

/** Gives up this process's claim (the record of another process is left alone). */
export function releaseDataFolder(folder: string): void {
  const current = readDataFolderOwner(folder);
  if (current?.pid === process.pid) rmSync(ownerFile(folder), { force: true });
}

/** The owner as people read it: "npm start (pid 1234; REST port 4000, SQL API port 15432, PostgreSQL port 54329)". */
export function describeOwner(owner: DataFolderOwner): string {
  const ports = [
    owner.restPort ? `REST port ${owner.restPort}` : undefined,
    owner.sqlPort ? `SQL API port ${owner.sqlPort}` : undefined,
    owner.postgres ? `PostgreSQL port ${owner.postgres.port}` : undefined,
  ].filter((part) => part !== undefined);
  return `${owner.command} (pid ${owner.pid}${ports.length > 0 ? `; ${ports.join(', ')}` : ''})`;
}
