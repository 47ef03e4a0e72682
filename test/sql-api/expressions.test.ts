import { describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { restLoad, sqlApiClient } from './support/sql-api-clients';

// Expressions over the aggregated answer are evaluated after Cube answers; the members
// they read come through Cube's load path like every other query, so REST is the reference.
const server = sharedCubeServer();

async function sql(group: string, text: string, values?: unknown[]) {
  const client = await sqlApiClient(server, tokenFor(server, group));
  try {
    return await client.query({ text, values, rowMode: 'array' });
  } finally {
    await client.end();
  }
}

async function restByGroup(): Promise<{ group: string; count: number; amount: number }[]> {
  const rows = await restLoad(server, tokenFor(server, 'admin'), {
    dimensions: ['fines_and_fees.user_group'],
    measures: ['fines_and_fees.num_of_fines_fees', 'fines_and_fees.original_amount'],
    order: [['fines_and_fees.user_group', 'asc']],
  });
  return rows.map((r) => ({ group: String(r['fines_and_fees.user_group']), count: Number(r['fines_and_fees.num_of_fines_fees']), amount: Number(r['fines_and_fees.original_amount']) }));
}

describe('expressions over the aggregated answer', () => {
  it('computes arithmetic on measures and string functions on dimensions like the same math over REST', async () => {
    const result = await sql('admin', `SELECT user_group, COUNT(*) * 2 AS doubled, upper(user_group) AS up, concat(lower(user_group), '!') AS shout,
      round(SUM(original_amount) / NULLIF(COUNT(*), 0), 2) AS per_fee FROM fines_and_fees GROUP BY 1 ORDER BY 1`);
    const rest = await restByGroup();
    expect(rest.length).toBeGreaterThan(1);
    expect(result.rows.map((r) => [r[0], Number(r[1]), r[2], r[3], Number(r[4])])).toEqual(
      rest.map((r) => [r.group, r.count * 2, r.group.toUpperCase(), `${r.group.toLowerCase()}!`, Math.round((r.amount / r.count) * 100) / 100]),
    );
    expect(result.fields.map((f) => f.name)).toEqual(['user_group', 'doubled', 'up', 'shout', 'per_fee']);
  });

  it('evaluates CASE and COALESCE, and window functions over all of Cube\'s rows before LIMIT', async () => {
    const result = await sql('admin', `SELECT CASE WHEN COUNT(*) > 100 THEN 'many' ELSE 'few' END AS size, coalesce(user_group, '(none)') AS g,
      rank() OVER (ORDER BY SUM(original_amount) DESC) AS r, round(100 * COUNT(*) / SUM(COUNT(*)) OVER (), 1) AS pct
      FROM fines_and_fees GROUP BY user_group ORDER BY r, g LIMIT 3`);
    const rest = (await restByGroup()).sort((a, b) => b.amount - a.amount);
    const total = rest.reduce((s, r) => s + r.count, 0);
    expect(result.rows.map((r) => [r[0], r[1], Number(r[2]), Number(r[3])])).toEqual(
      rest.slice(0, 3).map((r, i) => [r.count > 100 ? 'many' : 'few', r.group, i + 1, Math.round((1000 * r.count) / total) / 10]),
    );
  });

  it('binds parameters inside expressions and in WHERE with the extended protocol', async () => {
    const result = await sql('admin', 'SELECT user_group, COUNT(*) * $1 AS n FROM fines_and_fees WHERE fee_status = $2 GROUP BY 1 ORDER BY n DESC, 1 LIMIT 2', [10, 'Open']);
    const rest = await restLoad(server, tokenFor(server, 'admin'), {
      dimensions: ['fines_and_fees.user_group'], measures: ['fines_and_fees.num_of_fines_fees'],
      filters: [{ member: 'fines_and_fees.fee_status', operator: 'equals', values: ['Open'] }],
      order: [['fines_and_fees.num_of_fines_fees', 'desc'], ['fines_and_fees.user_group', 'asc']], limit: 2,
    });
    expect(result.rows).toEqual(rest.map((r) => [r['fines_and_fees.user_group'], String(Number(r['fines_and_fees.num_of_fines_fees']) * 10)]));
  });

  it.each([
    ['a hidden column inside a function', 'SELECT upper(primary_identifier) FROM users', '42703'],
    ['a hidden column inside CASE', "SELECT CASE WHEN full_name IS NULL THEN 1 ELSE 0 END AS x, COUNT(*) FROM users GROUP BY full_name", '42703'],
    ['a hidden column in a window', 'SELECT user_group, rank() OVER (ORDER BY email) FROM users GROUP BY 1', '42703'],
    ['a subquery in an expression', 'SELECT user_group, (SELECT count(*) FROM pg_class) FROM users GROUP BY 1', '0A000'],
    ['a function that runs SQL text', "SELECT user_group, query_to_xml('select 1', true, true, '') FROM users GROUP BY 1", '0A000'],
    // (GROUP BY an expression is answered, cell by cell: privacy-under-attack-member-expressions.test.ts.)
    ['a condition inside an aggregate', "SELECT user_group, SUM(CASE WHEN campus_code = 'LAW' THEN 1 ELSE 0 END) AS n FROM users GROUP BY 1", '0A000'],
  ])('refuses %s for an analyst', async (_label, text, code) => {
    await expect(sql('analyst', text)).rejects.toMatchObject({ code });
  });

  it('never names a hidden member in the error', async () => {
    const error = await sql('analyst', 'SELECT upper(primary_identifier) FROM users').catch((e: Error) => e);
    expect(String((error as Error).message)).not.toMatch(/users\.primary_identifier/);
  });
});
