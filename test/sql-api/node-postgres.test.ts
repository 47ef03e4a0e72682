import { describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { restLoad, restRows, sqlApiClient, sqlRows } from './support/sql-api-clients';

// node-postgres speaks the simple protocol for plain queries and the extended one
// (Parse/Bind/Describe/Execute/Sync) for parameterized ones; both must equal REST.
const server = sharedCubeServer();

describe('the SQL API through node-postgres', () => {
  it('answers a GROUP BY with COUNT(*) exactly as REST /load does', async () => {
    const token = tokenFor(server, 'admin');
    const client = await sqlApiClient(server, token);
    const sql = await client.query({ text: 'SELECT user_group, COUNT(*) FROM users GROUP BY 1 ORDER BY 1', rowMode: 'array' });
    await client.end();
    const rest = await restLoad(server, token, { dimensions: ['users.user_group'], measures: ['users.count'], order: [['users.user_group', 'asc']] });
    expect(sql.rows.length).toBeGreaterThan(1);
    expect(sqlRows(sql.rows)).toEqual(restRows(rest, ['users.user_group', 'users.count']));
  });

  it('binds parameters in WHERE, IN, BETWEEN on a time dimension and LIMIT like REST filters', async () => {
    const token = tokenFor(server, 'admin');
    const client = await sqlApiClient(server, token);
    const sql = await client.query({
      text: `SELECT date_trunc('month', creation_date) AS month, status, MEASURE(count) AS users
             FROM users WHERE status IN ($1, $2) AND creation_date BETWEEN $3 AND $4
             GROUP BY 1, 2 ORDER BY 1, 2 LIMIT $5`,
      values: ['Active', 'Inactive', '2024-01-01', '2025-06-30 23:59:59', 20],
      rowMode: 'array',
    });
    await client.end();
    const rest = await restLoad(server, token, {
      measures: ['users.count'],
      dimensions: ['users.status'],
      timeDimensions: [{ dimension: 'users.creation_date', granularity: 'month' }],
      filters: [
        { member: 'users.status', operator: 'equals', values: ['Active', 'Inactive'] },
        { member: 'users.creation_date', operator: 'inDateRange', values: ['2024-01-01T00:00:00.000', '2025-06-30T23:59:59.000'] },
      ],
      order: [['users.creation_date', 'asc'], ['users.status', 'asc']],
      limit: 20,
    });
    expect(sql.rows.length).toBeGreaterThan(0);
    expect(sqlRows(sql.rows)).toEqual(restRows(rest, ['users.creation_date.month', 'users.status', 'users.count']));
  });

  it('runs several statements of one simple query and answers SET, SHOW and version()', async () => {
    const client = await sqlApiClient(server, tokenFor(server, 'admin'));
    const results = (await client.query("SET application_name = 'report'; SHOW application_name; SELECT version()")) as unknown as { rows: Record<string, string>[] }[];
    await client.end();
    expect(results).toHaveLength(3);
    expect(results[1]!.rows[0]!.application_name).toBe('report');
    expect(results[2]!.rows[0]!.version).toMatch(/^PostgreSQL /);
  });

  it('filters with NOT, OR, <>, ILIKE, IS NOT NULL and HAVING like the matching REST filters', async () => {
    const token = tokenFor(server, 'admin');
    const client = await sqlApiClient(server, token);
    const sql = await client.query({
      text: `SELECT user_group, campus_code, COUNT(*) AS n FROM users
             WHERE NOT (status = 'Inactive') AND (user_group ILIKE '%grad%' OR campus_code <> 'MAIN') AND gender IS NOT NULL
             GROUP BY user_group, campus_code HAVING COUNT(*) > 5 ORDER BY 3 DESC, 1, 2`,
      rowMode: 'array',
    });
    await client.end();
    const rest = await restLoad(server, token, {
      measures: ['users.count'],
      dimensions: ['users.user_group', 'users.campus_code'],
      filters: [
        { and: [{ member: 'users.status', operator: 'notEquals', values: ['Inactive'] }, { member: 'users.status', operator: 'set' }] },
        { or: [
          { member: 'users.user_group', operator: 'contains', values: ['grad'] },
          { and: [{ member: 'users.campus_code', operator: 'notEquals', values: ['MAIN'] }, { member: 'users.campus_code', operator: 'set' }] },
        ] },
        { member: 'users.gender', operator: 'set' },
        { member: 'users.count', operator: 'gt', values: ['5'] },
      ],
      order: [['users.count', 'desc'], ['users.user_group', 'asc'], ['users.campus_code', 'asc']],
    });
    expect(sql.rows.length).toBeGreaterThan(0);
    expect(sqlRows(sql.rows)).toEqual(restRows(rest, ['users.user_group', 'users.campus_code', 'users.count']));
  });

  it('answers a subquery in FROM like the query it wraps', async () => {
    const client = await sqlApiClient(server, tokenFor(server, 'admin'));
    const inner = 'SELECT user_group, MEASURE(count) AS c FROM users GROUP BY 1';
    const wrapped = await client.query({ text: `SELECT t.user_group, t.c FROM (${inner}) t WHERE t.c > 10 ORDER BY t.c DESC LIMIT 3`, rowMode: 'array' });
    const flat = await client.query({ text: `${inner} HAVING MEASURE(count) > 10 ORDER BY 2 DESC LIMIT 3`, rowMode: 'array' });
    await client.end();
    expect(wrapped.rows.length).toBeGreaterThan(0);
    expect(wrapped.rows).toEqual(flat.rows);
  });

  it.each([
    ['a syntax error', 'SELEC 1', '42601'],
    ['an unknown table', 'SELECT user_group FROM nobody', '42P01'],
    ['an unknown column', 'SELECT nothing_here FROM users', '42703'],
    ['a function outside the allow-list', 'SELECT upper(current_setting(\'search_path\')) FROM users GROUP BY 1', '0A000'],
    ['WITH RECURSIVE', 'WITH RECURSIVE r AS (SELECT user_group FROM users) SELECT * FROM r', '0A000'],
    ['an aggregate Cube cannot re-aggregate', 'SELECT MAX(count) FROM users', '0A000'],
    ['a dimension outside GROUP BY', 'SELECT user_group, status, COUNT(*) FROM users GROUP BY 1', '42803'],
  ])('refuses %s with its SQLSTATE and keeps the connection usable', async (_label, text, code) => {
    const client = await sqlApiClient(server, tokenFor(server, 'admin'));
    await expect(client.query(text)).rejects.toMatchObject({ code });
    const after = await client.query('SELECT COUNT(*) AS n FROM users');
    await client.end();
    expect(Number(after.rows[0].n)).toBeGreaterThan(0);
  });

  // A near miss gets PostgreSQL's HINT, drawn only from what the session may read: an analyst who
  // misspells a hidden column (full_nam) is offered nothing about it, exactly as for a made-up name.
  it.each([
    ['admin', 'SELECT user_grop, COUNT(*) FROM users GROUP BY 1', '42703', 'Perhaps you meant to reference the column "user_group".'],
    ['analyst', 'SELECT u.user_grop FROM users u GROUP BY 1', '42703', 'Perhaps you meant to reference the column "u.user_group".'],
    ['analyst', 'SELECT full_nam FROM users', '42703', undefined],
    ['analyst', 'SELECT fool_nam FROM users', '42703', undefined],
  ])('as %s, answers %s with a hint from the visible columns only', async (group, text, code, hint) => {
    const client = await sqlApiClient(server, tokenFor(server, group));
    const error = await client.query(text).then(() => undefined, (e: { code?: string; hint?: string; message: string }) => e);
    await client.end();
    expect(error?.code).toBe(code);
    expect(error?.hint).toBe(hint);
    expect(`${error?.message} ${error?.hint ?? ''}`).not.toMatch(/full_name|primary_identifier|birth_date_unmasked/);
  });
});
