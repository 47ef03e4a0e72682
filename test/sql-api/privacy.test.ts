import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { treatmentOf } from '../../src/privacy/privacy-config';
import { userDetailsFields } from '../../src/user-details/user-details-fields';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { sqlApiClient } from './support/sql-api-clients';

// An analyst token must never see a member its access policy hides, through any path
// of the SQL API: SELECT *, an explicit column, WHERE, information_schema, pg_catalog, errors.
const server = sharedCubeServer();
const hidden = userDetailsFields().filter((f) => treatmentOf(f, 'analyst') === 'hidden').map((f) => f.member);

async function asAnalyst<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await sqlApiClient(server, tokenFor(server, 'analyst'));
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

describe('the SQL API for an analyst', () => {
  it('has identifying fields to hide (the privacy config is what this suite checks)', () => {
    expect(hidden).toContain('primary_identifier');
    expect(hidden).toContain('first_name');
  });

  it('returns no hidden column from SELECT * on any view', async () => {
    const names = await asAnalyst(async (client) => {
      const tables = await client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
      const all: string[] = [];
      for (const { table_name: table } of tables.rows) {
        const result = await client.query(`SELECT * FROM ${table} LIMIT 1`);
        all.push(...result.fields.map((f) => f.name));
      }
      return all;
    });
    expect(names.length).toBeGreaterThan(0);
    for (const member of hidden) expect(names).not.toContain(member);
  });

  it('lists no hidden column in information_schema or pg_catalog', async () => {
    const [schemaColumns, catalogColumns] = await asAnalyst(async (client) => [
      (await client.query("SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'")).rows.map((r) => r.column_name),
      (await client.query("SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND a.attnum > 0")).rows.map((r) => r.attname),
    ]);
    expect(schemaColumns).toContain('user_group');
    for (const member of hidden) {
      expect(schemaColumns).not.toContain(member);
      expect(catalogColumns).not.toContain(member);
    }
  });

  it.each([
    ['an explicit column', 'SELECT primary_identifier FROM users'],
    ['a WHERE condition', "SELECT COUNT(*) FROM users WHERE first_name = 'Ada'"],
    ['an ORDER BY', 'SELECT user_group FROM users GROUP BY 1 ORDER BY last_name'],
    ['a qualified column in a subquery', 'SELECT t.x FROM (SELECT users.full_name AS x FROM users) t'],
  ])('answers %s naming a hidden member as if it did not exist (42703)', async (_label, text) => {
    const error = await asAnalyst((client) => client.query(text).then(() => null, (e: pg.DatabaseError) => e));
    expect(error?.code).toBe('42703');
  });

  it('gives an admin the identifying columns the analyst cannot see', async () => {
    const client = await sqlApiClient(server, tokenFor(server, 'admin'));
    const result = await client.query('SELECT primary_identifier FROM users LIMIT 1');
    await client.end();
    expect(result.fields.map((f) => f.name)).toEqual(['primary_identifier']);
  });
});
