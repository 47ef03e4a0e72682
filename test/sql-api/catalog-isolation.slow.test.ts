import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogDatabase } from '../../src/sql-api/catalog/catalog-database';
import { SQL_USER_ROLE } from '../../src/sql-api/catalog/sql-user-role';

// The second line behind the statement splitter: whatever text reaches a catalog database,
// it runs as a role that can read the catalog and change nothing, in a transaction that is
// rolled back. Each statement below is what a smuggled statement could try.
const MARK = 'planted';
const ATTEMPTS = [
  `CREATE TABLE public.${MARK}_table (a int)`,
  `CREATE TEMP TABLE ${MARK}_temp (a int)`,
  `CREATE FUNCTION public.${MARK}_function() RETURNS int LANGUAGE sql AS 'SELECT 1'`,
  `CREATE FUNCTION pg_temp.${MARK}_temp_function() RETURNS int LANGUAGE sql AS 'SELECT 1'`,
  `CREATE FUNCTION public.jsonb_to_recordset(j jsonb) RETURNS SETOF record LANGUAGE sql AS 'SELECT NULL::record /* ${MARK}_shadow */'`,
  `DO $d$ BEGIN EXECUTE 'CREATE TABLE public.${MARK}_do (a int)'; END $d$`,
  `SELECT pg_catalog.set_config('search_path', '${MARK}_path, public', false)`,
  `SELECT pg_catalog.set_config('application_name', '${MARK}_setting', false)`,
  `SET search_path = ${MARK}_set, public`,
  `SET SESSION application_name = '${MARK}_session'`,
  `CREATE SCHEMA ${MARK}_schema`,
  `ALTER TABLE public.users ADD COLUMN ${MARK}_column text`,
  `COMMENT ON TABLE public.users IS '${MARK}_comment'`,
  `CREATE ROLE ${MARK}_role SUPERUSER`,
  `CREATE VIEW public.${MARK}_view AS SELECT 1`,
  `SELECT 1; CREATE TABLE public.${MARK}_second (a int)`,
  'RESET ROLE',
  'SET ROLE postgres',
  'SET SESSION AUTHORIZATION postgres',
  'COMMIT',
  `ALTER ROLE ${SQL_USER_ROLE} SET search_path = ${MARK}_alter_role`,
];

const TRACES = `
  SELECT 'relation ' || relname FROM pg_catalog.pg_class WHERE relname LIKE $1
  UNION ALL SELECT 'function ' || proname FROM pg_catalog.pg_proc WHERE proname LIKE $1 OR prosrc LIKE $1
  UNION ALL SELECT 'schema ' || nspname FROM pg_catalog.pg_namespace WHERE nspname LIKE $1
  UNION ALL SELECT 'column ' || attname FROM pg_catalog.pg_attribute WHERE attname LIKE $1
  UNION ALL SELECT 'role ' || rolname FROM pg_catalog.pg_roles WHERE rolname LIKE $1
  UNION ALL SELECT 'comment ' || description FROM pg_catalog.pg_description WHERE description LIKE $1
  UNION ALL SELECT 'setting ' || name || ' = ' || setting FROM pg_catalog.pg_settings WHERE setting LIKE $1
  UNION ALL SELECT 'role setting ' || array_to_string(setconfig, ',') FROM pg_catalog.pg_db_role_setting WHERE array_to_string(setconfig, ',') LIKE $1`;

let catalog: CatalogDatabase;

beforeAll(async () => {
  catalog = await CatalogDatabase.open('CREATE TABLE public.users (user_group text);');
}, 120_000);
afterAll(async () => {
  await catalog?.close();
});

describe('a statement in a catalog database', () => {
  it('runs as the restricted role, with public as the only schema of its search_path', async () => {
    const { rows } = await catalog.query("SELECT current_user, pg_catalog.current_setting('search_path'), pg_catalog.current_schema()");
    expect(rows).toEqual([[SQL_USER_ROLE, 'public', 'public']]);
  });

  it('reads the catalog and its tables', async () => {
    expect((await catalog.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'users'")).rows).toEqual([['user_group']]);
    expect((await catalog.query('SELECT count(*) FROM users')).rows).toEqual([['0']]);
  });

  it('may not create objects, run plpgsql, change a setting or its role', async () => {
    for (const text of ATTEMPTS) {
      const error = await catalog.query(text).then(() => null, (e: { code?: string; message: string }) => e);
      // Refused outright; a few (SET, RESET ROLE, COMMIT) are allowed but undone when the transaction rolls back.
      if (error) expect(error.code, `${text}: ${error.message}`).toMatch(/^(42501|25006|42601|0A000|42P01)$/);
      await catalog.describe(text).catch(() => undefined);
      const after = await catalog.query("SELECT current_user, pg_catalog.current_setting('search_path')");
      expect(after.rows, `after ${text}`).toEqual([[SQL_USER_ROLE, 'public']]);
    }
    expect((await catalog.query(TRACES, [`%${MARK}%`])).rows).toEqual([]);
    expect((await catalog.query(TRACES, ['%user_group%'])).rows).toEqual([['column user_group']]);
  });

  it('runs concurrent statements one at a time, each in its own rolled-back transaction as the role', async () => {
    // Interleaved, one statement's BEGIN would land in another's transaction and a third would run outside any.
    // PGlite happens to finish each request before the next message today; the worker's queue makes it a rule.
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2
      ? catalog.query(`CREATE TABLE public.${MARK}_concurrent_${i} (a int)`).then(() => 'created', () => 'refused')
      : catalog.query('SELECT current_user').then((r) => r.rows[0]![0]))));
    expect(new Set(answers)).toEqual(new Set([SQL_USER_ROLE, 'refused']));
    expect((await catalog.query(TRACES, [`%${MARK}%`])).rows).toEqual([]);
  });

  it('has no privilege to create anything anywhere', async () => {
    const { rows } = await catalog.query(`SELECT
      pg_catalog.has_schema_privilege('public', 'CREATE'),
      pg_catalog.has_database_privilege(pg_catalog.current_database(), 'CREATE'),
      pg_catalog.has_database_privilege(pg_catalog.current_database(), 'TEMPORARY'),
      pg_catalog.has_language_privilege('plpgsql', 'USAGE'),
      pg_catalog.has_function_privilege('pg_catalog.set_config(text, text, boolean)', 'EXECUTE'),
      pg_catalog.has_table_privilege('public.users', 'INSERT')`);
    expect(rows).toEqual([['f', 'f', 'f', 'f', 'f', 'f']]);
  });
});
