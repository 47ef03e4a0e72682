import pg from 'pg';
import { tokenFor, type SharedCubeServer } from '../../support/cube-server';

/** Who a SQL API session is: the token's group and, for dashboards, its campuses. */
export interface SqlCaller {
  group: string;
  campus?: string[];
}

/** Opens a node-postgres session on the SQL API for `caller`, runs `run`, and closes it. */
export async function withSqlSession<T>(server: SharedCubeServer, caller: SqlCaller, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await openSqlSession(server, caller);
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A node-postgres session on the SQL API for `caller`; the caller ends it. */
export async function openSqlSession(server: SharedCubeServer, caller: SqlCaller): Promise<pg.Client> {
  const client = new pg.Client({
    host: '127.0.0.1', port: server.sqlPort, user: 'attacker', password: tokenFor(server, caller.group, caller.campus), database: 'db',
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** The answer of a statement, or its error: an attack may be refused or answered, never crash the test. */
export async function attempt(client: pg.Client, text: string, values?: unknown[]): Promise<{ rows: unknown[][]; fields: string[] } | { error: pg.DatabaseError }> {
  try {
    const result = await client.query({ text, values, rowMode: 'array' });
    // A multi-statement simple query answers an array of results; keep every row of every one.
    const results = Array.isArray(result) ? (result as pg.QueryArrayResult[]) : [result];
    return { rows: results.flatMap((r) => r.rows ?? []), fields: results.flatMap((r) => (r.fields ?? []).map((f) => f.name)) };
  } catch (error) {
    return { error: error as pg.DatabaseError };
  }
}
