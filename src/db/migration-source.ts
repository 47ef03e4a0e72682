import type { Knex } from 'knex';
import * as createCodeTables from '../../migrations/20261124_0001_create_code_tables';
import * as createUsers from '../../migrations/20261124_0002_create_users';
import * as createActivityTables from '../../migrations/20261124_0003_create_activity_tables';
import * as createAnonymizationRuns from '../../migrations/20261124_0004_create_anonymization_runs';
import * as createPreAggregationsSchema from '../../migrations/20261124_0005_create_pre_aggregations_schema';
import * as addUsersRecordKey from '../../migrations/20261130_0006_add_users_record_key';

interface NamedMigration {
  readonly name: string;
  readonly migration: Knex.Migration;
}

/** Every migration in migrations/, in order; a test checks the folder and this list agree. */
export const MIGRATIONS: readonly NamedMigration[] = [
  { name: '20261124_0001_create_code_tables', migration: createCodeTables },
  { name: '20261124_0002_create_users', migration: createUsers },
  { name: '20261124_0003_create_activity_tables', migration: createActivityTables },
  { name: '20261124_0004_create_anonymization_runs', migration: createAnonymizationRuns },
  { name: '20261124_0005_create_pre_aggregations_schema', migration: createPreAggregationsSchema },
  { name: '20261130_0006_add_users_record_key', migration: addUsersRecordKey },
];

export const migrationSource: Knex.MigrationSource<NamedMigration> = {
  getMigrations: async () => [...MIGRATIONS],
  getMigrationName: (entry) => entry.name,
  getMigration: async (entry) => entry.migration,
};
