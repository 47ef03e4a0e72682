import knex from 'knex';
import { knexConfig } from './knex-config';
import { assertNoSchemaDrift } from './schema-drift';

async function withKnex<T>(connectionString: string, work: (db: knex.Knex) => Promise<T>): Promise<T> {
  const db = knex(knexConfig(connectionString));
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** Applies every pending migration, and nothing else. */
export async function applyPendingMigrations(connectionString: string): Promise<void> {
  await withKnex(connectionString, (db) => db.migrate.latest());
}

/** Applies pending migrations one by one up to and including `name` (for tests of old databases). */
export async function applyMigrationsUpTo(connectionString: string, name: string): Promise<void> {
  await withKnex(connectionString, async (db) => {
    const names = await pendingMigrations(connectionString);
    if (!names.includes(name)) throw new Error(`${name} is not a pending migration (pending: ${names.join(', ') || 'none'})`);
    for (const next of names.slice(0, names.indexOf(name) + 1)) await db.migrate.up({ name: next });
  });
}

/**
 * Applies every pending migration, then checks the result against the field
 * list and the snapshot fields: a config changed without a migration fails here,
 * naming each mismatch, rather than as a query error once Cube is serving.
 */
export async function migrateToLatest(connectionString: string): Promise<void> {
  await applyPendingMigrations(connectionString);
  await assertNoSchemaDrift(connectionString);
}

/** Undoes every applied migration, leaving no `alma` schema behind. */
export async function rollbackAll(connectionString: string): Promise<void> {
  await withKnex(connectionString, (db) => db.migrate.rollback(undefined, true));
}

/** Names of the migrations not yet applied, oldest first. */
export async function pendingMigrations(connectionString: string): Promise<string[]> {
  return withKnex(connectionString, async (db) => {
    const [, pending] = (await db.migrate.list()) as [unknown, Array<{ name: string }>];
    return pending.map((entry) => entry.name);
  });
}

/** Names of the migrations applied so far, oldest first. */
export async function appliedMigrations(connectionString: string): Promise<string[]> {
  return withKnex(connectionString, async (db) => {
    const [completed] = (await db.migrate.list()) as [Array<{ name: string }>, unknown];
    return completed.map((entry) => entry.name);
  });
}
