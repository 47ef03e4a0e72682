import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { privacyConfig } from '../../src/privacy/privacy-config';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { restGet } from '../hardening/support/rest-client';
import { withSqlApiSession } from './support/sql-api-clients';

// For a group with a minimum cell size, a constant in an expression is a `$n$` parameter
// that travels with the query on Cube's load path (src/boundary/expression-params.ts).
// Cube keeps compiled SQL per query: two statements that differ only in such a constant
// must not share it. Every answer is judged against the database.
const server = sharedCubeServer();
let campus = '';
let database: pg.Client;

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const tokenOf = (group: string) => tokenFor(server, group, group === 'dashboard' ? [campus] : undefined);
const rowFilter = (group: string) => (group === 'dashboard' ? ` AND campus_code = ${quote(campus)}` : '');

function session<T>(group: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  return withSqlApiSession(server, tokenOf(group), run, 'someone');
}

beforeAll(async () => {
  database = new pg.Client(server.databaseUrl);
  await database.connect();
  campus = (await database.query('SELECT campus_code FROM alma.users GROUP BY 1 ORDER BY count(*) DESC LIMIT 1')).rows[0].campus_code;
  return () => database.end();
});

describe.each(['analyst', 'dashboard'])('expression parameters on the load path, as %s', (group) => {
  const k = () => privacyConfig().groups.find((candidate) => candidate.name === group)!.disclosure!.minCellSize;

  it('answers statements that differ only in a constant of an expression each with its own constant, asked in turn', async () => {
    const patterns = ['%a%', '%e%', '%o%', '%i%'];
    const truth = new Map<string, string>();
    for (const pattern of patterns) {
      const { rows: [row] } = await database.query(`SELECT COUNT(*)::text AS n FROM alma.users WHERE lower(job_title) LIKE $1${rowFilter(group)}`, [pattern]);
      truth.set(pattern, row.n);
    }
    const large = patterns.filter((pattern) => Number(truth.get(pattern)) >= k());
    // The test means something only if the constants give different answers.
    expect(new Set(large.map((pattern) => truth.get(pattern))).size).toBeGreaterThan(1);
    await session(group, async (client) => {
      for (const round of [large, [...large].reverse(), large]) {
        for (const pattern of round) {
          const { rows } = await client.query(`SELECT COUNT(*) AS n FROM users WHERE lower(job_title) LIKE ${quote(pattern)}`);
          expect(rows, pattern).toEqual([{ n: truth.get(pattern) }]);
          // The same constant in the select list: one cell per value of the expression.
          const { rows: cells } = await client.query(`SELECT lower(job_title) LIKE ${quote(pattern)} AS m, COUNT(*) AS n FROM users GROUP BY 1 ORDER BY 1`);
          const { rows: expected } = await database.query(`SELECT lower(job_title) LIKE $1 AS m, COUNT(*)::text AS n FROM alma.users WHERE TRUE${rowFilter(group)} GROUP BY 1 ORDER BY 1`, [pattern]);
          const shown = (row: { n: string | null }) => row.n !== null;
          expect(cells.filter(shown), pattern).toEqual(expected.filter((row) => Number(row.n) >= k()));
        }
      }
    });
  });

  it('is refused expression parameters sent with a REST query, and no data comes back', async () => {
    const answer = await restGet(server.api, 'load', tokenOf(group), { measures: ['users.count'], expressionParams: ['x'] });
    expect(answer.status, answer.text).toBe(400);
    expect(answer.body.data).toBeUndefined();
  });
});
