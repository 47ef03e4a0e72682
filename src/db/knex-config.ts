import type { Knex } from 'knex';
import { migrationSource } from './migration-source';

/**
 * Knex configuration for the database at `connectionString`. Migrations come
 * from a static list (migration-source.ts) rather than a folder scan, so they
 * load the same under tsx, vitest and plain Node.
 */
export function knexConfig(connectionString: string): Knex.Config {
  return {
    client: 'pg',
    connection: connectionString,
    pool: { min: 0, max: 2 },
    migrations: { migrationSource, tableName: 'knex_migrations' },
  };
}
