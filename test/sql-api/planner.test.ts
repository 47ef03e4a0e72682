import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { queryRows } from '../support/query-rows';
import { rawDataRows } from './support/raw-data-rows';
import { sqlApiClient } from './support/sql-api-clients';

// The planner end to end: statements through the SQL API, judged against the same
// question asked of the alma tables directly.
const server = sharedCubeServer();

async function sql(group: string, text: string, values?: unknown[]): Promise<{ rows: unknown[][]; fields: pg.FieldDef[] }> {
  const client = await sqlApiClient(server, tokenFor(server, group));
  try {
    return await client.query({ text, values, rowMode: 'array' });
  } finally {
    await client.end();
  }
}

async function direct(text: string, values: unknown[] = []): Promise<unknown[][]> {
  const rows = await queryRows<Record<string, unknown>>(server.databaseUrl, text, values);
  return rows.map((r) => Object.values(r));
}

const text = (rows: unknown[][]) => rows.map((r) => r.map((v) => (v === null ? null : v instanceof Date ? v.toISOString() : String(v))));

// Strings that would run as code if they reached the template literal Cube builds a member expression from.
const HOSTILE = ['`', '${process.exit(1)}', '\\', '\\`${globalThis.x = 1}`', "'; DROP TABLE alma.users; --", 'é😀'];

