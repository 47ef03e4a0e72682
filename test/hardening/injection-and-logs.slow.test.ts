import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCubeServer, tokenFor, type TestCubeServer } from '../support/cube-server';
import { startOwnDatabase, type OwnDatabase } from './support/own-database';

// A PostgreSQL that logs every statement and a Cube server logging at trace level:
// values carrying SQL reach the database only as bind parameters, and neither log
// holds a token, a password or a literal value from a query.
let database: OwnDatabase;
let cube: TestCubeServer;
const MARKER = `zq${process.pid}x`;
const HOSTILE = [`${MARKER}a'; DROP TABLE alma.users; --`, `${MARKER}b' OR '1'='1`, `${MARKER}c\\'); SELECT pg_sleep(5); --`];
const tokens: string[] = [];

beforeAll(async () => {
  database = await startOwnDatabase('logs');
  await database.logEveryStatement();
  cube = await startTestCubeServer({ databaseUrl: database.connectionString, seedUsers: 300, env: { CUBEJS_LOG_LEVEL: 'trace' } });
  const admin = tokenFor(cube, 'admin');
  const analyst = tokenFor(cube, 'analyst');
  tokens.push(admin, analyst, tokenFor(cube, 'admin', undefined, { expiresIn: -60 }), tokenFor({ apiSecret: 'w'.repeat(64) }, 'admin'));
  for (const value of HOSTILE) {
    for (const token of [admin, analyst]) {
      for (const operator of ['equals', 'contains', 'notEquals']) {
        const query = { measures: ['users.count'], dimensions: ['users.job_title'], filters: [{ member: 'users.user_group', operator, values: [value] }] };
        await fetch(`${cube.api}/load?query=${encodeURIComponent(JSON.stringify(query))}`, { headers: { Authorization: `Bearer ${token}` } });
      }
    }
    const client = new pg.Client({ host: '127.0.0.1', port: cube.sqlPort, user: 'tool', password: analyst, database: 'db' });
    await client.connect();
    await client.query(`SELECT job_title, COUNT(*) FROM users WHERE user_group = '${value.replaceAll("'", "''")}' GROUP BY 1`).catch(() => undefined);
    await client.query(`SELECT COUNT(*) FROM users WHERE job_title LIKE '%${value.replaceAll("'", "''")}%'`).catch(() => undefined);
    await client.end();
  }
  // Refused tokens are logged too (auth failures carry the token in Cube's events).
  for (const token of tokens.slice(2)) await fetch(`${cube.api}/meta`, { headers: { Authorization: `Bearer ${token}` } });
  const refused = new pg.Client({ host: '127.0.0.1', port: cube.sqlPort, user: 'tool', password: tokens[3], database: 'db' });
  await refused.connect().catch(() => undefined);
}, 240_000);

afterAll(async () => {
  await cube?.stop();
  await database?.remove();
});

describe('SQL reaching PostgreSQL', () => {
  it('saw the hostile values (the log is on)', () => {
    const log = readFileSync(database.logFile, 'utf8');
    expect(log).toContain('statement: ');
    expect(log).toContain(MARKER);
  });

  it('carries hostile values only as bind parameters, never in statement text', () => {
    const lines = readFileSync(database.logFile, 'utf8').split('\n').filter((line) => line.includes(MARKER));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line, line).toMatch(/DETAIL: {2}Parameters: \$\d+ = /i);
  });

  it('left alma.users in place', async () => {
    const client = new pg.Client(database.connectionString);
    await client.connect();
    const { rows } = await client.query('SELECT count(*)::int AS n FROM alma.users');
    await client.end();
    expect(rows[0].n).toBe(300);
  });
});

describe("Cube's log at trace level", () => {
  it('logged the queries (so the checks below look at something)', () => {
    expect(cube.output()).toMatch(/Load Request|Query/);
  });

  it('holds no token, valid or refused', () => {
    for (const token of tokens) {
      expect(cube.output()).not.toContain(token);
      expect(cube.output()).not.toContain(token.split('.')[2]);
    }
  });

  it("holds neither the database's password nor the API secret", () => {
    const password = decodeURIComponent(new URL(database.connectionString).password);
    expect(cube.output()).not.toContain(password);
    expect(cube.output()).not.toContain(cube.apiSecret);
  });

  it('holds no literal value from a query', () => {
    expect(cube.output()).not.toContain(MARKER);
  });
});
