import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/db/migration-source';
import { appliedMigrations, migrateToLatest, rollbackAll } from '../../src/db/migrate';
import { schemaDrift } from '../../src/db/schema-drift';
import { createScratchDatabase } from '../support/scratch-database';

async function columnsOf(url: string, table: string): Promise<Map<string, string>> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const result = await client.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'alma' AND table_name = $1`, [table]);
    return new Map(result.rows.map((row) => [row.column_name, row.data_type]));
  } finally {
    await client.end();
  }
}

async function almaTables(url: string): Promise<string[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const result = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'alma' ORDER BY 1`);
    return result.rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  let database: Awaited<ReturnType<typeof createScratchDatabase>>;
  beforeAll(async () => {
    database = await createScratchDatabase('migrations');
  });
  afterAll(async () => {
    await database.drop();
  });

  it('list every file of migrations/, in order', () => {
    const files = readdirSync(join(__dirname, '..', '..', 'migrations')).filter((file) => file.endsWith('.ts')).sort();
    expect(MIGRATIONS.map((entry) => `${entry.name}.ts`)).toEqual(files);
  });

  it('go up, all the way down, and up again', async () => {
    await migrateToLatest(database.url);
    expect(await appliedMigrations(database.url)).toEqual(MIGRATIONS.map((entry) => entry.name));
    const tables = await almaTables(database.url);
    expect(tables).toEqual(expect.arrayContaining(['users', 'loans', 'fines_fees', 'borrowing_requests', 'anonymization_runs',
      'user_groups', 'campuses', 'statistical_category_values', 'institutions', 'resource_sharing_libraries']));

    await rollbackAll(database.url);
    expect(await appliedMigrations(database.url)).toEqual([]);
    expect(await almaTables(database.url)).toEqual([]);

    await migrateToLatest(database.url);
    expect(await almaTables(database.url)).toEqual(tables);
  });

  it('leave no drift from the field list and the snapshot fields', async () => {
    await migrateToLatest(database.url);
    expect(await schemaDrift(database.url)).toEqual([]);
  });

  it('give every activity table the user link', async () => {
    await migrateToLatest(database.url);
    for (const table of ['loans', 'fines_fees', 'borrowing_requests']) {
      const columns = await columnsOf(database.url, table);
      expect(columns.get('user_id'), table).toBe('text');
      expect(columns.get('anonymized_at'), table).toBe('timestamp with time zone');
    }
  });

  it('refuse values outside the closed sets', async () => {
    await migrateToLatest(database.url);
    const client = new pg.Client(database.url);
    await client.connect();
    try {
      await expect(client.query(`INSERT INTO alma.users (user_id, primary_identifier, user_type) VALUES ('1', 'p1', 'Visitor')`))
        .rejects.toThrow(/users_user_type_check/);
      await client.query(`INSERT INTO alma.users (user_id, primary_identifier, status) VALUES ('1', 'p1', 'Active')`);
      await expect(client.query(`INSERT INTO alma.users (user_id, primary_identifier) VALUES ('2', 'p1')`)).rejects.toThrow(/unique/);
    } finally {
      await client.end();
    }
  });
});
