import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { sqlApiClient } from './support/sql-api-clients';
import { rawDataRows } from './support/raw-data-rows';

// Npgsql (Power BI) asks for every result column in binary; node-postgres does with `binary: true`.
const server = sharedCubeServer();

/** The same query in text and in binary: binary values decoded by node-postgres's own binary parsers. */
async function textAndBinary(group: string, text: string, values: unknown[]) {
  const client = await sqlApiClient(server, tokenFor(server, group));
  const asText = await client.query({ text, values, rowMode: 'array' });
  // node-postgres's own row parsing fails on binary values it read as text; the raw rows are what count.
  const raw = await rawDataRows(client, () => client.query({ text, values, rowMode: 'array', binary: true } as pg.QueryConfig).catch(() => undefined));
  await client.end();
  const decoded = raw.map((row) => row.map((v, i) => (v === null ? null : pg.types.getTypeParser(asText.fields[i]!.dataTypeID, 'binary')(v as never))));
  return { asText: asText.rows, decoded };
}

/** Values as comparable text: dates as ISO, numbers however they were parsed. */
function normalized(rows: unknown[][]): string[][] {
  return rows.map((row) => row.map((v) => (v instanceof Date ? v.toISOString() : v === null ? 'null' : /^-?\d+(\.\d+)?$/.test(String(v)) ? String(Number(v)) : String(v))));
}

describe('binary results through node-postgres', () => {
  it('answers bigint, numeric, timestamp and boolean columns in binary as in text', async () => {
    const { asText, decoded } = await textAndBinary('admin',
      `SELECT date_trunc('month', created_at) AS month, is_anonymized, fee_status, COUNT(*) AS n, SUM(original_amount) AS amount
       FROM fines_and_fees WHERE created_at >= $1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, ['2024-01-01']);
    expect(asText.length).toBeGreaterThan(0);
    expect(typeof decoded[0]![4]).toBe('number');
    expect(normalized(decoded)).toEqual(normalized(asText));
  });

  it('answers catalog queries in binary (oid, name, smallint, boolean, char)', async () => {
    const { asText, decoded } = await textAndBinary('analyst',
      `SELECT t.oid, t.typname, t.typlen, t.typbyval, t.typtype, n.nspname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE t.typname = ANY($1) ORDER BY t.oid`, ['{int4,numeric,timestamp,bool}']);
    expect(asText).toHaveLength(4);
    expect(normalized(decoded)).toEqual(normalized(asText));
  });
});
