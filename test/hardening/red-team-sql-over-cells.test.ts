import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { hiddenUserMembers } from './support/hidden-members';
import { failureOf, withSqlApiSession } from '../sql-api/support/sql-api-clients';

// Attacks on the SQL an analyst or a dashboard may put around Cube's judged cells (joins,
// UNION ALL, windows, CTEs, subqueries answered as constants) and on the member
// expressions inside them, for the groups with a minimum cell size. Judged against the database.
const server = sharedCubeServer();
const k = 5;
let database: pg.Client;
/** A campus's job title held by 1 to k-1 of its users, beside one held by at least k of them. */
let small: { campus: string; title: string; big: string; people: number };
/** The campus of the dashboard's token. */
let campus = '';

function session<T>(group: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  return withSqlApiSession(server, tokenFor(server, group, group === 'dashboard' ? [campus] : undefined), run);
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

beforeAll(async () => {
  database = new pg.Client(server.databaseUrl);
  await database.connect();
  const { rows: [row] } = await database.query(`
    WITH cell AS (SELECT campus_code, job_title, count(*)::int AS n FROM alma.users WHERE job_title IS NOT NULL GROUP BY 1, 2)
    SELECT s.campus_code, s.job_title, s.n, b.job_title AS big FROM cell s JOIN cell b ON b.campus_code = s.campus_code AND b.n >= ${k}
    WHERE s.n < ${k} ORDER BY s.n, 1, 2, 4 LIMIT 1`);
  if (!row) throw new Error('the seeded data has no campus with a job title of fewer than k users beside one of at least k');
  small = { campus: row.campus_code, title: row.job_title, big: row.big, people: row.n };
  campus = (await database.query('SELECT campus_code FROM alma.users GROUP BY 1 ORDER BY count(*) DESC LIMIT 1')).rows[0].campus_code;
  return () => database.end();
});

describe('an analyst computing over the judged cells', () => {
  // COUNT(DISTINCT member) was a member expression these groups could send, and disclosure
  // control judges only the cell's people (at least k here): the count of distinct values said
  // how many values the cell holds, so filtering to a small title and a big one said whether the
  // small (campus, title) cell of 1 to k-1 people exists, which the answer grouped by campus and
  // title leaves out. Counting distinct values of a column is now refused for these groups.
  it('cannot tell that a small (campus, title) cell exists by counting distinct titles in the campus', async () => {
    const titles = `(${quote(small.title)}, ${quote(small.big)})`;
    const { rows: [cells] } = await database.query(`
      SELECT count(*) FILTER (WHERE n < ${k})::int AS small FROM
        (SELECT campus_code, job_title, count(*) AS n FROM alma.users WHERE job_title IN ${titles} GROUP BY 1, 2) c`);
    expect(cells.small, 'the filter takes in a (campus, title) cell of fewer than k people').toBeGreaterThan(0);
    await session('analyst', async (client) => {
      for (const text of [
        `SELECT campus_code, COUNT(DISTINCT job_title) AS titles FROM users WHERE job_title IN ${titles} GROUP BY 1`,
        'SELECT campus_code, COUNT(DISTINCT job_title) AS titles FROM users GROUP BY 1',
        'SELECT COUNT(DISTINCT job_title) AS titles FROM users',
      ]) {
        const error = await failureOf(client, text);
        expect(error?.code, `${text}: ${error?.message}`).toBe('0A000');
      }
    });
  });

  it('gets the same words for a hidden column as for one that does not exist, in every construct over cells', async () => {
    const hidden = hiddenUserMembers('analyst').map((member) => member.split('.').at(-1)!)[0]!;
    const shapes = (column: string) => [
      `SELECT campus_code, MEASURE(count) FROM users WHERE campus_code IN (SELECT campus_code FROM users WHERE ${column} = 'x' GROUP BY 1) GROUP BY 1`,
      `WITH t AS (SELECT ${column}, MEASURE(count) AS c FROM users GROUP BY 1) SELECT * FROM t`,
      `SELECT campus_code, c, rank() OVER (PARTITION BY ${column} ORDER BY c) FROM (SELECT campus_code, MEASURE(count) AS c FROM users GROUP BY 1) t`,
      `SELECT campus_code, MEASURE(count) FROM users GROUP BY 1 UNION ALL SELECT ${column}, MEASURE(count) FROM users GROUP BY 1`,
      `SELECT campus_code, SUM(CASE WHEN ${column} = 'x' THEN count END) FROM users GROUP BY 1`,
      `SELECT campus_code, COUNT(DISTINCT ${column}) FROM users GROUP BY 1`,
      `SELECT campus_code, MEASURE(count) FROM users WHERE job_title = (SELECT job_title FROM users WHERE ${column} = 'x' GROUP BY 1) GROUP BY 1`,
    ];
    await session('analyst', async (client) => {
      for (const [i, shape] of shapes(hidden).entries()) {
        const [seen, absent] = [await failureOf(client, shape), await failureOf(client, shapes('no_such_column')[i]!)];
        expect(seen?.code, shape).toBe('42703');
        expect(seen?.message.replace(hidden, 'X'), shape).toBe(absent?.message.replace('no_such_column', 'X'));
      }
    });
  });

  it('cannot read a time finer than a day through bind parameters or subqueries around cells', async () => {
    const { rows: [user] } = await database.query(`SELECT to_char(creation_date, 'YYYY-MM-DD HH24:MI:SS') AS at FROM alma.users
      WHERE creation_date <> date_trunc('day', creation_date) ORDER BY creation_date LIMIT 1`);
    await session('analyst', async (client) => {
      for (const [text, values] of [
        ['SELECT COUNT(*) FROM users WHERE creation_date >= $1 AND creation_date < $2', ['2000-01-01', user.at]],
        ['SELECT COUNT(*) FROM users WHERE creation_date >= $1::date AND creation_date < $2::timestamp', ['2000-01-01', user.at]],
        ['SELECT campus_code, MEASURE(count) FROM users WHERE campus_code IN (SELECT campus_code FROM users WHERE creation_date < $1 GROUP BY 1) GROUP BY 1', [user.at]],
        ['SELECT campus_code, MEASURE(count) FROM users WHERE creation_date < (SELECT $1::timestamp) GROUP BY 1', [user.at]],
        [`SELECT CASE WHEN creation_date < date_trunc('day', creation_date) + interval '12 hours' THEN 1 ELSE 0 END AS am, COUNT(*) FROM users GROUP BY 1`, []],
      ] as [string, unknown[]][]) {
        const error = await failureOf(client, text, values);
        expect(error?.code, text).toMatch(/^(0A000|42501)$/);
      }
    });
  });

  it('sees no suppressed cell when a window, an average or an expression over the measure reads an answer with gaps', async () => {
    await session('analyst', async (client) => {
      const where = `WHERE campus_code = ${quote(small.campus)}`;
      for (const text of [
        `SELECT job_title, c, row_number() OVER (ORDER BY c) FROM (SELECT job_title, MEASURE(count) AS c FROM users ${where} GROUP BY 1) t`,
        `SELECT avg(c) FROM (SELECT job_title, MEASURE(count) AS c FROM users ${where} GROUP BY 1) t`,
        `SELECT user_group, SUM(CASE WHEN job_title = ${quote(small.title)} THEN count ELSE 0 END) FROM users ${where} GROUP BY 1`,
      ]) {
        expect((await failureOf(client, text))?.code, text).toBe('0A000');
      }
    });
  });
});

describe('a dashboard computing over the judged cells', () => {
  it('counts only its own campus through subqueries, CTEs and joins with another view, and is refused COUNT(DISTINCT)', async () => {
    const { rows: [truth] } = await database.query('SELECT count(*)::int AS loans FROM alma.loans WHERE campus_code = $1', [campus]);
    await session('dashboard', async (client) => {
      expect((await failureOf(client, 'SELECT COUNT(DISTINCT campus_code) AS n FROM users'))?.code).toBe('0A000');
      const joined = await client.query(`SELECT a.campus_code, b.loans FROM (SELECT campus_code, MEASURE(count) AS c FROM users GROUP BY 1) a
        FULL JOIN (SELECT campus_code, MEASURE(num_of_loans) AS loans FROM fulfillment GROUP BY 1) b ON a.campus_code = b.campus_code`);
      expect(joined.rows).toEqual([{ campus_code: campus, loans: String(truth.loans) }]);
      const other = (await database.query('SELECT campus_code FROM alma.users WHERE campus_code <> $1 LIMIT 1', [campus])).rows[0].campus_code;
      const viaSubquery = await client.query(`WITH t AS (SELECT campus_code FROM users WHERE campus_code = ${quote(other)} GROUP BY 1)
        SELECT campus_code, MEASURE(num_of_loans) AS loans FROM fulfillment WHERE campus_code IN (SELECT campus_code FROM t) GROUP BY 1`).catch((error: pg.DatabaseError) => error);
      if (!(viaSubquery instanceof Error)) expect(viaSubquery.rows.filter((row) => row.campus_code !== campus)).toEqual([]);
    });
  });
});
