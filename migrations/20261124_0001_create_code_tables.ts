import type { Knex } from 'knex';

// Code tables Alma draws user values from: (code, name) each, plus the
// statistical category values, which are per category.
const CODE_TABLES = [
  'user_groups',
  'job_categories',
  'genders',
  'campuses',
  'languages',
  'resource_sharing_libraries',
  'institutions',
  'patron_letters',
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createSchema('alma');
  for (const name of CODE_TABLES) {
    await knex.schema.withSchema('alma').createTable(name, (table) => {
      table.text('code').primary();
      table.text('name').notNullable();
    });
  }
  await knex.schema.withSchema('alma').createTable('statistical_category_values', (table) => {
    table.smallint('category').notNullable().checkBetween([1, 10], 'statistical_category_values_category_check');
    table.text('code').notNullable();
    table.text('description').notNullable();
    table.primary(['category', 'code']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.withSchema('alma').dropTable('statistical_category_values');
  for (const name of [...CODE_TABLES].reverse()) await knex.schema.withSchema('alma').dropTable(name);
  // Not CASCADE: anything someone else put in the schema should stop the rollback, not vanish with it.
  await knex.schema.dropSchema('alma');
}
