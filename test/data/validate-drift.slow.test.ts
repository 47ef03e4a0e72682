import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate';
import { createScratchDatabase } from '../support/scratch-database';

const ROOT = join(__dirname, '..', '..');

async function validate(databaseUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/validate.ts'], {
    cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl },
  }).then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }), (error: { code: number; stdout: string; stderr: string }) => error);
}

describe('npm run validate on a database', () => {
  let database: Awaited<ReturnType<typeof createScratchDatabase>>;
  beforeAll(async () => {
    database = await createScratchDatabase('validate_drift');
    await migrateToLatest(database.url);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('passes when the database matches the field list, and names each mismatch when not', async () => {
    const clean = await validate(database.url);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain('The database matches the field list and the snapshot fields.');

    const client = new pg.Client(database.url);
    await client.connect();
    await client.query('ALTER TABLE alma.users DROP COLUMN cataloger_level; ALTER TABLE alma.loans ADD COLUMN gender text');
    await client.end();
    const drifted = await validate(database.url);
    expect(drifted.code).toBe(1);
    expect(drifted.stderr).toContain('drift: alma.users.cataloger_level is missing (the field list has it, as text)');
    expect(drifted.stderr).toContain('drift: alma.loans.gender (text) is not in activity_snapshot');
    expect(drifted.stderr).toContain('npm run migrate:make -- --from-field-list');
  });
});
