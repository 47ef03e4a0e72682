import type { Knex } from 'knex';
import { USER_CLOSED_SETS, userColumnType } from '../src/db/user-columns';
import { userDetailsFields } from '../src/user-details/user-details-fields';

// Columns for the joins and filters of the model.
const INDEXED = ['user_group_code', 'campus_code', 'status', 'expiry_date', 'creation_date', 'last_activity_date'];

/** alma.users: one column per field of model/user-details-fields.tsv, named by its suggested member. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.withSchema('alma').createTable('users', (table) => {
    for (const field of userDetailsFields()) {
      const column = table.specificType(field.member, userColumnType(field));
      const closedSet = USER_CLOSED_SETS[field.member];
      if (closedSet) column.checkIn([...closedSet], `users_${field.member}_check`);
      if (field.member === 'user_id') column.primary();
      if (field.member === 'primary_identifier') column.notNullable().unique();
    }
    for (const member of INDEXED) table.index([member], `users_${member}_idx`);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.withSchema('alma').dropTable('users');
}
