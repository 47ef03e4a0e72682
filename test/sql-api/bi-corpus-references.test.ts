import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { compareResults, type ResultSet } from './bi-corpus/compare-results';
import { corpus } from './bi-corpus/corpus';
import { referenceFor } from './bi-corpus/reference-sources';
import { standInViewStatements } from './bi-corpus/stand-in-views';

// The corpus checks itself, without the SQL API: each statement, run by PostgreSQL over
// plain views that stand in for the semantic layer (one row per record, each measure as its
// value on that record, MEASURE() rolling it up), must give its reference's answer. So a
// statement the SQL API gets "wrong" is wrong because of the SQL API, not because the
// statement and its reference ask different questions. The views live in a transaction
// that is rolled back.
const rawText = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

async function rowsOf(client: pg.Client, sql: string): Promise<ResultSet> {
  const result = await client.query({ text: sql, rowMode: 'array', types: rawText });
  return { columns: result.fields.map((field) => field.name), rows: result.rows as (string | null)[][] };
}

describe('the BI corpus on PostgreSQL itself', () => {
  it.each(['admin', 'analyst'])('gives every statement its reference\'s answer over stand-in views, as %s sees the data', async (group) => {
    const client = new pg.Client({ connectionString: inject('databaseUrl'), options: '-c TimeZone=UTC' });
    await client.connect();
    const disagreements: string[] = [];
    try {
      await client.query('BEGIN');
      for (const statement of standInViewStatements(group)) await client.query(statement);
      for (const statement of corpus) {
        await client.query('SAVEPOINT statement');
        try {
          const verdict = compareResults(await rowsOf(client, statement.sql), await rowsOf(client, referenceFor(statement.reference, group)), statement.compare, 0);
          if (!verdict.equal) disagreements.push(`${statement.tool}: ${statement.shape} | ${verdict.detail}`);
        } catch (error) {
          disagreements.push(`${statement.tool}: ${statement.shape} | ${(error as Error).message}`);
        }
        await client.query('ROLLBACK TO SAVEPOINT statement');
      }
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
    }
    expect(disagreements).toEqual([]);
  });
});
