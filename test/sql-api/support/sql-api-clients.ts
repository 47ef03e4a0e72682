import pg from 'pg';
import type { SharedCubeServer } from '../../support/cube-server';
import { restCall } from '../../support/rest-client';

/** A node-postgres client on the SQL API port, logged in with a token as password. */
export async function sqlApiClient(server: Pick<SharedCubeServer, 'sqlPort'>, token: string, user = 'analyst-tool'): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port: server.sqlPort, user, password: token, database: 'db' });
  await client.connect();
  return client;
}

/** Runs `run` on a SQL API session of its own, logged in with `token`, and closes it whatever happens. */
export async function withSqlApiSession<T>(server: SharedCubeServer, token: string, run: (client: pg.Client) => Promise<T>, user = 'attacker'): Promise<T> {
  const client = await sqlApiClient(server, token, user);
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** The error a statement fails with, or undefined when it is answered. */
export function failureOf(client: pg.Client, text: string, values?: unknown[]): Promise<pg.DatabaseError | undefined> {
  return client.query(text, values).then(() => undefined, (error: pg.DatabaseError) => error);
}

/** Cube's REST /load answer for a query (rows keyed by member). */
export async function restLoad(server: SharedCubeServer, token: string, query: object): Promise<Record<string, unknown>[]> {
  const answer = await restCall(`${server.api}/load?query=${encodeURIComponent(JSON.stringify(query))}`, token);
  if (answer.status !== 200 || !answer.body.data) throw new Error(`REST /load failed: ${answer.text}`);
  return answer.body.data;
}

/** A value as text the way both APIs can be compared: times without the ISO 'T' and trailing zeros. */
export function comparable(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = value instanceof Date ? value.toISOString() : String(value);
  const time = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?Z?$/.exec(text);
  return time ? `${time[1]} ${time[2]}` : text;
}

/** REST rows as arrays of comparable values, in the order of `members`. */
export function restRows(rows: Record<string, unknown>[], members: string[]): (string | null)[][] {
  return rows.map((row) => members.map((m) => comparable(row[m])));
}

/** SQL rows (node-postgres, rowMode array) as comparable values. */
export function sqlRows(rows: unknown[][]): (string | null)[][] {
  return rows.map((row) => row.map(comparable));
}
