import type { Knex } from 'knex';

/**
 * alma.users.record_key: each person's fixed random number in [0, 1) for the
 * cell key method (a cell's key is the sum of its people's keys modulo 1).
 * random() as the default fills the rows already there, each with its own
 * value (a volatile default is evaluated per row), and every new row; the seed
 * writes its own reproducible keys.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE alma.users ADD COLUMN record_key double precision NOT NULL DEFAULT random()');
  await knex.raw('ALTER TABLE alma.users ADD CONSTRAINT users_record_key_check CHECK (record_key >= 0 AND record_key < 1)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE alma.users DROP COLUMN record_key');
}
