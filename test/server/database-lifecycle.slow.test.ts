import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCubeServer, tokenFor, type TestCubeServer } from '../support/cube-server';
import { freePort } from '../../src/net/free-port';
import { withoutDatabaseUrl } from '../../src/cube/server-process';

// npm start on an embedded PostgreSQL in a data folder of this test's own, and the
// commands a person runs beside it, all without DATABASE_URL, as on a fresh clone.
const ROOT = join(__dirname, '..', '..');
const dataDir = mkdtempSync(join(ROOT, '.data', 'lifecycle-owner-'));
let pgPort = 0;
let server: TestCubeServer | undefined;

function postmasterPid(): number | undefined {
  const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

async function startServer(): Promise<TestCubeServer> {
  return startTestCubeServer({ databaseUrl: undefined, seedUsers: 300, env: { ALMA_DATA_DIR: dataDir, ALMA_EMBEDDED_PG_PORT: String(pgPort), ALMA_PRINT_DASHBOARD_LINK: '1' } });
}

/** Runs a project command (scripts/<script>.ts) on the data folder, as `npm run` would, and waits for it. */
async function runCommand(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'node'), ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
    cwd: ROOT,
    env: { ...withoutDatabaseUrl(process.env), ALMA_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output };
}

async function userCount(running: TestCubeServer): Promise<number> {
  const query = encodeURIComponent(JSON.stringify({ measures: ['users.count'] }));
  const response = await fetch(`${running.api}/load?query=${query}`, { headers: { Authorization: `Bearer ${tokenFor(running, 'admin')}` } });
  const body = await response.json() as { data?: Record<string, string>[]; error?: string };
  if (!body.data) throw new Error(`the server did not answer: ${JSON.stringify(body)}`);
  return Number(body.data[0]?.['users.count']);
}

beforeAll(async () => {
  pgPort = await freePort();
  server = await startServer();
}, 300_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start in development', () => {
  it('prints a dashboard address that opens as is, with a short-lived token in the fragment', async () => {
    const running = server!;
    const link = /dashboard \(development; an analyst token valid for 1 hour\): (http:\/\/localhost:\d+\/dashboard#token=([\w.-]+))/.exec(running.output());
    expect(link, running.output()).not.toBeNull();
    const token = link![2]!;
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { group: string; exp: number; iat: number };
    expect(claims.group).toBe('analyst');
    expect(claims.exp - claims.iat).toBe(3600);
    // The server accepts it: the page's own settings request with that token answers.
    const settings = await fetch(`${running.url}/dashboard/pivot-settings`, { headers: { Authorization: token } });
    expect(settings.status).toBe(200);
    expect(new URL(link![1]!).port).toBe(new URL(running.url).port);
  });
});

describe('commands beside a running npm start', () => {
  it('use its database and leave it running: seed (refusing), anonymize --dry-run, migrate', { timeout: 240_000 }, async () => {
    const running = server!;
    const postgres = postmasterPid();
    expect(postgres).toBeDefined();
    // The commands are given another port on purpose: they must find the running server, not start their own.
    const otherPort = String(await freePort());

    const seed = await runCommand('seed', ['--users', '100'], { ALMA_EMBEDDED_PG_PORT: otherPort });
    expect(seed.code, seed.output).not.toBe(0);
    expect(seed.output).toMatch(/not empty|already|--reset/i);
    expect(seed.output).toContain(`the embedded PostgreSQL of npm start (pid `);
    expect(postmasterPid()).toBe(postgres);
    expect(await userCount(running)).toBe(300);

    const anonymize = await runCommand('anonymize', ['--dry-run'], { ALMA_EMBEDDED_PG_PORT: otherPort });
    expect(anonymize.code, anonymize.output).toBe(0);
    expect(postmasterPid()).toBe(postgres);
    expect(await userCount(running)).toBe(300);

    const migrate = await runCommand('migrate', ['latest'], { ALMA_EMBEDDED_PG_PORT: otherPort });
    expect(migrate.code, migrate.output).toBe(0);
    expect(postmasterPid()).toBe(postgres);
    expect(await userCount(running)).toBe(300);
    expect(running.output()).not.toMatch(/Database Pool Error|ResourceRequest timed out/);
  });

  it('a second npm start on the same folder refuses, naming the running one by pid and ports, and leaves it serving', { timeout: 120_000 }, async () => {
    const running = server!;
    const postgres = postmasterPid();
    const second = await startTestCubeServer({
      databaseUrl: undefined,
      env: { ALMA_DATA_DIR: dataDir, ALMA_EMBEDDED_PG_PORT: String(await freePort()) },
    }).then(() => 'started', (error: Error) => error.message);
    expect(second).toMatch(/npm start \(pid \d+; REST port \d+, SQL API port \d+, PostgreSQL port \d+\) is already running on the data folder/);
    expect(second).toContain(`REST port ${new URL(running.url).port}`);
    expect(second).toContain(`SQL API port ${running.sqlPort}`);
    expect(postmasterPid()).toBe(postgres);
    expect(await userCount(running)).toBe(300);
  });

  it('once npm start is killed outright, the next command treats its PostgreSQL as left over and shuts it down', { timeout: 240_000 }, async () => {
    const killed = server!;
    server = undefined;
    const orphan = postmasterPid();
    await killed.kill();
    // Its PostgreSQL outlives it (own process group), now without an owner.
    expect(postmasterPid()).toBe(orphan);

    const migrate = await runCommand('migrate', ['latest'], { ALMA_EMBEDDED_PG_PORT: String(await freePort()) });
    expect(migrate.code, migrate.output).toBe(0);
    expect(migrate.output).toMatch(/applied migrations/);
    // The command started its own server after stopping the orphan, and stopped its own on the way out.
    expect(postmasterPid()).toBeUndefined();
    expect(existsSync(join(dataDir, 'postgres-owner.json'))).toBe(false);

    server = await startServer();
    expect(await userCount(server)).toBe(300);
  });
});
