import { spawn } from 'node:child_process';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';

// npm run token against the run's database (its campus code table: MAIN, MED, LAW, ARTS from the seed).
const ROOT = join(__dirname, '..', '..');
const SECRET = 'token-command-test-secret-0123456789abcdef0123456789';

async function token(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'node'), ['--import', 'tsx', 'scripts/token.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: inject('databaseUrl'), CUBEJS_API_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}

function claims(stdout: string): jwt.JwtPayload {
  return jwt.verify(stdout.trim().split('\n').pop() ?? '', SECRET) as jwt.JwtPayload;
}

describe('npm run token', () => {
  it('matches campus codes against the campus code table without regard to case', async () => {
    const result = await token(['--group', 'dashboard', '--campus', 'main,Arts', '--expires-in', '1h']);
    expect(result.code, result.stderr).toBe(0);
    expect(claims(result.stdout).campus).toEqual(['MAIN', 'ARTS']);
  });

  it('refuses a code that is not in the table, listing the valid ones', async () => {
    const result = await token(['--group', 'dashboard', '--campus', 'MAIN,NORTH']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('"NORTH" is not a campus code of this database; the campus codes are: ');
    for (const code of ['MAIN', 'MED', 'LAW', 'ARTS']) expect(result.stderr).toContain(code);
  });

  it('refuses --expires-in without a unit, and takes one with a unit', async () => {
    const bare = await token(['--group', 'analyst', '--expires-in', '5']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('--expires-in 5 has no unit: say 5m, 5h or 5d');
    const minutes = await token(['--group', 'analyst', '--expires-in', '5m']);
    expect(minutes.code, minutes.stderr).toBe(0);
    const lifetime = (claims(minutes.stdout).exp ?? 0) - (claims(minutes.stdout).iat ?? 0);
    expect(lifetime).toBe(300);
  });
});
