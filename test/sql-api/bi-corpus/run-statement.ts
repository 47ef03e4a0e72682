import pg from 'pg';
import type { ResultSet } from './compare-results';

/** Every value as the text the server sent: the comparison decides what counts as equal, not a type parser. */
const rawText = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

export type Outcome =
  | { kind: 'rows'; result: ResultSet }
  | { kind: 'error'; code: string; message: string };

/** Runs one statement on a client, over the simple or the extended protocol, and never throws for an SQL error. */
export async function runStatement(client: pg.Client, sql: string, protocol: 'simple' | 'extended'): Promise<Outcome> {
  try {
    const result = await client.query({ text: sql, rowMode: 'array', types: rawText, ...(protocol === 'extended' ? { queryMode: 'extended' } : {}) } as pg.QueryArrayConfig);
    return { kind: 'rows', result: { columns: result.fields.map((field) => field.name), rows: result.rows as (string | null)[][] } };
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    return { kind: 'error', code: code ?? 'no SQLSTATE', message };
  }
}

/** The reference on the database, in UTC, as text. */
export async function runReference(databaseUrl: string, sql: string): Promise<ResultSet> {
  const client = new pg.Client({ connectionString: databaseUrl, options: '-c TimeZone=UTC' });
  await client.connect();
  try {
    const result = await client.query({ text: sql, rowMode: 'array', types: rawText });
    return { columns: result.fields.map((field) => field.name), rows: result.rows as (string | null)[][] };
  } finally {
    await client.end();
  }
}
