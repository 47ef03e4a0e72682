import { readdirSync, readFileSync } from 'node:fs';

const PAGE_BYTES = 4096;
const MIB = 2 ** 20;

/** Memory of a server's process tree over a stretch of a benchmark, in MiB. */
export interface ServerMemory {
  /** Highest sum seen of the resident memory of the server's processes (Node with its worker threads, and any helper but PostgreSQL). */
  peakServerMiB: number;
  /** Highest sum seen of the embedded PostgreSQL's processes, apart: the database is not the API's memory. */
  peakDatabaseMiB: number;
  /** The server's main process's own high-water mark since it started (VmHWM), start-up included. */
  mainProcessLifetimePeakMiB: number;
}

function parentsOfAllProcesses(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent is the second field after the command, which may itself hold spaces or parentheses.
      const parent = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while we read.
    }
  }
  return children;
}

function descendantsOf(pid: number): number[] {
  const children = parentsOfAllProcesses();
  const all: number[] = [];
  for (const stack = [pid]; stack.length;) {
    const next = stack.pop()!;
    all.push(next);
    stack.push(...(children.get(next) ?? []));
  }
  return all;
}

function residentBytes(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES;
}

function lifetimePeakBytes(pid: number): number {
  const line = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return line ? Number(line[1]) * 1024 : 0;
}

/** Resident memory of the server's processes and of its PostgreSQL's, at this moment, in bytes. */
function residentNow(pid: number): { server: number; database: number } {
  let server = 0;
  let database = 0;
  for (const process of descendantsOf(pid)) {
    try {
      const bytes = residentBytes(process);
      if (readFileSync(`/proc/${process}/comm`, 'utf8').trim() === 'postgres') database += bytes;
      else server += bytes;
    } catch {
      // The process ended while we read.
    }
  }
  return { server, database };
}

/**
 * Samples the resident memory of the process tree under `pid` every `everyMs` (Linux /proc)
 * until `stop()`: worker threads are in their process's figure, child processes are added.
 * A sample every 100 ms can miss a shorter spike; the main process's VmHWM cannot.
 */
export function sampleServerMemory(pid: number, everyMs = 100): { stop(): ServerMemory } {
  let peakServer = 0;
  let peakDatabase = 0;
  const sample = () => {
    const now = residentNow(pid);
    peakServer = Math.max(peakServer, now.server);
    peakDatabase = Math.max(peakDatabase, now.database);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { peakServerMiB: peakServer / MIB, peakDatabaseMiB: peakDatabase / MIB, mainProcessLifetimePeakMiB: lifetimePeakBytes(pid) / MIB };
    },
  };
}

/** Bytes the process has read so far through any read call (sockets included): what it received from PostgreSQL bounds it. */
export function bytesReadBy(pid: number): number {
  const line = /^rchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
  return line ? Number(line[1]) : 0;
}
