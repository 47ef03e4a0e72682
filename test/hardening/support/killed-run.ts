import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

export interface KilledRun {
  /** True when the run had already exited by itself before the kill. */
  readonly finishedFirst: boolean;
  readonly output: string;
}

/** When to kill: once `started()` says the run is at work, then `afterMs` later. */
export interface KillPoint {
  readonly started: () => Promise<boolean>;
  readonly afterMs: number;
}

/**
 * Runs `npm run <script>`'s entry point (scripts/<script>.ts) against `databaseUrl`
 * in a process group of its own and SIGKILLs the whole group (the seeder re-runs
 * itself in a child) at `killPoint`, as a crash or an OOM kill would.
 */
export function runAndKill(script: string, args: readonly string[], databaseUrl: string, killPoint?: KillPoint): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'node'), ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => { output += chunk; });
    child.stderr?.on('data', (chunk) => { output += chunk; });
    let killed = false;
    let exited = false;
    const killGroup = () => {
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
    };
    if (killPoint) {
      void (async () => {
        while (!exited && !(await killPoint.started().catch(() => false))) await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setTimeout(r, killPoint.afterMs));
        if (!exited) {
          killed = true;
          killGroup();
        }
      })();
    }
    child.on('error', reject);
    child.on('exit', () => {
      exited = true;
      // The group may outlive its leader for a moment; make sure nothing of it runs on.
      killGroup();
      resolve({ finishedFirst: !killed, output });
    });
  });
}

/** Runs scripts/<script>.ts to its end; rejects with its output when it fails. */
export async function runToEnd(script: string, args: readonly string[], databaseUrl: string): Promise<string> {
  const run = await runAndKill(script, args, databaseUrl);
  if (!run.finishedFirst) throw new Error(`${script} did not finish:\n${run.output}`);
  return run.output;
}
