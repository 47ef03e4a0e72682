import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate';
import { seedDatabase } from '../../src/seed/seed-database';
import { createScratchDatabase } from '../support/scratch-database';
import { queryRows } from '../support/query-rows';

type Scratch = Awaited<ReturnType<typeof createScratchDatabase>>;

const keysOf = (url: string) =>
  queryRows<{ user_id: string; record_key: number }>(url, 'SELECT user_id, record_key FROM alma.users ORDER BY user_id');

describe('record key of alma.users', () => {
  let first: Scratch;
  let second: Scratch;

  beforeAll(async () => {
    [first, second] = await Promise.all([createScratchDatabase('record_key_a'), createScratchDatabase('record_key_b')]);
    for (const database of [first, second]) {
      await migrateToLatest(database.url);
      await seedDatabase(database.url, { users: 1_000, seed: '7', asOf: '2026-11-24', whenNotEmpty: 'refuse', log: () => undefined });
    }
  });
  afterAll(async () => {
    await Promise.all([first?.drop(), second?.drop()]);
  });

  it('is the same for every user when the same seed runs twice', async () => {
    const [a, b] = await Promise.all([keysOf(first.url), keysOf(second.url)]);
    expect(a).toHaveLength(1_000);
    expect(b).toEqual(a);
  });

  it('spreads evenly over [0, 1): about a tenth of the users in each tenth, all different', async () => {
    const keys = (await keysOf(first.url)).map((row) => row.record_key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(Math.min(...keys)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...keys)).toBeLessThan(1);
    const tenths = Array.from({ length: 10 }, (_, i) => keys.filter((key) => Math.floor(key * 10) === i).length);
    // 1,000 uniform draws: each tenth holds 100 give or take 3 standard deviations (about 28).
    for (const count of tenths) {
      expect(count).toBeGreaterThan(100 - 30);
      expect(count).toBeLessThan(100 + 30);
    }
  });

  it('is given to users added later by the default, and the column refuses values outside [0, 1)', async () => {
    await queryRows(first.url, `INSERT INTO alma.users (user_id, primary_identifier) VALUES ('later-1', 'later-1'), ('later-2', 'later-2')`);
    const later = await queryRows<{ record_key: number }>(first.url, `SELECT record_key FROM alma.users WHERE user_id LIKE 'later-%'`);
    expect(later).toHaveLength(2);
    for (const row of later) expect(row.record_key >= 0 && row.record_key < 1).toBe(true);
    expect(later[0]!.record_key).not.toBe(later[1]!.record_key);
    await expect(queryRows(first.url, `UPDATE alma.users SET record_key = 1 WHERE user_id = 'later-1'`)).rejects.toThrow(/users_record_key_check/);
  });

  it('fills the users a database already had when the migration is applied to them', async () => {
    const [row] = await queryRows<{ keys: string; users: string }>(second.url,
      'SELECT count(DISTINCT record_key) AS keys, count(*) AS users FROM alma.users');
    expect(row!.keys).toBe(row!.users);
    // Back to the schema before the migration, with the users still there.
    await queryRows(second.url, `
      ALTER TABLE alma.users DROP COLUMN record_key;
      DELETE FROM knex_migrations WHERE name = '20261130_0006_add_users_record_key'`);
    await migrateToLatest(second.url);
    const keys = (await keysOf(second.url)).map((key) => key.record_key);
    expect(keys).toHaveLength(1_000);
    expect(new Set(keys).size).toBe(1_000);
    expect(keys.every((key) => key >= 0 && key < 1)).toBe(true);
  });
});
