import type { Knex } from 'knex';

// A migration is history: the activity tables there were when it shipped.
const ACTIVITY_TABLES = ['loans', 'fines_fees', 'borrowing_requests'];

/** One audit row per anonymization run; counts grow batch by batch, in the batch's own transaction. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.withSchema('alma').createTable('anonymization_runs', (table) => {
    table.bigIncrements('id').primary();
    table.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.date('as_of').notNullable();
    for (const type of ACTIVITY_TABLES) table.bigInteger(`${type}_anonymized`).notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.withSchema('alma').dropTable('anonymization_runs');
}
