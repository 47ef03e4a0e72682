/**
 * The role every statement from a client runs as in a catalog database. PGlite's own
 * session is a superuser; a statement that reached it as such could create objects,
 * change settings or shadow pg_catalog functions for the sessions that share it. As this
 * role it may read the catalog and its tables, and nothing else.
 */
export const SQL_USER_ROLE = 'sql_api_user';

/** Run once after the tables' DDL, as the superuser. */
export const SQL_USER_ROLE_DDL = `
CREATE ROLE ${SQL_USER_ROLE} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO ${SQL_USER_ROLE};
GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${SQL_USER_ROLE};
DO $$ BEGIN EXECUTE format('REVOKE CREATE, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database()); END $$;
REVOKE CREATE, TEMPORARY ON DATABASE template1 FROM PUBLIC;
REVOKE USAGE ON LANGUAGE plpgsql FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pg_catalog.set_config(text, text, boolean) FROM PUBLIC;
ALTER ROLE ${SQL_USER_ROLE} SET search_path = public;
`;

/**
 * Opens the transaction a client's statement runs in. PGlite's session user stays the
 * superuser, so a statement could still say RESET ROLE or SET search_path: the transaction
 * is always rolled back afterwards (ROLLBACK_AS_SQL_USER), which undoes both along with
 * anything else the statement changed. The search_path names only public (pg_catalog is
 * searched first when it is not named), which this role cannot write to.
 */
export const BEGIN_AS_SQL_USER = `BEGIN READ ONLY; SET LOCAL search_path = public; SET LOCAL ROLE ${SQL_USER_ROLE}`;

export const ROLLBACK_AS_SQL_USER = 'ROLLBACK';
