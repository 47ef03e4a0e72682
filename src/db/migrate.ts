import knex from 'knex';
import { knexConfig } from './knex-config';

async function withKnex<T>(connectionString: string, work: (db: knex.Knex) => Promise<T>): Promise<T> {
  const db = knex(knexConfig(connectionString));
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** Applies every pending migration. */
export async function migrateToLatest(connectionString: string): Promise<void> {
  await withKnex(connectionString, (db) => db.migrate.latest());
}

/** Undoes every applied migration, leaving no `alma` schema behind. */
export async function rollbackAll(connectionString: string): Promise<void> {
  await withKnex(connectionString, (db) => db.migrate.rollback(undefined, true));
}

/** Names of the migrations applied so far, oldest first. */
export async function appliedMigrations(connectionString: string): Promise<string[]> {
  return withKnex(connectionString, async (db) => {
    const [completed] = (await db.migrate.list()) as [Array<{ name: string }>, unknown];
    return completed.map((entry) => entry.name);
  });
}
