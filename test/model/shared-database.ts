import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { sharedCubeServer } from '../support/cube-server';

/**
 * For a suite comparing Cube's answers with direct SQL: a connection to the
 * shared server's database, open for the suite, and the campus codes in it.
 */
export function sharedDatabaseForSuite(): { readonly db: pg.Client; readonly campuses: string[] } {
  const suite = { db: new pg.Client(sharedCubeServer().databaseUrl), campuses: [] as string[] };
  beforeAll(async () => {
    await suite.db.connect();
    const { rows } = await suite.db.query('SELECT DISTINCT campus_code FROM alma.users WHERE campus_code IS NOT NULL ORDER BY 1');
    suite.campuses.push(...rows.map((row) => row.campus_code as string));
  });
  afterAll(async () => {
    await suite.db.end();
  });
  return suite;
}
