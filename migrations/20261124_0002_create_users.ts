import type { Knex } from 'knex';

// A migration is history: these are the columns of model/user-details-fields.tsv as
// they were when this migration shipped, written out so that a later change of the
// field list cannot change what this migration creates. A changed field is a new
// migration (npm run migrate:make -- --from-field-list writes it).
const COLUMNS: readonly (readonly [name: string, type: 'text' | 'date' | 'timestamptz' | 'boolean'])[] = [
  ['user_id', 'text'],
  ['primary_identifier', 'text'],
  ['user_title', 'text'],
  ['user_type', 'text'],
  ['user_group', 'text'],
  ['user_record_type', 'text'],
  ['first_name', 'text'],
  ['full_name', 'text'],
  ['last_name', 'text'],
  ['middle_name', 'text'],
  ['preferred_first_name', 'text'],
  ['preferred_last_name', 'text'],
  ['preferred_middle_name', 'text'],
  ['job_description', 'text'],
  ['job_title', 'text'],
  ['gender', 'text'],
  ['birth_date', 'date'],
  ['campus_code', 'text'],
  ['status_date', 'date'],
  ['status', 'text'],
  ['creation_date', 'timestamptz'],
  ['last_activity_date', 'timestamptz'],
  ['modified_by', 'text'],
  ['modification_date', 'timestamptz'],
  ['expiry_date', 'date'],
  ['purge_date', 'date'],
  ['default_language', 'text'],
  ['creator', 'text'],
  ['external_id', 'text'],
  ['identifier_1', 'text'],
  ['identifier_2', 'text'],
  ['statistical_category_1', 'text'],
  ['statistical_category_2', 'text'],
  ['statistical_category_3', 'text'],
  ['statistical_category_4', 'text'],
  ['statistical_category_5', 'text'],
  ['statistical_category_6', 'text'],
  ['statistical_category_7', 'text'],
  ['statistical_category_8', 'text'],
  ['statistical_category_9', 'text'],
  ['statistical_category_10', 'text'],
  ['resource_sharing_library_code', 'text'],
  ['resource_sharing_library', 'text'],
  ['cataloger_level', 'text'],
  ['has_role_other_than_patron', 'boolean'],
  ['has_role_other_than_patron_and_instructor', 'boolean'],
  ['is_blocked', 'boolean'],
  ['patron_letters_opt_in', 'text'],
  ['patron_letters_opt_out', 'text'],
  ['linked_from_other_institution', 'boolean'],
  ['linked_from_institution_code', 'text'],
  ['linked_from_institution_name', 'text'],
  ['linked_to_other_institution', 'boolean'],
  ['user_group_code', 'text'],
];

// Values Alma takes from a closed set; the table checks them.
const CLOSED_SETS: Readonly<Record<string, readonly string[]>> = {
  user_type: ['Internal', 'External'],
  user_record_type: ['Public', 'Staff'],
  status: ['Active', 'Inactive'],
};

// Columns for the joins and filters of the model.
const INDEXED = ['user_group_code', 'campus_code', 'status', 'expiry_date', 'creation_date', 'last_activity_date'];

/** alma.users: one column per User Details field, named by its suggested member. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.withSchema('alma').createTable('users', (table) => {
    for (const [name, type] of COLUMNS) {
      const column = table.specificType(name, type);
      const closedSet = CLOSED_SETS[name];
      if (closedSet) column.checkIn([...closedSet], `users_${name}_check`);
      if (name === 'user_id') column.primary();
      if (name === 'primary_identifier') column.notNullable().unique();
    }
    for (const name of INDEXED) table.index([name], `users_${name}_idx`);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.withSchema('alma').dropTable('users');
}
