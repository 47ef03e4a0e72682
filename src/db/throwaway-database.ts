import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Runs `task` on a new, empty database on the server of `serverUrl`, dropped
 * afterwards whatever the outcome: for work that must not touch the project's data.
 */
export async function withThrowawayDatabase<T>(serverUrl: string, label: string, task: (url: string) => Promise<T>): Promise<T> {
  const name = `${label}_${randomBytes(4).toString('hex')}`;
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`"${label}" is not a plain database name`);
  const admin = async (sql: string) => {
    const client = new pg.Client(serverUrl);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`).catch((error: Error) => {
    throw new Error(`could not create a throwaway database (${error.message}): the role needs CREATEDB`);
  });
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return await task(url.toString());
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
