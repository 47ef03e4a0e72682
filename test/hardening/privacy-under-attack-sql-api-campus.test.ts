import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedCubeServer } from '../support/cube-server';
import { queryRows } from '../support/query-rows';
import { attempt, openSqlSession, withSqlSession, type SqlCaller } from './support/sql-api-session';

// A dashboard token of one campus against the sessions of another: it must not plant
// anything (objects, search_path entries, settings) where the other campus's statements
// run, and no construct may count the other campus's rows. Judged against the database.
const server = sharedCubeServer();
const RUN = `planted_${process.pid}_${Date.now().toString(36)}`;
let own = '';
let other = '';
const rowsOf: Record<string, number> = {};

beforeAll(async () => {
  const campuses = await queryRows<{ campus_code: string; n: number }>(
    server.databaseUrl,
    'SELECT campus_code, count(*)::int AS n FROM alma.users WHERE campus_code IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 2',
  );
  [own, other] = campuses.map((c) => c.campus_code) as [string, string];
  for (const c of campuses) rowsOf[c.campus_code] = c.n;
});

const caller = (campus: string): SqlCaller => ({ group: 'dashboard', campus: [campus] });

/** Whatever the smuggling shape, SQL a planter would try. */
function plants(marker: string): string[] {
  const raw = [
    `CREATE TABLE public.${marker}_captured (row jsonb)`,
    `CREATE FUNCTION public.jsonb_to_recordset(j jsonb) RETURNS SETOF record LANGUAGE sql AS 'SELECT NULL::record /* ${marker} */'`,
    `CREATE FUNCTION public.count(anyelement) RETURNS bigint LANGUAGE sql AS 'SELECT 0::bigint /* ${marker} */'`,
    `SELECT set_config('search_path', 'public, pg_catalog', false)`,
    `SET search_path = public, pg_catalog`,
  ];
  const pad = 'é'.repeat(' SELECT $q$'.length);
  return [...raw, ...raw.map((sql) => `/*${pad}*/; SELECT $q$${sql} --$q$ AS a`)];
}

/** The search_path and start time of the catalog database that answers this session's catalog statements. */
async function catalogIdentity(client: pg.Client): Promise<unknown[]> {
  const answer = await attempt(client, "SELECT pg_catalog.pg_postmaster_start_time()::text, pg_catalog.current_setting('search_path')");
  if ('error' in answer) throw answer.error;
  return answer.rows[0]!;
}

describe('two dashboard campuses on the SQL API', () => {
  it('never share the catalog database their statements run in', async () => {
    const [a, b] = await Promise.all([openSqlSession(server, caller(own)), openSqlSession(server, caller(other))]);
    try {
      // Each PGlite reports when it started: two sessions sharing one would report the same instant.
      expect((await catalogIdentity(b))[0]).not.toEqual((await catalogIdentity(a))[0]);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('leave nothing planted by one campus in the other\'s catalog, and the other still counts its own rows', async () => {
    const victim = await openSqlSession(server, caller(other));
    try {
      const pathBefore = (await catalogIdentity(victim))[1];
      await withSqlSession(server, caller(own), async (planter) => {
        for (const text of plants(RUN)) await attempt(planter, text);
        // The planter itself finds nothing it could read back.
        expect(await attempt(planter, `SELECT * FROM public.${RUN}_captured`)).toHaveProperty('error');
      });
      const answer = await attempt(victim, 'SELECT campus_code, COUNT(*) AS n FROM users GROUP BY 1');
      expect(answer).toEqual({ rows: [[other, String(rowsOf[other])]], fields: ['campus_code', 'n'] });
      const traces = await attempt(
        victim,
        "SELECT proname FROM pg_catalog.pg_proc WHERE prosrc LIKE $1 UNION ALL SELECT relname FROM pg_catalog.pg_class WHERE relname LIKE $1",
        [`%${RUN}%`],
      );
      expect(traces).toEqual({ rows: [], fields: ['proname'] });
      expect((await catalogIdentity(victim))[1]).toBe(pathBefore);
    } finally {
      await victim.end();
    }
  });

  it('count no row of another campus, whatever the statement says', async () => {
    const statements = [
      'SELECT COUNT(*) AS n FROM users',
      `SELECT COUNT(*) AS n FROM users WHERE campus_code = '${other}'`,
      `SELECT COUNT(*) AS n FROM users WHERE campus_code = '${other}' OR campus_code = '${own}'`,
      `SELECT COUNT(*) AS n FROM users WHERE campus_code <> '${own}' OR campus_code IS NULL`,
      `SELECT COUNT(*) AS n FROM users WHERE campus_code IN ('${own}', '${other}')`,
      `SELECT COUNT(*) AS n FROM users WHERE campus_code = $1`,
      'SELECT campus_code, COUNT(*) AS n FROM users GROUP BY 1',
      'SELECT campus_code, COUNT(*) * 1 AS n FROM users GROUP BY 1 ORDER BY 2 DESC',
      'SELECT campus_code, MEASURE(count) AS n FROM users GROUP BY 1',
      `SELECT COUNT(*) AS n FROM (SELECT campus_code FROM users WHERE campus_code = '${other}') t`,
      `SELECT SUM(n) AS n FROM (SELECT campus_code, COUNT(*) AS n FROM users GROUP BY 1) t`,
      `WITH t AS (SELECT campus_code, COUNT(*) AS n FROM users GROUP BY 1) SELECT campus_code, n FROM t`,
      `SELECT campus_code, COUNT(*) AS n FROM users GROUP BY 1 UNION ALL SELECT campus_code, COUNT(*) FROM users WHERE campus_code = '${other}' GROUP BY 1`,
      `SELECT COUNT(*) AS n FROM users WHERE __user = 'admin'`,
    ];
    await withSqlSession(server, caller(own), async (client) => {
      for (const text of statements) {
        const answer = await attempt(client, text, text.includes('$1') ? [other] : undefined);
        if ('error' in answer) continue;
        const cells = answer.rows.flat().map((v) => (v === null ? null : String(v)));
        expect(cells, text).not.toContain(other);
        const numbers = cells.filter((v): v is string => v !== null && /^\d+$/.test(v)).map(Number);
        for (const n of numbers) {
          expect(n, `${text} answered ${JSON.stringify(answer.rows)}`).toBeLessThanOrEqual(rowsOf[own]!);
          // The other campus's count, alone, is what a leak would show.
          if (rowsOf[other] !== rowsOf[own]) expect(n, `${text} answered ${JSON.stringify(answer.rows)}`).not.toBe(rowsOf[other]);
        }
      }
      // The session does answer, with its own campus's count.
      expect(await attempt(client, 'SELECT COUNT(*) AS n FROM users')).toEqual({ rows: [[String(rowsOf[own])]], fields: ['n'] });
    });
  });
});
