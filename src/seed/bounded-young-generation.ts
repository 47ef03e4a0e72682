import { spawn } from 'node:child_process';

/**
 * Node flags the seeder runs with. Its live data is a few MB, but it churns
 * through short-lived strings, and V8 then grows its young generation to
 * 32 MB a half and keeps it, lifting the peak RSS by about 100 MB (to near
 * 300 MB). Capping it costs no measurable speed.
 */
export const SEEDER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

/**
 * When this process runs without the seeder's flags, runs the same script
 * again in a child that has them and resolves to its exit code; resolves to
 * undefined when the flags are already there and this process should seed.
 */
export async function rerunWithSeederFlags(script: string): Promise<number | undefined> {
  if (SEEDER_NODE_FLAGS.every((flag) => process.execArgv.includes(flag))) return undefined;
  const child = spawn(process.execPath, [...SEEDER_NODE_FLAGS, ...process.execArgv, script, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
