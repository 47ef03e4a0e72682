import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/db/migration-source';
import { applyMigrationsUpTo, migrateToLatest } from '../../src/db/migrate';
import { SchemaDriftError } from '../../src/db/schema-drift';
import { createScratchDatabase } from '../support/scratch-database';
import { schemaShape } from '../support/schema-shape';

type Scratch = Awaited<ReturnType<typeof createScratchDatabase>>;
const scratches: Scratch[] = [];
async function scratch(label: string): Promise<Scratch> {
  const database = await createScratchDatabase(label);
  scratches.push(database);
  return database;
}
afterAll(async () => {
  await Promise.all(scratches.map((database) => database.drop()));
});

async function run(url: string, sql: string): Promise<void> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// Databases migrated long ago must end where a fresh one does: same columns, types, defaults,
// constraints and indexes, whichever migration they stopped at.
describe('a database migrated in the past', () => {
  let fresh: string[];

  it.each(['20261124_0001_create_code_tables', '20261124_0003_create_activity_tables'])(
    'left at %s migrates to the schema of a fresh database', async (stoppedAt) => {
      fresh ??= await (async () => {
        const database = await scratch('history_fresh');
        await migrateToLatest(database.url);
        return schemaShape(database.url, ['alma']);
      })();
      const old = await scratch('history_old');
      await applyMigrationsUpTo(old.url, stoppedAt);
      // Rows already there must not stop the later migrations (record_key's default fills them).
      if (stoppedAt.includes('0003')) {
        await run(old.url, `INSERT INTO alma.users (user_id, primary_identifier, user_group) VALUES ('u1', 'p1', 'Staff');
          INSERT INTO alma.loans (id, user_id, user_group, loan_date, due_date, loan_status, library_code, in_house, renewals)
          VALUES (1, 'u1', 'Staff', now(), now(), 'Active', 'MAIN', false, 0)`);
      }
      await migrateToLatest(old.url);
      expect(await schemaShape(old.url, ['alma'])).toEqual(fresh);
    });

  it('lists every migration it applied, in order', async () => {
    const database = await scratch('history_list');
    await applyMigrationsUpTo(database.url, MIGRATIONS[1]!.name);
    await migrateToLatest(database.url);
    const client = new pg.Client(database.url);
    await client.connect();
    const { rows } = await client.query<{ name: string }>('SELECT name FROM knex_migrations ORDER BY id');
    await client.end();
    expect(rows.map((row) => row.name)).toEqual(MIGRATIONS.map((entry) => entry.name));
  });
});

describe('the drift check after migrating', () => {
  it('names every column that no longer matches the field list or the snapshot fields', async () => {
    const database = await scratch('drift');
    await migrateToLatest(database.url);
    await run(database.url, `ALTER TABLE alma.users DROP COLUMN cataloger_level;
      ALTER TABLE alma.users ALTER COLUMN status_date TYPE text;
      ALTER TABLE alma.loans DROP COLUMN campus_code;
      ALTER TABLE alma.fines_fees ADD COLUMN gender text`);
    const failure = await migrateToLatest(database.url).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SchemaDriftError);
    expect((failure as SchemaDriftError).drifts).toEqual([
      'alma.users.status_date is text, the field list wants date',
      'alma.users.cataloger_level is missing (the field list has it, as text)',
      'alma.loans.campus_code is missing (activity_snapshot has it, as text)',
      'alma.fines_fees.gender (text) is not in activity_snapshot',
    ]);
    expect((failure as Error).message).toContain('npm run migrate:make -- --from-field-list');
  });
});
