/**
 * End to end: a real /load on the real Cube server, read by the real client
 * over HTTP, against the same question asked of PostgreSQL directly.
 */
import cube from '@cubejs-client/core';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';

describe('REST /load through our result shaping', () => {
  it('answers a monthly time series exactly as SQL over alma.users does', async () => {
    const server = sharedCubeServer();
    const client = cube(tokenFor(server, 'admin'), { apiUrl: server.api });
    const resultSet = await client.load({
      measures: ['users.count'],
      dimensions: ['users.user_group'],
      timeDimensions: [{ dimension: 'users.creation_date', granularity: 'month' }],
      order: [['users.creation_date', 'asc'], ['users.user_group', 'asc']],
      limit: 5000,
    });

    const db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    let expected: Record<string, string | null>[];
    try {
      const { rows } = await db.query<{ user_group: string | null; month: string | null; count: string }>(`
        SELECT user_group,
               to_char(date_trunc('month', creation_date AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS month,
               count(*)::text AS count
          FROM alma.users
         GROUP BY 1, 2`);
      expected = rows.map((row) => ({
        'users.user_group': row.user_group,
        'users.creation_date.month': row.month,
        'users.count': row.count,
      }));
    } finally {
      await db.end();
    }

    const byKey = (row: Record<string, unknown>) => `${row['users.creation_date.month']}|${row['users.user_group']}`;
    const actual = resultSet.tablePivot().map((row) => ({
      'users.user_group': row['users.user_group'] as string | null,
      'users.creation_date.month': row['users.creation_date.month'] as string | null,
      'users.count': String(row['users.count']),
    }));
    expect(expected.length).toBeGreaterThan(0);
    expect(actual.sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual(expected.sort((a, b) => byKey(a).localeCompare(byKey(b))));
    // Cube's base-dimension key rides beside the granularity key.
    for (const row of resultSet.rawData()) expect(row['users.creation_date']).toBe(row['users.creation_date.month']);
  });
});
