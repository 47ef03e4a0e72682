import type { Knex } from 'knex';
import { ACTIVITY_TYPES } from '../src/privacy/privacy-config';

/** One audit row per anonymization run; counts grow batch by batch, in the batch's own transaction. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.withSchema('alma').createTable('anonymization_runs', (table) => {
    table.bigIncrements('id').primary();
    table.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.date('as_of').notNullable();
    for (const type of ACTIVITY_TYPES) table.bigInteger(`${type}_anonymized`).notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.withSchema('alma').dropTable('anonymization_runs');
}
