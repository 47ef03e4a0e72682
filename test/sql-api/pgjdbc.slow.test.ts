import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { restLoad } from './support/sql-api-clients';

// PgJDBC (Debian's libpostgresql-jdbc-java) is what Tableau, Metabase and DBeaver use.
const server = sharedCubeServer();
const run = promisify(execFile);
const DRIVER = '/usr/share/java/postgresql.jar';
let classes = '';

async function probe(group: string, status: string): Promise<string[][]> {
  const url = `jdbc:postgresql://127.0.0.1:${server.sqlPort}/db?sslmode=disable`;
  const { stdout } = await run('java', ['-Duser.timezone=UTC', '-cp', `${classes}:${DRIVER}`, 'SqlApiProbe', url, 'tableau', tokenFor(server, group), status]);
  return stdout.trim().split('\n').map((line) => line.split('|'));
}

describe.skipIf(!existsSync(DRIVER))('the SQL API through PgJDBC', () => {
  beforeAll(async () => {
    classes = mkdtempSync(join(tmpdir(), 'sql-api-jdbc-'));
    await run('javac', ['-d', classes, join(__dirname, 'jdbc', 'SqlApiProbe.java')]);
  }, 120_000);
  afterAll(() => rmSync(classes, { recursive: true, force: true }));

  it('lists tables and columns with DatabaseMetaData and runs a prepared query like REST', async () => {
    const lines = await probe('analyst', 'Active');
    expect(lines.filter((l) => l[0] === 'table').map((l) => l[1])).toEqual(expect.arrayContaining(['users', 'fulfillment', 'fines_and_fees', 'resource_sharing']));
    const columns = lines.filter((l) => l[0] === 'column').map((l) => l[1]);
    expect(columns).toContain('user_group');
    expect(columns).not.toContain('primary_identifier');
    const rest = await restLoad(server, tokenFor(server, 'analyst'), {
      dimensions: ['users.user_group'], measures: ['users.count'],
      filters: [{ member: 'users.status', operator: 'equals', values: ['Active'] }], order: [['users.user_group', 'asc']],
    });
    const expected = rest.map((r) => [String(r['users.user_group']), String(r['users.count'])]);
    expect(expected.length).toBeGreaterThan(0);
    expect(lines.filter((l) => l[0] === 'row0').map((l) => l.slice(1))).toEqual(expected);
    expect(lines.filter((l) => l[0] === 'row1').map((l) => l.slice(1))).toEqual(expected);
  });

  it('answers a prepared statement run ten times (binary results after prepareThreshold) like REST', async () => {
    const lines = await probe('admin', 'Active');
    const rest = await restLoad(server, tokenFor(server, 'admin'), {
      measures: ['fines_and_fees.num_of_fines_fees', 'fines_and_fees.original_amount'],
      dimensions: ['fines_and_fees.is_anonymized'],
      timeDimensions: [{ dimension: 'fines_and_fees.created_at', granularity: 'year' }],
      filters: [{ member: 'fines_and_fees.fee_status', operator: 'equals', values: ['Open'] }],
      order: [['fines_and_fees.created_at', 'asc'], ['fines_and_fees.is_anonymized', 'asc']],
    });
    // java.sql.Timestamp prints local time; the JVM runs in UTC here (TZ below).
    const expected = rest.map((r) => [
      `${String(r['fines_and_fees.created_at.year']).slice(0, 10)} 00:00:00.0`,
      String(r['fines_and_fees.is_anonymized']),
      String(r['fines_and_fees.num_of_fines_fees']),
      Number(r['fines_and_fees.original_amount']).toFixed(2),
    ]);
    expect(expected.length).toBeGreaterThan(0);
    for (let run = 0; run < 10; run++) {
      const rows = lines.filter((l) => l[0] === `typed${run}`).map((l) => l.slice(1));
      expect(rows.map((r) => [r[0], r[1], r[2], Number(r[3]).toFixed(2)]), `run ${run}`).toEqual(expected);
    }
  });
});
