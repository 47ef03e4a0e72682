import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoadBenchmarkServer, type LoadBenchmarkServer } from '../src/bench/load-benchmark-server';
import { startServerProcess, withoutDatabaseUrl, type ServerProcess } from '../src/cube/server-process';
import { freePort } from '../src/net/free-port';
import { restCall, type RestAnswer } from './support/rest-client';
import { sqlApiClient } from './sql-api/support/sql-api-clients';

// The request-path caches (src/cube/patches/install-request-caches.ts) must never change an answer.
// Two servers over ONE database: one with the caches, one started with ALMA_REQUEST_CACHES=off (Cube as
// shipped). Every query of the battery is asked of both by admin, analyst and two dashboard campuses in
// turn, twice over (the second round meets warm caches, and a caller right after another with a different
// context), and each caller must get the same status, data, annotation and error text from both.

const DATA_DIR = join(__dirname, '..', '.data', `test-perf-differential-${process.pid}`);
const USERS = 2000;
const SECRET = randomBytes(32).toString('hex');

const CALLERS: Record<string, object> = {
  admin: { group: 'admin' },
  analyst: { group: 'analyst' },
  'dashboard MAIN': { group: 'dashboard', campus: ['MAIN'] },
  'dashboard LAW,MED': { group: 'dashboard', campus: ['LAW', 'MED'] },
};
const tokens = Object.fromEntries(Object.entries(CALLERS)
  .map(([name, claims]) => [name, jwt.sign(claims, SECRET, { algorithm: 'HS256', expiresIn: '2h' })]));

let cached: LoadBenchmarkServer;
let stock: ServerProcess;
let stockSqlPort: number;

/** What a caller learns from an answer, less what differs between any two runs (timestamps, request ids). */
function comparable(answer: RestAnswer): unknown {
  const { body } = answer;
  if (body.error !== undefined || answer.status !== 200) return { status: answer.status, error: body.error ?? answer.text };
  // One query answers with data and annotation at the top; several (or a compare date range) with `results`.
  const results = (body.results as { data: unknown; annotation: unknown }[] | undefined) ?? [body as { data: unknown; annotation: unknown }];
  return { status: answer.status, results: results.map(({ data, annotation }) => ({ data, annotation })) };
}

async function load(url: string, caller: string, query: object): Promise<unknown> {
  return comparable(await restCall(`${url}/cubejs-api/v1/load`, tokens[caller]!, { query }));
}

/** The battery: every users dimension admin sees with a count, masked and hidden ones included, filters on distinct values, rollup and raw-table measures. */
async function battery(): Promise<object[]> {
  const meta = await restCall(`${cached.target.url}/cubejs-api/v1/meta`, tokens.admin!);
  const cubes = (meta.body.cubes as { name: string; dimensions: { name: string; type: string }[] }[]);
  const users = cubes.find((cube) => cube.name === 'users');
  if (!users) throw new Error('admin\'s /meta has no users view');
  const dimensions = users.dimensions.filter((dimension) => dimension.type !== 'time').map((dimension) => dimension.name);
  const queries: object[] = dimensions.map((dimension) => ({ measures: ['users.count'], dimensions: [dimension], order: { [dimension]: 'asc' }, limit: 50 }));
  for (const campus of ['MAIN', 'LAW', 'MED', 'nowhere']) {
    queries.push({ measures: ['users.count'], dimensions: ['users.user_group', 'users.status'], filters: [{ member: 'users.campus_code', operator: 'equals', values: [campus] }] });
    queries.push({ measures: ['users.count'], dimensions: ['users.user_group'], filters: [{ member: 'users.campus_code', operator: 'notEquals', values: [campus] }] });
  }
  queries.push({ measures: ['users.count'], dimensions: ['users.campus_code', 'users.user_group', 'users.status'] });
  // One shape, several values: compiled once per shape with the caches, once per query without.
  for (const values of [['Student'], ['Lecturer', 'Professor'], ['Professor', 'Student'], ["O'Brien; DROP"], ['']]) {
    queries.push({ measures: ['users.count'], dimensions: ['users.status'], filters: [{ member: 'users.job_title', operator: 'equals', values }] });
    queries.push({ measures: ['users.count'], dimensions: ['users.user_group'], filters: [{ member: 'users.job_title', operator: 'contains', values }] });
  }
  // Filter values of every type validation takes (it is kept per shape, a value counting by its type):
  // strings, empty strings, null, numbers, booleans, nested and/or, an unsafe number it refuses.
  for (const values of [['MAIN'], [''], [null], ['MAIN', ''], [null, 'LAW'], [5], [0], [true], ['true'], [2 ** 60]]) {
    queries.push({ measures: ['users.count'], dimensions: ['users.is_blocked'], filters: [{ member: 'users.campus_code', operator: 'equals', values }] });
    queries.push({ measures: ['users.count'], filters: [{ or: [{ member: 'users.status', operator: 'notEquals', values }, { and: [{ member: 'users.campus_code', operator: 'equals', values }] }] }] });
  }
  for (const values of [[5], ['5'], [0], [-1.5], [null]]) {
    queries.push({ measures: ['users.count'], dimensions: ['users.user_group'], filters: [{ member: 'users.count', operator: 'gt', values }] });
  }
  // Filters on masked and hidden members, with a new value each time.
  for (const value of ['F', 'M', '']) {
    queries.push({ measures: ['users.count'], dimensions: ['users.user_group'], filters: [{ member: 'users.gender', operator: 'equals', values: [value] }] });
    queries.push({ measures: ['users.count'], filters: [{ member: 'users.last_name', operator: 'startsWith', values: [value] }] });
  }
  // Small cells, for disclosure control to hold back.
  queries.push({ measures: ['users.count'], dimensions: ['users.job_title', 'users.campus_code', 'users.status'], limit: 100 });
  queries.push({ measures: ['users.count'], dimensions: ['users.gender', 'users.campus_code', 'users.user_group'], limit: 100 });
  queries.push({ measures: ['users.count'], timeDimensions: [{ dimension: 'users.creation_date', granularity: 'year' }] });
  queries.push({ measures: ['users.count'], timeDimensions: [{ dimension: 'users.creation_date', granularity: 'day' }], limit: 20 });
  queries.push({ dimensions: ['users.user_group'], ungrouped: true, limit: 5 });
  queries.push({ measures: ['users.count'], dimensions: ['users.no_such_member'] });
  queries.push({ measures: ['users.count'], dimensions: ['user_details.campus_code'] });
  // Refused by Cube's query validation, which the caches keep only for queries that pass: the same words from both.
  queries.push({ measures: ['users.count'], limit: 'ten' });
  queries.push({ measures: ['users.count'], filters: [{ member: 'users.status', operator: 'nope', values: ['x'] }] });
  queries.push({ measures: ['users.count'], timeDimensions: [{ dimension: 'users.creation_date', granularity: 'month', dateRange: 'not a date' }] });
  // A relative date range: validation is kept, the range is still worked out at each request.
  queries.push({ measures: ['users.count'], timeDimensions: [{ dimension: 'users.creation_date', granularity: 'year', dateRange: 'last 10 years' }] });
  return queries;
}

