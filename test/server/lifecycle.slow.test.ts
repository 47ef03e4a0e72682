import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestCubeServer, tokenFor, type TestCubeServer } from '../support/cube-server';
import { freePort } from '../../src/net/free-port';

// npm start with no DATABASE_URL: the embedded PostgreSQL, in a data folder of this test's own.
const dataDir = mkdtempSync(join(__dirname, '..', '..', '.data', 'lifecycle-'));
let pgPort: number;

async function start(): Promise<TestCubeServer> {
  pgPort ??= await freePort();
  return startTestCubeServer({
    databaseUrl: undefined,
    seedUsers: 300,
    env: { ALMA_DATA_DIR: dataDir, ALMA_EMBEDDED_PG_PORT: String(pgPort) },
  });
}

async function userCount(server: TestCubeServer): Promise<number> {
  const query = encodeURIComponent(JSON.stringify({ measures: ['users.count'] }));
  const response = await fetch(`${server.api}/load?query=${query}`, { headers: { Authorization: `Bearer ${tokenFor(server, 'admin')}` } });
  const body = await response.json();
  return Number(body.data[0]['users.count']);
}

function postmasterRunning(): boolean {
  const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start on the embedded PostgreSQL', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  // Each case starts npm start, which seeds and builds rollups: on a busy machine that can take minutes.
  it('creates, migrates and seeds the database, serves, and stops everything on Ctrl-C', { timeout: 300_000 }, async () => {
    const server = await start();
    expect(await userCount(server)).toBe(300);
    await server.stop();
    expect(await server.exited).toBe(0);
    expect(postmasterRunning()).toBe(false);
  });

  it('reuses the data on the next start without seeding again', { timeout: 300_000 }, async () => {
    const server = await start();
    expect(server.output()).not.toContain('seeded');
    expect(await userCount(server)).toBe(300);
    await server.stop();
  });

  it('starts cleanly after a run that was killed outright', { timeout: 300_000 }, async () => {
    const killed = await start();
    await killed.kill();
    const server = await start();
    expect(await userCount(server)).toBe(300);
    await server.stop();
    expect(postmasterRunning()).toBe(false);
  });
});
