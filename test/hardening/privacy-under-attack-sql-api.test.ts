import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { hiddenUserMembers } from './support/hidden-members';
import { failureOf, withSqlApiSession } from '../sql-api/support/sql-api-clients';

// The same attack over the SQL API: every hidden member as a column, in WHERE, in
// ORDER BY, through the catalogs, and by switching user with __user.
const server = sharedCubeServer();
let campus = '';

function session<T>(group: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  return withSqlApiSession(server, tokenFor(server, group, group === 'dashboard' ? [campus] : undefined), run);
}


beforeAll(async () => {
  const client = new pg.Client(server.databaseUrl);
  await client.connect();
  campus = (await client.query('SELECT campus_code FROM alma.users GROUP BY 1 ORDER BY count(*) DESC LIMIT 1')).rows[0].campus_code;
  await client.end();
});

describe.each(['analyst', 'dashboard'])('a %s session on the SQL API', (group) => {
  const hidden = hiddenUserMembers(group);

  it('gets "column does not exist" for every hidden member, as a column, in WHERE and in ORDER BY', async () => {
    await session(group, async (client) => {
      for (const member of hidden) {
        for (const text of [
          `SELECT ${member} FROM users`,
          `SELECT COUNT(*) FROM users WHERE ${member} IS NOT NULL`,
          `SELECT user_group, COUNT(*) FROM users GROUP BY 1 ORDER BY ${member}`,
          `SELECT COUNT(*) FROM users WHERE user_group IN (SELECT ${member} FROM users)`,
        ]) {
          const error = await failureOf(client, text);
          expect(error?.code, `${text}: ${error?.message}`).toMatch(/^(42703|42883|0A000|42601)$/);
          // Whatever the message, it names no other hidden member.
          for (const other of hidden) if (other !== member && !member.includes(other)) expect(error?.message).not.toMatch(new RegExp(`\\b${other}\\b`));
        }
      }
      // The session still answers after all that.
      expect((await client.query('SELECT COUNT(*) AS n FROM users')).rows).toHaveLength(1);
    });
  });

  it('finds no hidden member in information_schema or pg_catalog', async () => {
    const names = await session(group, async (client) => [
      // PostgreSQL's own catalogs have a column or two named like a field (pg_replication_origin_status.external_id).
      ...(await client.query("SELECT column_name AS name FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")).rows,
      ...(await client.query("SELECT a.attname AS name FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')")).rows,
    ].map((row) => String(row.name)));
    expect(names).toContain('user_group');
    for (const member of hidden) expect(names).not.toContain(member);
  });

  it('cannot switch to another user with __user', async () => {
    await session(group, async (client) => {
      for (const user of ['admin', 'postgres', group]) {
        const error = await failureOf(client, `SELECT COUNT(*) FROM users WHERE __user = '${user}'`);
        expect(error?.message).toMatch(/cannot change security context|not allowed/i);
      }
    });
  });
});

describe('a dashboard session', () => {
  it('counts only its campus, whatever the WHERE clause says', async () => {
    const counts = await session('dashboard', async (client) => {
      const all = await client.query('SELECT COUNT(*) AS n FROM users');
      const others = await client.query(`SELECT COUNT(*) AS n FROM users WHERE campus_code <> '${campus}'`);
      const either = await client.query(`SELECT COUNT(*) AS n FROM users WHERE campus_code = '${campus}' OR campus_code <> '${campus}'`);
      return [all, others, either].map((result) => Number(result.rows[0]?.n ?? 0));
    });
    const direct = new pg.Client(server.databaseUrl);
    await direct.connect();
    const own = Number((await direct.query('SELECT count(*) AS n FROM alma.users WHERE campus_code = $1', [campus])).rows[0].n);
    await direct.end();
    expect(counts).toEqual([own, 0, own]);
  });
});
