import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, withoutDatabaseUrl, type ServerProcess } from '../../src/cube/server-process';
import { freePort } from '../../src/net/free-port';

// npm start in production runs the server compiled by npm run build (dist/server), worker threads and the
// stand-in for Cube's native module included, with no TypeScript loader. This starts it as start:production
// does, on an embedded PostgreSQL of its own, asks it over REST and the SQL API, stops it, and reads what
// the process loaded (a probe preloaded with NODE_OPTIONS writes it on exit).
const ROOT = join(__dirname, '..', '..');
const dataDir = mkdtempSync(join(ROOT, '.data', 'compiled-start-'));
const modulesFile = join(dataDir, 'loaded-modules.json');
const secret = randomBytes(32).toString('hex');
const token = (group: string) => jwt.sign({ group }, secret, { algorithm: 'HS256', expiresIn: '1h' });
let server: ServerProcess;
let sqlPort = 0;
let output = '';

beforeAll(async () => {
  // The step start:production takes before it starts the server: build when dist/server is missing or stale.
  await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'node'), ['--import', 'tsx', 'scripts/build-server-if-stale.ts'], { cwd: ROOT });
  sqlPort = await freePort();
  server = await startServerProcess({
    compiled: true,
    port: await freePort(),
    readyWithinMs: 5 * 60_000,
    onOutput: (chunk) => { output += chunk; },
    env: {
      ...withoutDatabaseUrl(process.env),
      NODE_ENV: 'production',
      NODE_OPTIONS: `--require "${join(__dirname, 'support', 'loaded-modules-probe.cjs')}"`,
      ALMA_LOADED_MODULES_FILE: modulesFile,
      ALMA_DATA_DIR: dataDir,
      ALMA_EMBEDDED_PG_PORT: String(await freePort()),
      ALMA_SEED_USERS: '300',
      CUBEJS_PG_SQL_PORT: String(sqlPort),
      CUBEJS_API_SECRET: secret,
    },
  }).catch((error: Error) => {
    throw new Error(`${error.message}:\n${output}`);
  });
}, 600_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start in production', () => {
  it('answers REST from the compiled server', async () => {
    const query = encodeURIComponent(JSON.stringify({ measures: ['users.count'] }));
    const response = await fetch(`${server.url}/cubejs-api/v1/load?query=${query}`, { headers: { Authorization: token('admin') } });
    const body = await response.json() as { data?: Record<string, string>[] };
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(Number(body.data?.[0]?.['users.count'])).toBe(300);
  });

  it('answers the SQL API from the compiled server', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: sqlPort, user: 'analyst', password: token('analyst'), database: 'db' });
    await client.connect();
    try {
      const result = await client.query('SELECT MEASURE(count) AS users FROM users');
      expect(Number(result.rows[0]?.users)).toBe(300);
    } finally {
      await client.end();
    }
  });

  it('ran compiled JavaScript only: no TypeScript loader, no TypeScript module, the native stand-in compiled', async () => {
    await server.stop();
    const loaded = JSON.parse(readFileSync(modulesFile, 'utf8')) as { execArgv: string[]; typeScriptExtension: boolean; modules: string[] };
    expect(loaded.execArgv).toEqual(['--liftoff-only', '--conditions=alma-compiled', '--no-experimental-strip-types']);
    expect(loaded.typeScriptExtension).toBe(false);
    expect(loaded.modules.filter((file) => /\.[cm]?ts$/.test(file) || file.includes('/node_modules/tsx/'))).toEqual([]);
    const compiled = (file: string) => loaded.modules.includes(join(ROOT, 'dist', 'server', file));
    // The entry point, Cube's config file, a module the model's files require, and the native stand-in Cube requires.
    expect(['scripts/start.js', 'cube.js', 'src/model/access-policy.js', 'src/native/index.js'].filter((file) => !compiled(file))).toEqual([]);
  });
});
