import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_NOISE } from '../../src/disclosure/cell-key-noise';
import { CELL_KEY_GROUPS_VARIABLE } from '../../src/disclosure/disclosure-policy';
import { startTestCubeServer, tokenFor, type SharedCubeServer, type TestCubeServer } from '../support/cube-server';
import { createScratchDatabase } from '../support/scratch-database';
import { restClient } from '../model/rest-client';
import { askSql } from './support/grouped-answers';
import { peoplePerCell } from './support/people-per-cell';

// Cell key perturbation is opt-in per group; this server turns it on for analysts
// (privacy.yml keeps it off), so the noise is judged against exact database counts.
let database: Awaited<ReturnType<typeof createScratchDatabase>>;
let server: TestCubeServer;

beforeAll(async () => {
  database = await createScratchDatabase('cell_key');
  server = await startTestCubeServer({ databaseUrl: database.url, env: { [CELL_KEY_GROUPS_VARIABLE]: 'analyst' } });
});

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

const analyst = () => restClient('analyst', undefined, server);
const QUESTIONS = [
  { view: 'users', measure: 'count', dimensions: ['campus_code', 'job_title'] },
  { view: 'users', measure: 'count', dimensions: ['user_group', 'status'] },
  { view: 'fulfillment', measure: 'num_of_loans', dimensions: ['user_group', 'campus_code'] },
];

async function load(view: string, measure: string, dimensions: string[], filters: object[] = []) {
  const { status, body } = await analyst().load({ measures: [`${view}.${measure}`], dimensions: dimensions.map((d) => `${view}.${d}`), filters });
  expect(status).toBe(200);
  return body;
}

/** Exact counts per cell, straight from the database. */
async function exactCounts(view: string, dimensions: string[]): Promise<Map<string, number>> {
  const { default: pg } = await import('pg');
  const client = new pg.Client(database.url);
  await client.connect();
  try {
    const table = view === 'users' ? 'alma.users' : 'alma.loans';
    const { rows } = await client.query(`SELECT ${dimensions.join(', ')}, count(*)::int AS n FROM ${table} GROUP BY ${dimensions.map((_, i) => i + 1).join(', ')}`);
    return new Map(rows.map((row) => [JSON.stringify(dimensions.map((d) => row[d])), row.n as number]));
  } finally {
    await client.end();
  }
}

describe('cell key perturbation', () => {
  it.each(QUESTIONS)('keeps every count of $view by $dimensions within the noise bound, and perturbs some', async ({ view, measure, dimensions }) => {
    const [body, exact] = await Promise.all([load(view, measure, dimensions), exactCounts(view, dimensions)]);
    expect(body.annotation.disclosure.perturbation).toBe('cell-key');
    const shown = (body.data as Record<string, string | null>[]).filter((row) => row[`${view}.${measure}`] !== null);
    expect(shown.length).toBeGreaterThan(3);
    const differences = shown.map((row) => Number(row[`${view}.${measure}`]) - exact.get(JSON.stringify(dimensions.map((d) => row[`${view}.${d}`])))!);
    for (const difference of differences) expect(Math.abs(difference)).toBeLessThanOrEqual(MAX_NOISE);
    expect(differences.some((difference) => difference !== 0)).toBe(true);
  });

  it('answers the same cell with the same number every time and whichever way it is asked', async () => {
    const [first, second] = await Promise.all([load('users', 'count', ['user_group']), load('users', 'count', ['user_group'])]);
    expect(second.data).toEqual(first.data);
    for (const row of first.data as Record<string, string>[]) {
      // The same people asked as a filter instead of a group: the same cell, the same key, the same noise.
      const alone = await load('users', 'count', [], [{ member: 'users.user_group', operator: 'equals', values: [row['users.user_group']] }]);
      expect(alone.data).toEqual([{ 'users.count': row['users.count'] }]);
    }
    const overSql = await askSql(server as SharedCubeServer, tokenFor(server, 'analyst'), 'SELECT user_group, COUNT(*) FROM users GROUP BY 1', 1);
    expect(overSql.rows.map((row) => [JSON.parse(row.key)[0], row.values[0]]).sort())
      .toEqual((first.data as Record<string, string>[]).map((row) => [row['users.user_group'], row['users.count']]).sort());
  });

  it('keeps totals within the documented error: the total within ±2, the sum of the cells within ±2 per cell', async () => {
    const [total, cells, exact] = await Promise.all([
      load('users', 'count', []), load('users', 'count', ['user_group']), peoplePerCell(database.url, 'users', []),
    ]);
    const truth = [...exact.values()][0]!;
    expect(Math.abs(Number(total.data[0]['users.count']) - truth)).toBeLessThanOrEqual(MAX_NOISE);
    const rows = cells.data as Record<string, string>[];
    const sum = rows.reduce((acc, row) => acc + Number(row['users.count']), 0);
    expect(Math.abs(sum - truth)).toBeLessThanOrEqual(MAX_NOISE * rows.length);
  });

  it('still suppresses cells under k and refuses filters on perturbed measures', async () => {
    const body = await load('users', 'count', ['campus_code', 'job_title']);
    expect(body.annotation.disclosure.hiddenRows).toBeGreaterThan(0);
    const { status, body: refused } = await analyst().load({
      measures: ['users.count'], dimensions: ['users.user_group'], filters: [{ member: 'users.count', operator: 'equals', values: ['150'] }],
    });
    expect(status).toBe(400);
    expect(refused.error).toMatch(/Filters on measures/);
  });
});
