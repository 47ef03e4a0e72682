import { readFileSync } from 'node:fs';
import { summarizeLatencies } from './latency-summary';

/** CPU seconds (user + system) a process has used so far, read from /proc (Linux). */
export function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  // utime and stime are fields 14 and 15 of stat(5); after the command they start at index 11.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export interface RequestPathFigures {
  readonly requests: number;
  readonly errors: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** Server CPU per answer: immune to other load on the machine, unlike wall-clock latency. */
  readonly cpuMsPerRequest: number;
}

/**
 * One client asking `ask(i)` back to back `requests` times (after `warmup`
 * unmeasured ones), measuring each answer's latency and the CPU the server
 * process `serverPid` spent over the whole run.
 */
export async function runRequestPath(options: {
  ask: (index: number) => Promise<void>;
  serverPid: number;
  requests: number;
  warmup?: number;
}): Promise<RequestPathFigures> {
  const { ask } = options;
  for (let index = 0; index < (options.warmup ?? 20); index += 1) await ask(-1 - index).catch(() => undefined);
  const latencies: number[] = [];
  const errors: string[] = [];
  const cpuBefore = cpuSecondsOf(options.serverPid);
  for (let index = 0; index < options.requests; index += 1) {
    const startedAt = performance.now();
    try {
      await ask(index);
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
    latencies.push(performance.now() - startedAt);
  }
  const cpuMs = (cpuSecondsOf(options.serverPid) - cpuBefore) * 1000;
  const summary = summarizeLatencies(latencies, errors, 1);
  return { requests: summary.requests, errors: summary.errors, p50Ms: summary.p50, p95Ms: summary.p95, cpuMsPerRequest: cpuMs / options.requests };
}

/** One GET of `url` that must answer 200 with no error (Cube's "Continue wait" counts as an error here). */
export async function getOk(url: string, headers: Record<string, string> = {}): Promise<void> {
  const response = await fetch(url, { headers });
  const body = await response.text();
  if (response.status !== 200 || body.startsWith('{"error"')) throw new Error(`HTTP ${response.status}: ${body.slice(0, 200)}`);
}
