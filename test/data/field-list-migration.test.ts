import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knex from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wantedFieldColumns, type FieldColumns } from '../../src/db/field-columns';
import { fieldListMigration } from '../../src/db/field-list-migration';
import { knexConfig } from '../../src/db/knex-config';
import { migrateToLatest } from '../../src/db/migrate';
import { actualColumns, compareFieldColumns, describeDrift } from '../../src/db/schema-drift';
import { createScratchDatabase } from '../support/scratch-database';

// A field list with one field more (on users and in the snapshot) and one snapshot field fewer.
function changedFieldList(): FieldColumns[] {
  return wantedFieldColumns().map((wanted) => {
    const columns = new Map(wanted.columns);
    columns.set('shoe_size', 'text');
    if (wanted.table !== 'alma.users') columns.delete('job_title');
    return { ...wanted, columns };
  });
}

describe('a migration written from a field-list change', () => {
  let database: Awaited<ReturnType<typeof createScratchDatabase>>;
  // The generated file imports only knex's types, so it loads from anywhere.
  const folder = mkdtempSync(join(tmpdir(), 'migrate-make-'));
  beforeAll(async () => {
    database = await createScratchDatabase('migrate_make');
    await migrateToLatest(database.url);
  });
  afterAll(async () => {
    await database.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('brings the database to the changed field list, and its down back', async () => {
    const before = compareFieldColumns(await actualColumns(database.url), changedFieldList());
    expect(before.map(describeDrift)).toContain('alma.users.shoe_size is missing (the field list has it, as text)');
    expect(before.map(describeDrift)).toContain('alma.loans.job_title (text) is not in activity_snapshot');
    const file = join(folder, 'generated.ts');
    writeFileSync(file, fieldListMigration(before, before.map(describeDrift)));
    const migration = (await import(file)) as knex.Knex.Migration;
    const db = knex(knexConfig(database.url));
    try {
      await migration.up(db);
      expect(compareFieldColumns(await actualColumns(database.url), changedFieldList())).toEqual([]);
      await migration.down!(db);
      expect(compareFieldColumns(await actualColumns(database.url))).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
