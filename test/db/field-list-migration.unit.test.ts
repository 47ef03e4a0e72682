import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldListMigration, nextMigrationName, withMigrationRegistered } from '../../src/db/field-list-migration';
import type { Drift } from '../../src/db/schema-drift';

const DRIFTS: Drift[] = [
  { kind: 'missing-column', table: 'alma.users', column: 'shoe_size', type: 'text', source: 'the field list' },
  { kind: 'wrong-type', table: 'alma.users', column: 'status_date', type: 'date', actual: 'text', source: 'the field list' },
  { kind: 'extra-column', table: 'alma.loans', column: 'gender', actual: 'text', source: 'activity_snapshot' },
];

describe('npm run migrate:make -- --from-field-list', () => {
  it('writes literal SQL for each change, and a down in reverse order', () => {
    const text = fieldListMigration(DRIFTS, ['why']);
    expect(text).toContain('await knex.raw("ALTER TABLE alma.users ADD COLUMN shoe_size text");');
    expect(text).toContain('await knex.raw("ALTER TABLE alma.users ALTER COLUMN status_date TYPE date USING status_date::date");');
    expect(text).toContain('await knex.raw("ALTER TABLE alma.loans DROP COLUMN gender");');
    const down = text.slice(text.indexOf('export async function down'));
    expect(down.indexOf('ADD COLUMN gender text')).toBeLessThan(down.indexOf('DROP COLUMN shoe_size'));
    expect(text).not.toMatch(/from '\.\.\/src/);
  });

  it('refuses names that are not plain identifiers and tables it cannot write', () => {
    expect(() => fieldListMigration([{ ...DRIFTS[0]!, column: 'x; DROP TABLE alma.users' } as Drift], [])).toThrow('not a plain table and column name');
    expect(() => fieldListMigration([{ kind: 'missing-table', table: 'alma.loans' }], [])).toThrow('write by hand');
    expect(() => fieldListMigration([], [])).toThrow('no drift');
  });

  it('names the next migration by date, number and change', () => {
    const existing = ['20261124_0001_create_code_tables', '20261130_0006_add_users_record_key'];
    expect(nextMigrationName(existing, [DRIFTS[0]!], new Date('2026-12-01T10:00:00Z'))).toBe('20261201_0007_add_users_shoe_size');
    expect(nextMigrationName(existing, DRIFTS, new Date('2026-12-01T10:00:00Z'))).toBe('20261201_0007_follow_the_field_list');
  });

  it('lists the new migration last in migration-source.ts', () => {
    const source = readFileSync(join(__dirname, '..', '..', 'src', 'db', 'migration-source.ts'), 'utf8');
    const updated = withMigrationRegistered(source, '20261201_0099_add_users_shoe_size');
    expect(updated).toContain("import * as addUsersShoeSize from '../../migrations/20261201_0099_add_users_shoe_size';\n");
    expect(updated).toMatch(/\{ name: '20261201_0099_add_users_shoe_size', migration: addUsersShoeSize \},\n\];/);
    expect(updated.length - source.length).toBe(
      "import * as addUsersShoeSize from '../../migrations/20261201_0099_add_users_shoe_size';\n".length
      + "\n  { name: '20261201_0099_add_users_shoe_size', migration: addUsersShoeSize },".length);
  });
});
