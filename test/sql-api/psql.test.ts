import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { restLoad } from './support/sql-api-clients';

// psql's \dt and \d run its own version-specific catalog queries: PGlite answers them.
const server = sharedCubeServer();
const run = promisify(execFile);

async function psql(group: string, ...commands: string[]): Promise<string> {
  const args = ['-h', '127.0.0.1', '-p', String(server.sqlPort), '-U', 'bi', '-d', 'db', '-X', '-A', '-F', '|', '-v', 'ON_ERROR_STOP=1'];
  for (const c of commands) args.push('-c', c);
  const { stdout } = await run('psql', args, { env: { ...process.env, PGPASSWORD: tokenFor(server, group), PGSSLMODE: 'prefer' } });
  return stdout;
}

describe('the SQL API through psql', () => {
  it('lists the views with \\dt', async () => {
    const out = await psql('admin', '\\dt');
    for (const view of ['users', 'fulfillment', 'fines_and_fees', 'resource_sharing']) expect(out).toContain(`public|${view}|table`);
  });

  it('describes users with \\d, hiding what the analyst may not see', async () => {
    const admin = await psql('admin', '\\d users');
    const analyst = await psql('analyst', '\\d users');
    expect(admin).toMatch(/^primary_identifier\|text/m);
    expect(analyst).toMatch(/^user_group\|text/m);
    expect(analyst).not.toContain('primary_identifier');
  });

  it('answers a GROUP BY like REST', async () => {
    const token = tokenFor(server, 'admin');
    const out = await psql('admin', 'SELECT campus_code, COUNT(*) FROM users GROUP BY campus_code ORDER BY campus_code');
    const rows = out.trim().split('\n').slice(1, -1);
    const rest = await restLoad(server, token, { dimensions: ['users.campus_code'], measures: ['users.count'], order: [['users.campus_code', 'asc']] });
    expect(rows).toEqual(rest.map((r) => `${r['users.campus_code'] ?? ''}|${r['users.count']}`));
  });
});
