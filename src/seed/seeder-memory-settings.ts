import { spawn } from 'node:child_process';

/**
 * Node flags the seeder runs with. Its live data is small, but it churns
 * through short-lived strings, and V8 then grows its young generation to
 * its largest size and keeps it, lifting the peak RSS. The cap costs some
 * generation speed and the seed still outruns PostgreSQL's plain COPY with
 * it (the figures are in docs/BENCHMARKS.md).
 */
export const SEEDER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

/**
 * Environment of the seeder. COPY chunks are Buffers a little above this size;
 * glibc's malloc raises its mmap threshold after the first ones are freed and
 * then serves them from its heap, which fragments and lets the RSS creep up
 * with the number of rows. A fixed threshold keeps
 * them mmapped, returned to the system as soon as they are freed.
 */
export const MALLOC_MMAP_THRESHOLD_BYTES = 131_072;

export const SEEDER_ENVIRONMENT: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: String(MALLOC_MMAP_THRESHOLD_BYTES) };

function hasSeederSettings(): boolean {
  return SEEDER_NODE_FLAGS.every((flag) => process.execArgv.includes(flag)) &&
    Object.entries(SEEDER_ENVIRONMENT).every(([name, value]) => process.env[name] === value);
}

/**
 * When this process runs without the seeder's settings, runs the same script
 * again in a child that has them and resolves to its exit code; resolves to
 * undefined when the settings are there and this process should seed.
 */
export async function rerunWithSeederSettings(script: string): Promise<number | undefined> {
  if (hasSeederSettings()) return undefined;
  const child = spawn(process.execPath, [...SEEDER_NODE_FLAGS, ...process.execArgv, script, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, ...SEEDER_ENVIRONMENT },
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