describe('the planner over the SQL API', () => {
  it('answers count over no rows with 0, and one row per user without GROUP BY', async () => {
    expect((await sql('admin', "SELECT count(*) FROM users WHERE user_group = 'Nobody'")).rows).toEqual([['0']]);
    const users = (await direct('SELECT count(*) FROM alma.users'))[0]![0];
    const rows = (await sql('admin', 'SELECT user_group, status FROM users LIMIT 1000001')).rows;
    expect(rows.length).toBe(Number(users));
  });

  it('answers a JOIN of aggregated subqueries, COUNT(DISTINCT) and GROUP BY extract() like PostgreSQL', async () => {
    const joined = await sql('admin', `SELECT u.user_group, u.n, l.m FROM (SELECT user_group, count(*) AS n FROM users GROUP BY 1) u
      JOIN (SELECT user_group, count(*) AS m FROM fulfillment GROUP BY 1) l ON u.user_group = l.user_group ORDER BY 1`);
    expect(text(joined.rows)).toEqual(text(await direct(`SELECT u.user_group, u.n, l.m FROM (SELECT user_group, count(*) AS n FROM alma.users GROUP BY 1) u
      JOIN (SELECT user_group, count(*) AS m FROM alma.loans GROUP BY 1) l ON u.user_group = l.user_group ORDER BY 1`)));
    expect(text((await sql('admin', 'SELECT COUNT(DISTINCT user_group) FROM users')).rows)).toEqual(text(await direct('SELECT COUNT(DISTINCT user_group) FROM alma.users')));
    expect(text((await sql('admin', 'SELECT extract(dow FROM loan_date) AS d, count(*) FROM fulfillment GROUP BY 1 ORDER BY 1')).rows))
      .toEqual(text(await direct('SELECT extract(dow FROM loan_date) AS d, count(*) FROM alma.loans GROUP BY 1 ORDER BY 1')));
  });

  it('passes hostile literals and parameters to the database only as values, in expressions and names', async () => {
    for (const hostile of HOSTILE) {
      const quoted = `'${hostile.replace(/'/g, "''")}'`;
      const alias = `"${hostile.replace(/"/g, '""')}"`;
      const answer = await sql('admin', `SELECT CASE WHEN user_group = ${quoted} THEN ${quoted} ELSE concat(user_group, ${quoted}) END AS ${alias}, count(*) FROM users
        WHERE user_group <> $1 GROUP BY 1 ORDER BY 1`, [hostile]);
      const expected = await direct(`SELECT CASE WHEN user_group = $1 THEN $1 ELSE concat(user_group, $1) END, count(*) FROM alma.users WHERE user_group <> $1 GROUP BY 1 ORDER BY 1`, [hostile]);
      expect(text(answer.rows), hostile).toEqual(text(expected));
      expect(answer.fields[0]!.name).toBe(hostile);
    }
    expect((globalThis as { x?: unknown }).x).toBeUndefined();
    // The server is still there, and so is the table.
    expect(Number((await sql('admin', 'SELECT count(*) FROM users')).rows[0]![0])).toBeGreaterThan(0);
  });

  it('refuses what needs SQL around Cube for a group with a minimum cell size, naming it (0A000)', async () => {
    for (const statement of [
      // (COUNT(DISTINCT user_group) is answered: a member expression, judged cell by cell.)
      "SELECT count(*) FILTER (WHERE campus_code = 'LAW') AS n FROM users",
      "SELECT extract(year FROM birth_date) AS y, count(*) FROM users GROUP BY 1",
      // A join of grouped answers is answered over their cells; a side of one row per person is not.
      'SELECT a.user_group FROM (SELECT user_group, count(*) AS n FROM users GROUP BY 1) a JOIN (SELECT user_group FROM fulfillment) b ON a.user_group = b.user_group',
    ]) {
      await expect(sql('analyst', statement), statement).rejects.toMatchObject({ code: '0A000', message: expect.stringMatching(/minimum|at least 5 people|masked/) });
    }
    // A hidden member inside an expression does not exist for the analyst, as anywhere.
    await expect(sql('analyst', 'SELECT upper(full_name), count(*) FROM users GROUP BY 1')).rejects.toMatchObject({ code: '42703' });
  });

  it('answers every type the planner returns in binary, byte for byte as PostgreSQL sends it', async () => {
    const statement = `SELECT CAST(loan_date AS date) AS d, extract(dow FROM loan_date)::int AS dow, count(*)::float8 / 2 AS half,
      (max(loan_date) - min(loan_date)) AS span, min(loan_date) AS first, count(*) AS n, avg(renewals) AS renewals, bool_or(in_house) AS any_in_house,
      max(library_code) AS library, CAST(count(*) AS smallint) AS small
      FROM fulfillment WHERE loan_date >= $1 GROUP BY 1, 2 ORDER BY 1 LIMIT 20`;
    // A parameter makes node-postgres use the extended protocol, where results can be binary.
    const values = ['2025-01-01'];
    const client = await sqlApiClient(server, tokenFor(server, 'admin'));
    const asText = await client.query({ text: statement, values, rowMode: 'array', types: { getTypeParser: () => (v: string) => v } as never });
    const binary = await rawDataRows(client, () => client.query({ text: statement, values, rowMode: 'array', binary: true } as pg.QueryConfig).catch(() => undefined));
    await client.end();
    expect(asText.rows.length).toBeGreaterThan(0);
    expect(asText.fields.map((f) => f.dataTypeID)).toEqual([1082, 23, 701, 1186, 1114, 20, 1700, 16, 25, 21]);
    // PostgreSQL's own binary form of each text value, through a direct connection.
    const reference = new pg.Client(server.databaseUrl);
    await reference.connect();
    try {
      const types = ['date', 'int4', 'float8', 'interval', 'timestamp', 'int8', 'numeric', 'bool', 'text', 'int2'];
      for (const [r, row] of (asText.rows as (string | null)[][]).entries()) {
        const expected = await rawDataRows(reference, () => reference.query({ text: `SELECT ${types.map((t, i) => `$${i + 1}::${t}`).join(', ')}`, values: row, binary: true } as pg.QueryConfig).catch(() => undefined));
        expect(binary[r]!.map((b) => b?.toString('hex') ?? null), `row ${r}`).toEqual(expected[0]!.map((b) => b?.toString('hex') ?? null));
      }
    } finally {
      await reference.end();
    }
  });
});

describe('NULL placement', () => {
  it('orders NULLS FIRST/LAST against the defaults like PostgreSQL, LIMIT after it', async () => {
    for (const order of ['statistical_category_1 ASC NULLS FIRST, user_group', 'statistical_category_1 DESC NULLS LAST, user_group DESC', 'user_group DESC, statistical_category_1 ASC NULLS FIRST']) {
      const answer = await sql('admin', `SELECT user_group, statistical_category_1, count(*) FROM users GROUP BY 1, 2 ORDER BY ${order} LIMIT 7`);
      const expected = await direct(`SELECT user_group, statistical_category_1, count(*) FROM alma.users GROUP BY 1, 2 ORDER BY ${order} LIMIT 7`);
      expect(text(answer.rows), order).toEqual(text(expected));
    }
  });
});
