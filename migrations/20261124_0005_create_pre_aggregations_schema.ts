import type { Knex } from 'knex';

// The schema Cube is configured to build rollups in (CUBEJS_PRE_AGGREGATIONS_SCHEMA), and the
// default the server gave it when this migration shipped, written out: a migration is history.
const schema = () => process.env.CUBEJS_PRE_AGGREGATIONS_SCHEMA ?? 'pre_aggregations';

/**
 * The schema Cube builds rollups in. Cube creates it on demand, but two rollups
 * built at once on a fresh database race on CREATE SCHEMA IF NOT EXISTS and one
 * fails (duplicate key in pg_namespace); created here, it is always there.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE SCHEMA IF NOT EXISTS ??', [schema()]);
}

/** Rollups are derived data: Cube rebuilds them after the next migration up. */
export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema()]);
}
