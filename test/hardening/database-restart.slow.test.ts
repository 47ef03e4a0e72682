import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCubeServer, tokenFor, type TestCubeServer } from '../support/cube-server';
import { startOwnDatabase, type OwnDatabase } from './support/own-database';

// PostgreSQL stopped under load, then started again: while it is down every request
// ends with an error that says the database is not reachable and is retried (none
// hangs until it is back; the SQL API sends SQLSTATE 57P03), the pool's connection
// errors are logged once for the outage, not once per attempt, and once it is back
// Cube answers again without being restarted.
let database: OwnDatabase;
let cube: TestCubeServer;
let token = '';
let next = 0;
let sqlWhileDown: Outcome = { ok: true, count: -1 };

type Outcome = { ok: true; count: number } | { ok: false; error: string; code?: string };

/** One REST question nobody asked before (so no cache answers it), re-polled on "Continue wait" as clients do. */
async function askRest(): Promise<Outcome> {
  next += 1;
  const query = { measures: ['users.number_of_users_staff'], filters: [{ member: 'users.campus_code', operator: 'notEquals', values: [`restart-${next}`] }] };
  for (let poll = 0; poll < 30; poll += 1) {
    const response = await fetch(`${cube.api}/load?query=${encodeURIComponent(JSON.stringify(query))}`, { headers: { Authorization: `Bearer ${token}` } }).catch((error: Error) => error);
    if (response instanceof Error) return { ok: false, error: response.message };
    const body = await response.json() as { error?: string; data?: Record<string, string>[] };
    if (body.error === 'Continue wait') continue;
    return body.error ? { ok: false, error: body.error } : { ok: true, count: Number(body.data?.[0]?.['users.number_of_users_staff'] ?? 0) };
  }
  return { ok: false, error: 'still "Continue wait" after 30 polls' };
}

async function askSql(): Promise<Outcome> {
  next += 1;
  const client = new pg.Client({ host: '127.0.0.1', port: cube.sqlPort, user: 'tool', password: token, database: 'db' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const result = await client.query(`SELECT MEASURE(number_of_users_staff) AS n FROM users WHERE campus_code <> 'restart-${next}'`);
    return { ok: true, count: Number(result.rows[0]?.n ?? 0) };
  } catch (error) {
    return { ok: false, error: (error as Error).message, code: (error as { code?: string }).code };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function staffUsers(): Promise<number> {
  const client = new pg.Client(database.connectionString);
  await client.connect();
  const { rows } = await client.query("SELECT count(*)::int AS n FROM alma.users WHERE user_record_type = 'Staff'");
  await client.end();
  return rows[0].n;
}

beforeAll(async () => {
  database = await startOwnDatabase('restart');
  cube = await startTestCubeServer({ databaseUrl: database.connectionString, seedUsers: 300 });
  token = tokenFor(cube, 'admin');
}, 240_000);

afterAll(async () => {
  await cube?.stop();
  await database?.remove();
});

describe('PostgreSQL stopped and restarted under load', () => {
  it('fails requests with a clear error while it is down, then recovers without restarting Cube', { timeout: 150_000 }, async () => {
    const expected = await staffUsers();
    expect(await askRest()).toEqual({ ok: true, count: expected });

    // Load: four clients asking back to back while the database goes away.
    let loading = true;
    const outcomes: Outcome[] = [];
    const load = Promise.all([askRest, askRest, askSql, askSql].map(async (ask) => {
      while (loading) outcomes.push(await ask());
    }));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await database.stop();

    // While it is down, fresh questions end in an error naming the database, not in a hang.
    const rest = await askRest();
    sqlWhileDown = await askSql();
    expect(rest.ok, JSON.stringify(rest)).toBe(false);
    // Cube's gateway hands the driver's error on as String(error), hence the "Error: ".
    if (!rest.ok) expect(rest.error).toMatch(/^(Error: )?the database is not reachable: retrying/);
    // The SQL API answers too, no hang and no rows: the same sentence, as 57P03 (cannot connect now).
    expect(sqlWhileDown.ok, JSON.stringify(sqlWhileDown)).toBe(false);
    if (!sqlWhileDown.ok) {
      expect(sqlWhileDown.error).toMatch(/^the database is not reachable: retrying/);
      expect(sqlWhileDown.code).toBe('57P03');
    }
    for (const outcome of outcomes) if (!outcome.ok) expect(outcome.error).not.toMatch(/ResourceRequest timed out/);

    await database.restart();
    loading = false;
    await load;
    expect(outcomes.length).toBeGreaterThan(0);

    // Back: the same Cube process answers again, with the right numbers, over REST and SQL.
    let restBack: Outcome = { ok: false, error: 'not asked' };
    let sqlBack: Outcome = { ok: false, error: 'not asked' };
    for (let attempt = 0; attempt < 30 && !(restBack.ok && sqlBack.ok); attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
      [restBack, sqlBack] = [await askRest(), await askSql()];
    }
    expect(restBack).toEqual({ ok: true, count: expected });
    expect(sqlBack).toEqual({ ok: true, count: expected });
    const stillRunning = await Promise.race([cube.exited.then(() => false), new Promise((resolve) => setTimeout(() => resolve(true), 100))]);
    expect(stillRunning).toBe(true);
    // Every answer given during the whole run was right or an error; none was wrong.
    for (const outcome of outcomes) if (outcome.ok) expect(outcome.count).toBe(expected);
    // One outage, logged once when it began and once when it ended; no per-attempt pool errors.
    const log = cube.output();
    expect(log.match(/Database Unreachable/g) ?? []).toHaveLength(1);
    expect(log.match(/Database Reachable Again/g) ?? []).toHaveLength(1);
    expect(log).not.toMatch(/Database Pool Error/);
  });
});
