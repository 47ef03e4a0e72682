import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { restLoad } from './support/sql-api-clients';

// Superset reaches databases through SQLAlchemy and psycopg2 (Debian: python3-sqlalchemy, python3-psycopg2).
const server = sharedCubeServer();
const PYTHON = '/usr/bin/python3';
const run = promisify(execFile);

function hasModules(): boolean {
  if (!existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ['-c', 'import sqlalchemy, psycopg2'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function probe(group: string) {
  const { stdout } = await run(PYTHON, [join(__dirname, 'python', 'sqlalchemy_probe.py'), String(server.sqlPort), tokenFor(server, group)]);
  return JSON.parse(stdout) as { tables: string[]; views: string[]; columns: { name: string; type: string }[]; rows: [string, number][] };
}

describe.skipIf(!hasModules())('the SQL API through SQLAlchemy and psycopg2 (Superset)', () => {
  it('reflects tables and columns, runs a GROUP BY like REST, and never shows an analyst an identifying column', async () => {
    const result = await probe('analyst');
    expect(result.tables).toEqual(expect.arrayContaining(['users', 'fulfillment', 'fines_and_fees', 'resource_sharing']));
    const names = result.columns.map((c) => c.name);
    expect(names).toContain('user_group');
    expect(result.columns.find((c) => c.name === 'creation_date')?.type).toBe('TIMESTAMP');
    for (const hidden of ['primary_identifier', 'full_name', 'email', 'first_name', 'last_name', 'user_id']) expect(names).not.toContain(hidden);
    const rest = await restLoad(server, tokenFor(server, 'analyst'), {
      dimensions: ['users.user_group'], measures: ['users.count'],
      filters: [{ member: 'users.status', operator: 'equals', values: ['Active'] }], order: [['users.user_group', 'asc']],
    });
    expect(rest.length).toBeGreaterThan(0);
    expect(result.rows).toEqual(rest.map((r) => [r['users.user_group'], Number(r['users.count'])]));
  });
});
