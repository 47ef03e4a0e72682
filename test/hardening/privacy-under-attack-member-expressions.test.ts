import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { privacyConfig } from '../../src/privacy/privacy-config';
import { treatmentOfMember } from '../../src/model/member-treatment';
import { userDetailsFields } from '../../src/user-details/user-details-fields';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { hiddenUserMembers } from './support/hidden-members';
import { restGet } from './support/rest-client';
import { failureOf, withSqlApiSession } from '../sql-api/support/sql-api-clients';

// Expressions over columns, for the groups with a minimum cell size: each becomes a Cube
// member expression, which the privacy boundary checks by its parse tree and disclosure
// control judges cell by cell. Every attack is judged against the database.
const server = sharedCubeServer();
let campus = '';
let database: pg.Client;

function tokenOf(group: string): string {
  return tokenFor(server, group, group === 'dashboard' ? [campus] : undefined);
}

function session<T>(group: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  return withSqlApiSession(server, tokenOf(group), run);
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Members of the users view the group sees masked, from the privacy config. */
function maskedUserMembers(group: string): string[] {
  const policy = privacyConfig().groups.find((candidate) => candidate.name === group)!;
  return userDetailsFields().map((field) => field.member).filter((member) => treatmentOfMember(member, policy) === 'masked');
}

/** The row filter a dashboard's answers are under: its campus. */
function rowFilter(group: string): string {
  return group === 'dashboard' ? ` AND campus_code = ${quote(campus)}` : '';
}

beforeAll(async () => {
  database = new pg.Client(server.databaseUrl);
  await database.connect();
  campus = (await database.query('SELECT campus_code FROM alma.users GROUP BY 1 ORDER BY count(*) DESC LIMIT 1')).rows[0].campus_code;
  return () => database.end();
});

describe.each(['analyst', 'dashboard'])('a %s session sending expressions over columns', (group) => {
  const k = privacyConfig().groups.find((candidate) => candidate.name === group)!.disclosure!.minCellSize;

  it('gets "column does not exist" for a hidden member inside an expression, in every clause and construct', async () => {
    await session(group, async (client) => {
      for (const member of hiddenUserMembers(group)) {
        for (const text of [
          `SELECT lower(CAST(${member} AS text)) AS x, COUNT(*) FROM users GROUP BY 1`,
          `SELECT COUNT(*) FROM users WHERE COALESCE(CAST(${member} AS text), 'x') LIKE 'a%'`,
          `SELECT user_group, COUNT(*) FROM users GROUP BY user_group, CASE WHEN ${member} IS NULL THEN 1 ELSE 0 END`,
          `SELECT user_group, COUNT(*) FROM users GROUP BY 1 ORDER BY COUNT(DISTINCT ${member})`,
          `SELECT user_group, COUNT(*) FROM users GROUP BY 1 HAVING COUNT(DISTINCT ${member}) > 1`,
          `SELECT COUNT(DISTINCT ${member}) AS n FROM users`,
          `SELECT CASE WHEN CAST(${member} AS text) < 'm' THEN 'a' ELSE 'b' END AS half, COUNT(*) FROM users GROUP BY 1`,
        ]) {
          const error = await failureOf(client, text);
          expect(error?.code, `${text}: ${error?.message}`).toMatch(/^(42703|0A000)$/);
        }
      }
    });
  });

  it('is refused (0A000) an expression over a member it sees masked, and the disclosure_ members do not exist', async () => {
    await session(group, async (client) => {
      for (const member of maskedUserMembers(group)) {
        const error = await failureOf(client, `SELECT EXTRACT(MONTH FROM ${member}) AS m, COUNT(*) FROM users GROUP BY 1`);
        expect(error?.code, `${member}: ${error?.message}`).toBe('0A000');
        expect(error?.message).toContain('masked');
      }
      for (const member of ['disclosure_people', 'disclosure_key_sum']) {
        expect((await failureOf(client, `SELECT SUM(${member} + 0) AS n FROM users`))?.code).toBe('42703');
      }
    });
  });

  it('cannot read a time finer than a day by EXTRACT, date_part, date_trunc, casts, to_char or time zones', async () => {
    await session(group, async (client) => {
      for (const text of [
        'SELECT EXTRACT(HOUR FROM loan_date) AS h, COUNT(*) FROM fulfillment GROUP BY 1',
        "SELECT date_part('epoch', loan_date) AS e, COUNT(*) FROM fulfillment GROUP BY 1",
        'SELECT EXTRACT(MINUTE FROM loan_date) AS m, COUNT(*) FROM fulfillment GROUP BY 1',
        "SELECT date_trunc('hour', loan_date) + interval '0 days' AS h, COUNT(*) FROM fulfillment GROUP BY 1",
        'SELECT CAST(loan_date AS text) AS t, COUNT(*) FROM fulfillment GROUP BY 1',
        "SELECT to_char(loan_date, 'HH24') AS h, COUNT(*) FROM fulfillment GROUP BY 1",
        "SELECT date_trunc('day', loan_date AT TIME ZONE 'Asia/Kathmandu') AS d, COUNT(*) FROM fulfillment GROUP BY 1",
        "SELECT date_trunc('day', timezone('+05:45', loan_date)) AS d, COUNT(*) FROM fulfillment GROUP BY 1",
        "SELECT COUNT(*) FROM fulfillment WHERE loan_date > now() - interval '36 hours'",
        'SELECT SUM(EXTRACT(EPOCH FROM loan_date)) AS s FROM fulfillment',
      ]) {
        const error = await failureOf(client, text);
        expect(error?.code, `${text}: ${error?.message}`).toBe('0A000');
      }
    });
  });

  it('is refused MIN and MAX of a column that is not a measure (one person\'s value)', async () => {
    await session(group, async (client) => {
      for (const text of ['SELECT MIN(renewals) AS m FROM fulfillment', 'SELECT user_group, MAX(CAST(loan_date AS date)) AS d FROM fulfillment GROUP BY 1']) {
        const error = await failureOf(client, text);
        expect(error?.code, text).toBe('0A000');
        expect(error?.message).toMatch(/MIN|MAX/);
      }
    });
  });

  it('gets no cell of fewer than k people when a CASE isolates a few, and no margin that gives them away', async () => {
    const { rows: [target] } = await database.query(
      `SELECT user_group, job_title, user_type, COUNT(*)::int AS n FROM alma.users WHERE user_type IS NOT NULL${rowFilter(group)} GROUP BY 1, 2, 3 HAVING COUNT(*) < $1 ORDER BY 4, 1, 2, 3 LIMIT 1`, [k],
    );
    expect(target, 'the seeded data has a small cell to aim at').toBeDefined();
    const aimed = `user_group = ${quote(target.user_group)} AND job_title = ${quote(target.job_title)} AND user_type = ${quote(target.user_type)}`;
    await session(group, async (client) => {
      const { rows } = await client.query(`SELECT CASE WHEN ${aimed} THEN 'target' ELSE 'rest' END AS k, COUNT(*) AS n FROM users GROUP BY 1`);
      // The aimed cell is left out; the rest is suppressed with it, or the total minus the rest would be the aimed count.
      expect(rows.find((row) => row.k === 'target')).toBeUndefined();
      for (const row of rows) expect(row.n, JSON.stringify(rows)).toBeNull();
      const { rows: users } = await client.query(`SELECT COUNT(*) AS n FROM users WHERE ${aimed}`);
      expect(users).toEqual([{ n: null }]);
      // A condition inside an aggregate would count the aimed people within a large cell: refused, however it is spelled.
      for (const text of [
        `SELECT campus_code, SUM(CASE WHEN ${aimed} THEN 1 ELSE 0 END) AS n FROM users GROUP BY 1`,
        `SELECT campus_code, COUNT(*) FILTER (WHERE ${aimed}) AS n FROM users GROUP BY 1`,
        `SELECT campus_code, COUNT(DISTINCT CASE WHEN ${aimed} THEN job_title END) AS n FROM users GROUP BY 1`,
        `SELECT campus_code, AVG(CASE WHEN ${aimed} THEN 1.0 ELSE 0 END) AS n FROM users GROUP BY 1`,
        `SELECT campus_code, SUM(length(job_title) - length(replace(job_title, ${quote(target.job_title)}, ''))) AS n FROM users GROUP BY 1`,
        'SELECT campus_code, COUNT(job_title) AS n FROM users GROUP BY 1',
      ]) {
        const error = await failureOf(client, text);
        expect(error?.code, `${text}: ${error?.message}`).toBe('0A000');
      }
    });
  });

  it('cannot tell a cell under k from an empty one by a condition as an expression, whatever SQL it puts around the answer', async () => {
    const { rows: [target] } = await database.query(
      `SELECT user_group, job_title, user_type, COUNT(*)::int AS n FROM alma.users WHERE user_type IS NOT NULL${rowFilter(group)} GROUP BY 1, 2, 3 HAVING COUNT(*) < $1 ORDER BY 4, 1, 2, 3 LIMIT 1`, [k],
    );
    const outcome = (client: pg.Client, title: string) => client.query(
      `SELECT SUM(n) AS s, COUNT(*) AS cells FROM (SELECT user_group, COUNT(*) AS n FROM users WHERE lower(job_title) = lower(${quote(title)}) `
      + `AND lower(user_group) = lower(${quote(target.user_group)}) AND lower(user_type) = lower(${quote(target.user_type)}) GROUP BY 1) AS t`,
    ).then((answer) => JSON.stringify(answer.rows), (error: pg.DatabaseError) => error.code);
    const aimedCell = (client: pg.Client, title: string) => client.query(
      `SELECT SUM(n) AS s FROM (SELECT CASE WHEN lower(job_title) = lower(${quote(title)}) AND lower(user_group) = lower(${quote(target.user_group)}) `
      + `AND lower(user_type) = lower(${quote(target.user_type)}) THEN 'aimed' ELSE 'rest' END AS k, COUNT(*) AS n FROM users GROUP BY 1) AS t`,
    ).then((answer) => JSON.stringify(answer.rows), (error: pg.DatabaseError) => error.code);
    await session(group, async (client) => {
      // The aimed people exist (fewer than k of them); the other title names nobody.
      expect(await outcome(client, target.job_title)).toBe(await outcome(client, 'no such title'));
      expect(await aimedCell(client, target.job_title)).toBe(await aimedCell(client, 'no such title'));
    });
  });

  it('is refused COUNT(DISTINCT ...) of a column, whose count of values would say a value held by fewer than k people exists', async () => {
    await session(group, async (client) => {
      for (const text of [
        'SELECT user_group, job_title, user_type, COUNT(DISTINCT status) AS d, COUNT(*) AS n FROM users GROUP BY 1, 2, 3',
        'SELECT campus_code, COUNT(DISTINCT job_title) FROM users GROUP BY 1',
        'SELECT COUNT(DISTINCT user_group) FROM users',
      ]) {
        const error = await failureOf(client, text);
        expect(error?.code, `${text}: ${error?.message}`).toBe('0A000');
        expect(error?.message, text).toContain('COUNT(DISTINCT');
      }
    });
  });

  it('answers expressions as PostgreSQL does over the rows it may see', async () => {
    await session(group, async (client) => {
      const { rows } = await client.query("SELECT EXTRACT(DOW FROM loan_date) AS dow, COUNT(*) AS n FROM fulfillment WHERE lower(loan_status) <> 'x' GROUP BY 1 ORDER BY 1");
      const { rows: truth } = await database.query(`SELECT EXTRACT(DOW FROM loan_date)::text AS dow, COUNT(*)::text AS n FROM alma.loans WHERE lower(loan_status) <> 'x'${rowFilter(group)} GROUP BY 1 ORDER BY 1`);
      expect(rows.map((row) => [String(Number(row.dow)), row.n])).toEqual(truth.map((row) => [row.dow, row.n]));
      // Ordered by an expression, then by a count: the cells shown are the database's, in that order.
      const { rows: ordered } = await client.query('SELECT renewals % 2 AS p, user_group, COUNT(*) AS n FROM fulfillment GROUP BY 1, 2 ORDER BY 1 DESC, 3 DESC');
      const { rows: counts } = await database.query(`SELECT (renewals % 2)::text AS p, user_group, COUNT(*)::text AS n FROM alma.loans WHERE TRUE${rowFilter(group)} GROUP BY 1, 2`);
      expect(ordered.length).toBeGreaterThan(1);
      // (A count suppressed beside a small cell is NULL, and sorts last.)
      for (const row of ordered.filter((one) => one.n !== null)) expect(counts.find((c) => c.p === String(row.p) && c.user_group === row.user_group)?.n).toBe(row.n);
      const keys = ordered.map((row) => [Number(row.p), row.n === null ? -1 : Number(row.n)]);
      expect(keys).toEqual([...keys].sort((a, b) => b[0]! - a[0]! || b[1]! - a[1]!));
    });
  });

  it('carries backticks, ${}, backslashes and quotes in literals as values, fails closed on them in aliases and identifiers, and reads multi-byte text', async () => {
    await session(group, async (client) => {
      for (const hostile of ['`', '${process.exit(1)}', '\\', "\\'); SELECT pg_sleep(5); --", '$0$', '$$x$$']) {
        // A constant is a bind parameter of the member expression: whatever its characters, it comes back as the value it is.
        const { rows: literal } = await client.query(`SELECT lower(user_group) || ${quote(hostile)} AS g, COUNT(*) AS n FROM users GROUP BY 1`);
        const { rows: cells } = await database.query(`SELECT lower(user_group) || $1 AS g, COUNT(*)::text AS n FROM alma.users WHERE TRUE${rowFilter(group)} GROUP BY 1`, [hostile]);
        expect(literal.length, hostile).toBeGreaterThan(0);
        for (const row of literal) {
          expect(String(row.g).endsWith(hostile), hostile).toBe(true);
          if (row.n !== null) expect(cells.find((cell) => cell.g === row.g)?.n, hostile).toBe(row.n);
        }
        const aliased = await client.query(`SELECT lower(user_group) AS "${hostile.replace(/"/g, '""')}", COUNT(*) AS n FROM users GROUP BY 1`);
        expect(aliased.fields[0]!.name).toBe(hostile);
        expect((await failureOf(client, `SELECT lower("${hostile.replace(/"/g, '""')}") AS g, COUNT(*) FROM users GROUP BY 1`))?.code).toBe('42703');
      }
      const { rows } = await client.query("SELECT COUNT(*) AS n FROM users WHERE lower(user_group) <> 'é😀'' --'");
      const { rows: [truth] } = await database.query(`SELECT COUNT(*)::text AS n FROM alma.users WHERE TRUE${rowFilter(group)}`);
      expect(rows).toEqual([{ n: truth.n }]);
    });
  });
});

describe.each(['analyst', 'dashboard'])('a %s token sending member expressions over REST', (group) => {
  const expression = (sql: string, cubeName = 'users') => JSON.stringify({ cubeName, alias: 'x', expr: { type: 'SqlFunction', cubeParams: [cubeName], sql } });

  it.each([
    ['a subselect', '(SELECT COUNT(*) FROM alma.users) + COUNT(${users.user_group})'],
    ['pg_sleep', 'COUNT(${users.user_group}) + pg_sleep(5)::text::int'],
    ['current_setting', "COUNT(${users.user_group}) || current_setting('server_version')"],
    ['a column of alma.users', 'COUNT(DISTINCT alma.users.full_name) + COUNT(${users.user_group})'],
    ['a hidden member', 'COUNT(DISTINCT ${users.full_name})'],
    ['MAX of a dimension', 'MAX(${users.user_group})'],
    ['a template literal', 'COUNT(${users.user_group}) + `${1}`'],
    ['an allowed expression', 'COUNT(DISTINCT ${users.user_group})'],
  ])('is refused %s as a measure, and no data comes back', async (_what, sql) => {
    for (const endpoint of ['load', 'sql', 'dry-run']) {
      const answer = await restGet(server.api, endpoint, tokenOf(group), { measures: [expression(sql)] });
      // (/sql and /dry-run are for admin tokens only: 403 before any query is read.)
      expect(answer.status, answer.text).toBe(endpoint === 'load' ? 400 : 403);
      expect(answer.body.data).toBeUndefined();
    }
  });

  it('is refused a member expression as an object, as Cube would take it parsed', async () => {
    const parsed = { cubeName: 'users', name: 'x', expression: ['users', 'return `COUNT(DISTINCT ${users.user_group})`'] };
    for (const endpoint of ['load', 'sql', 'dry-run']) {
      const answer = await restGet(server.api, endpoint, tokenOf(group), { measures: [parsed] });
      expect(answer.status, answer.text).toBe(endpoint === 'load' ? 400 : 403);
      expect(answer.body.data).toBeUndefined();
    }
  });
});