describe('answers with and without the request-path caches', () => {
  beforeAll(async () => {
    rmSync(DATA_DIR, { recursive: true, force: true });
    cached = await startLoadBenchmarkServer({ users: USERS, dataDir: DATA_DIR, env: { CUBEJS_API_SECRET: SECRET } });
    // The same database, so both read the same rows and rollups.
    stockSqlPort = await freePort();
    stock = await startServerProcess({
      port: await freePort(),
      readyWithinMs: 300_000,
      env: {
        ...withoutDatabaseUrl(process.env), DATABASE_URL: cached.databaseUrl, ALMA_DATA_DIR: `${DATA_DIR}-stock`,
        CUBEJS_PG_SQL_PORT: String(stockSqlPort), CUBEJS_API_SECRET: SECRET, CUBEJS_LOG_LEVEL: 'error', NODE_ENV: 'production',
        ALMA_REQUEST_CACHES: 'off',
      },
    });
  }, 600_000);

  afterAll(async () => {
    await stock?.stop(30_000);
    await cached?.stop();
    rmSync(DATA_DIR, { recursive: true, force: true });
    rmSync(`${DATA_DIR}-stock`, { recursive: true, force: true });
  }, 120_000);

  it('are identical for every caller, query and round, refusals included', async () => {
    const queries = await battery();
    let refusals = 0;
    let suppressed = 0;
    let rows = 0;
    for (let round = 0; round < 2; round += 1) {
      for (const query of queries) {
        for (const caller of Object.keys(CALLERS)) {
          const [withCaches, withoutCaches] = [await load(cached.target.url, caller, query), await load(stock.url, caller, query)];
          expect(withCaches, `${caller}, round ${round + 1}: ${JSON.stringify(query)}`).toEqual(withoutCaches);
          if ((withCaches as { status: number }).status !== 200) refusals += 1;
          if (JSON.stringify(withCaches).includes('"suppressedCells":[[')) suppressed += 1;
          rows += ((withCaches as { results?: { data?: unknown[] }[] }).results ?? []).reduce((sum, result) => sum + (result.data?.length ?? 0), 0);
        }
      }
    }
    // The battery must reach what the caches could get wrong: rows, refusals (hidden members) and held-back cells.
    expect(rows).toBeGreaterThan(1000);
    expect(refusals).toBeGreaterThan(0);
    expect(suppressed).toBeGreaterThan(0);
  }, 900_000);

  it('are identical over the SQL API for every caller, statement and round, refusals included', async () => {
    const sessions = async (port: number) => Object.fromEntries(await Promise.all(Object.keys(CALLERS).map(async (caller) => {
      const client = await sqlApiClient({ sqlPort: port }, tokens[caller]!, 'differential');
      client.on('error', () => undefined);
      return [caller, client] as const;
    })));
    const withCaches = await sessions(cached.target.sqlPort);
    const withoutCaches = await sessions(stockSqlPort);
    const answer = async (client: pg.Client, text: string, values?: unknown[]) => {
      try {
        const result = await client.query({ text, values, rowMode: 'array' });
        return { fields: result.fields.map((field) => [field.name, field.dataTypeID]), rows: result.rows };
      } catch (error) {
        const { code, message } = error as { code?: string; message: string };
        return { code, message };
      }
    };
    // The load benchmark's statement with new values, the extended protocol, masked and hidden columns,
    // small cells, times, the catalog and errors: what the wire, result shaping, the per-shape caches and
    // the driver's session settings touch on the SQL API's path.
    const statements: [string, unknown[]?][] = [
      ...['MAIN', 'LAW', 'nowhere', "O'Brien", ''].map((campus): [string] => [`SELECT user_group, status, COUNT(*) FROM users WHERE campus_code <> '${campus.replace(/'/g, "''")}' GROUP BY 1, 2`]),
      ...['MAIN', 'MED', ''].map((campus): [string, unknown[]] => ['SELECT user_group, MEASURE(count) FROM users WHERE campus_code = $1 GROUP BY 1', [campus]]),
      ['SELECT job_title, COUNT(*) FROM users GROUP BY 1 ORDER BY 2 DESC LIMIT 10'],
      ['SELECT gender, campus_code, COUNT(*) FROM users GROUP BY 1, 2'],
      ['SELECT job_title, campus_code, status, COUNT(*) FROM users GROUP BY 1, 2, 3'],
      ["SELECT DATE_TRUNC('year', creation_date), COUNT(*) FROM users GROUP BY 1 ORDER BY 1"],
      ['SELECT last_name, COUNT(*) FROM users GROUP BY 1'],
      ['SELECT no_such_column FROM users'],
      ["SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"],
      ['SELECT COUNT(*) FROM users WHERE user_group IN (SELECT user_group FROM users GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 2)'],
    ];
    let rows = 0;
    let refusals = 0;
    try {
      for (let round = 0; round < 2; round += 1) {
        for (const [text, values] of statements) {
          for (const caller of Object.keys(CALLERS)) {
            const [a, b] = [await answer(withCaches[caller]!, text, values), await answer(withoutCaches[caller]!, text, values)];
            expect(a, `${caller}, round ${round + 1}: ${text} ${JSON.stringify(values ?? [])}`).toEqual(b);
            if (a.rows) rows += a.rows.length;
            else refusals += 1;
          }
        }
      }
    } finally {
      await Promise.all([...Object.values(withCaches), ...Object.values(withoutCaches)].map((client) => client.end().catch(() => undefined)));
    }
    expect(rows).toBeGreaterThan(200);
    expect(refusals).toBeGreaterThan(0);
  }, 600_000);

  it('refuse a token that expires while it is kept, of every group, in the same words', async () => {
    const query = { measures: ['users.count'], dimensions: ['users.user_group'], filters: [{ member: 'users.campus_code', operator: 'equals', values: ['MAIN'] }] };
    const ask = async (token: string) => Promise.all([cached.target.url, stock.url].map(async (url) => comparable(await restCall(`${url}/cubejs-api/v1/load`, token, { query }))));
    // Long enough for every first ask to land before expiry on a busy machine.
    const exp = Math.floor(Date.now() / 1000) + 15;
    const shortLived = Object.values(CALLERS).map((claims) => jwt.sign({ ...claims, exp }, SECRET, { algorithm: 'HS256' }));
    const later = jwt.sign({ group: 'admin', nbf: exp, exp: exp + 600 }, SECRET, { algorithm: 'HS256' });
    const refusedNow = [later, `${shortLived[0]!.slice(0, -2)}xx`, jwt.sign({ group: 'admin', exp }, 'another secret of 32 characters or more')];
    for (const token of [...shortLived, ...refusedNow]) {
      const [withCaches, withoutCaches] = await ask(token);
      expect(withCaches).toEqual(withoutCaches);
    }
    expect((await ask(shortLived[0]!))[0]).toMatchObject({ status: 200 });
    while (Date.now() / 1000 < exp + 0.2) await new Promise((resolve) => setTimeout(resolve, 200));
    for (const token of [...shortLived, later]) {
      const [withCaches, withoutCaches] = await ask(token);
      expect(withCaches).toEqual(withoutCaches);
      if (token !== later) expect(withCaches).toMatchObject({ status: 401, error: expect.stringContaining('expired') });
    }
    expect((await ask(later))[0]).toMatchObject({ status: 200 });
  }, 120_000);
});
