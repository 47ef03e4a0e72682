import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { SEEDER_ENVIRONMENT, SEEDER_NODE_FLAGS } from '../seed/seeder-memory-settings';

export interface SeedingRun {
  readonly rows: Readonly<Record<string, number>>;
  readonly seconds: number;
  readonly usersSeconds: number;
  readonly maxRssBytes: number;
}


/**
 * Runs scripts/seed.ts `--users N --reset` as a child process, with the
 * flags `npm run seed` gives it, so its peak RSS is the seeder's own; returns
 * what it reports.
 */
export function runSeederChild(connectionString: string, users: number, seed: string, asOf: string): Promise<SeedingRun> {
  const root = join(__dirname, '..', '..');
  const args = [...SEEDER_NODE_FLAGS, '--import', 'tsx', join(root, 'scripts', 'seed.ts'),
    '--users', String(users), '--seed', seed, '--as-of', asOf, '--reset', '--json'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root, env: { ...process.env, ...SEEDER_ENVIRONMENT, DATABASE_URL: connectionString }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000); });
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`the seeder exited with ${code}: ${stderr.trim().split('\n').slice(-5).join('\n')}`));
        return;
      }
      resolve(JSON.parse(last) as SeedingRun);
    });
  });
}
