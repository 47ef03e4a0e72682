import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCubeServer, tokenFor, type TestCubeServer } from '../support/cube-server';
import { createScratchDatabase } from '../support/scratch-database';

// A Cube server of its own, logging at trace level, gets SQL API statements with a unique
// marker in every value position: literals in WHERE, LIKE, IN, HAVING and the select list,
// LIMIT and OFFSET, malformed dates and numbers (errors quote their input), __user, and
// the parameters of an extended-query Bind, in data and catalog statements. The marker
// must not appear anywhere in the server's output.
const MARK = `mq${process.pid}z${Date.now().toString(36)}`;
/** Numbers as values (LIMIT, OFFSET, HAVING), unlikely to occur in a log by chance. */
const NUMBERS = ['913579', '824681', '735792'];
let database: { url: string; drop(): Promise<void> };
let cube: TestCubeServer;
const answers: string[] = [];

const STATEMENTS: [string, unknown[]?][] = [
  [`SELECT user_group, COUNT(*) FROM users WHERE user_group = '${MARK}a' GROUP BY 1`],
  [`SELECT COUNT(*) FROM users WHERE job_title LIKE '%${MARK}b%'`],
  [`SELECT COUNT(*) FROM users WHERE user_group IN ('${MARK}c', 'Staff') OR status <> '${MARK}d'`],
  [`SELECT user_group, COUNT(*) FROM users GROUP BY 1 HAVING COUNT(*) > ${NUMBERS[2]}`],
  [`SELECT user_group, '${MARK}e' AS tag, COUNT(*) FROM users GROUP BY 1`],
  [`SELECT user_group FROM users GROUP BY 1 LIMIT ${NUMBERS[0]} OFFSET ${NUMBERS[1]}`],
  [`SELECT COUNT(*) FROM users WHERE creation_date > '2024-01-01${MARK}f'`],
  [`SELECT COUNT(*) FROM users WHERE creation_date BETWEEN '${MARK}g' AND '2025-01-01'`],
  [`SELECT COUNT(*) FROM users WHERE count > '${MARK}h'`],
  [`SELECT COUNT(*) FROM users WHERE __user = '${MARK}i'`],
  [`SELECT upper('${MARK}j') || user_group FROM users GROUP BY user_group`],
  [`SELECT '${MARK}k' AS a`],
  [`SELECT '${MARK}l' FROM users WHERE`],
  [`SELECT column_name FROM information_schema.columns WHERE column_name = '${MARK}m'`],
  [`SELECT pg_catalog.to_date('${MARK}n', 'YYYY')`],
  ['SELECT COUNT(*) FROM users WHERE user_group = $1', [`${MARK}o`]],
  ['SELECT user_group, COUNT(*) FROM users WHERE job_title LIKE $1 GROUP BY 1 LIMIT $2', [`%${MARK}p%`, NUMBERS[0]]],
  ['SELECT COUNT(*) FROM users WHERE creation_date > $1', [`${MARK}q`]],
  ['SELECT $1::text AS a', [`${MARK}r`]],
  ['SELECT column_name FROM information_schema.columns WHERE column_name = $1', [`${MARK}s`]],
];

beforeAll(async () => {
  database = await createScratchDatabase('sql_api_logs');
  cube = await startTestCubeServer({ databaseUrl: database.url, seedUsers: 300, env: { CUBEJS_LOG_LEVEL: 'trace' } });
  for (const group of ['analyst', 'admin']) {
    const client = new pg.Client({ host: '127.0.0.1', port: cube.sqlPort, user: 'tool', password: tokenFor(cube, group), database: 'db' });
    client.on('error', () => undefined);
    await client.connect();
    for (const [text, values] of STATEMENTS) {
      answers.push(await client.query(text, values).then(() => 'rows', (e: pg.DatabaseError) => e.code ?? 'error'));
    }
    await client.end();
  }
}, 600_000);

afterAll(async () => {
  await cube?.stop();
  await database?.drop();
});

describe('the server log after SQL API statements with a marker in every value position', () => {
  it('logged the statements (so the check below looks at something)', () => {
    expect(answers.filter((a) => a === 'rows').length).toBeGreaterThan(STATEMENTS.length / 2);
    expect(answers.some((a) => a !== 'rows')).toBe(true);
    expect(cube.output()).toMatch(/Load Request|Query/);
  });

  it('holds no marker', () => {
    const log = cube.output();
    expect(log).not.toContain(MARK);
    for (const n of NUMBERS) expect(log).not.toMatch(new RegExp(`(?<![0-9])${n}(?![0-9])`));
  });
});
