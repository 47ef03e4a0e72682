import jwt from 'jsonwebtoken';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { queryRows } from '../support/query-rows';
import { restCall, type RestAnswer } from '../support/rest-client';
import { attempt, withSqlSession } from './support/sql-api-session';

// Red team: answers cached for one security context must not reach another
// (admin then analyst, dashboard MAIN then MED, the same query each time), a
// campus claim in any accepted spelling limits the rows to that campus, and
// member expressions (SQL of the caller's own, over the views) are refused to
// every group not cleared for the cubes, on REST and through the SQL API's
// planner alike. Judged against the database.
const server = sharedCubeServer();
const load = (token: string, query: unknown): Promise<RestAnswer> => restCall(`${server.api}/load`, token, { query });

let usersPerCampus = new Map<string, number>();
let genders: string[] = [];

const byCampus = { measures: ['users.count'], dimensions: ['users.campus_code'] };

function campusesIn(answer: RestAnswer): Map<string, number> {
  return new Map((answer.body.data ?? []).map((row) => [String(row['users.campus_code']), Number(row['users.count'])]));
}

beforeAll(async () => {
  const rows = await queryRows<{ campus_code: string; n: string }>(server.databaseUrl, 'SELECT campus_code, count(*) AS n FROM alma.users GROUP BY 1');
  usersPerCampus = new Map(rows.map((row) => [row.campus_code, Number(row.n)]));
  genders = (await queryRows<{ gender: string }>(server.databaseUrl, 'SELECT DISTINCT gender FROM alma.users WHERE gender IS NOT NULL')).map((row) => row.gender);
});

describe('the same query from one security context, then another', () => {
  it('gives a dashboard of one campus only its own rows, after another campus asked the same', async () => {
    const campuses = [...usersPerCampus.keys()].filter((code) => usersPerCampus.get(code)! >= 5).sort();
    expect(campuses.length).toBeGreaterThan(1);
    for (const round of [0, 1]) {
      for (const campus of campuses) {
        const answer = await load(tokenFor(server, 'dashboard', [campus]), byCampus);
        expect(answer.status, answer.text).toBe(200);
        expect([...campusesIn(answer)], `round ${round}`).toEqual([[campus, usersPerCampus.get(campus)]]);
      }
    }
  });

  it('gives an analyst masked genders after admin asked the same, over REST and SQL', async () => {
    const query = { measures: ['users.count'], dimensions: ['users.gender'] };
    const admin = await load(tokenFor(server, 'admin'), query);
    expect((admin.body.data ?? []).map((row) => row['users.gender']).sort()).toEqual([...genders].sort());
    const analyst = await load(tokenFor(server, 'analyst'), query);
    expect(analyst.status, analyst.text).toBe(200);
    for (const row of analyst.body.data ?? []) expect(genders).not.toContain(row['users.gender']);

    const sql = 'SELECT gender, count(*) FROM users GROUP BY 1';
    const adminRows = await withSqlSession(server, { group: 'admin' }, (client) => attempt(client, sql));
    expect('rows' in adminRows && adminRows.rows.map((row) => row[0]).sort()).toEqual([...genders].sort());
    const analystRows = await withSqlSession(server, { group: 'analyst' }, (client) => attempt(client, sql));
    expect('rows' in analystRows, JSON.stringify(analystRows)).toBe(true);
    if ('rows' in analystRows) for (const row of analystRows.rows) expect(genders).not.toContain(row[0]);
  });
});

describe('a dashboard token\'s campus claim', () => {
  it('limits rows to that campus whether it is a list or a single code, with extra claims beside it', async () => {
    const [campus] = [...usersPerCampus.keys()].sort();
    // Extra claims are signed with the same secret and algorithm as tokenFor's.
    const sign = (claims: Record<string, unknown>) => jwt.sign({ group: 'dashboard', ...claims }, server.apiSecret, { algorithm: 'HS256', expiresIn: '1h' });
    for (const claims of [{ campus: campus! }, { campus: [campus!] }, { campus: [campus!], securityContext: { group: 'admin' }, group_override: 'admin', role: 'admin' }]) {
      const answer = await load(sign(claims), byCampus);
      expect(answer.status, `${JSON.stringify(claims)}: ${answer.text}`).toBe(200);
      expect([...campusesIn(answer)]).toEqual([[campus, usersPerCampus.get(campus!)]]);
    }
  });
});

describe('member expressions from a group not cleared for the cubes', () => {
  // SQL of the caller's own, naming only members the caller may see: still refused, since the
  // boundary cannot vouch for what the SQL computes from them (masks, people per cell).
  const expression = (view: string, sql: string) => ({ cubeName: view, alias: 'x', expr: { type: 'SqlFunction', cubeParams: [view], sql } });
  const shapes = (view: string, member: string) => [
    { measures: ['users.count'], dimensions: [JSON.stringify(expression(view, `\${${view}.${member}}`))] },
    { measures: ['users.count'], dimensions: [expression(view, `\${${view}.${member}}`)] },
    { measures: [JSON.stringify(expression(view, `max(\${${view}.${member}})`))] },
    { measures: ['users.count'], segments: [JSON.stringify(expression(view, `\${${view}.${member}} IS NOT NULL`))] },
    { measures: ['users.count'], subqueryJoins: [{ sql: 'SELECT 1', on: 'true', joinType: 'LEFT', alias: 'x' }] },
  ];

  it.each(['analyst', 'dashboard'])('are refused to %s over REST, whatever they name', async (group) => {
    const token = tokenFor(server, group, group === 'dashboard' ? [[...usersPerCampus.keys()][0]!] : undefined);
    for (const member of ['campus_code', 'creation_date', 'birth_date', 'full_name']) {
      for (const query of shapes('users', member)) {
        const answer = await load(token, query);
        expect(answer.status, `${JSON.stringify(query)}: ${answer.text}`).toBe(400);
        expect(answer.body.data).toBeUndefined();
      }
    }
  });

  it('are refused to an analyst through the SQL API, which never sends them for this group', async () => {
    const answers = await withSqlSession(server, { group: 'analyst' }, async (client) => Promise.all([
      'SELECT campus_code, max(creation_date) FROM users GROUP BY 1',
      'SELECT extract(month FROM birth_date) AS m, count(*) FROM users GROUP BY 1',
      'SELECT campus_code, count(*) FILTER (WHERE job_title = \'Retired\') FROM users GROUP BY 1',
      'SELECT creation_date::text AS t, count(*) FROM users GROUP BY 1',
    ].map((sql) => attempt(client, sql))));
    for (const answer of answers) {
      expect('error' in answer, JSON.stringify(answer)).toBe(true);
      if ('error' in answer) expect(answer.error.message).toMatch(/not supported by the SQL API for this group|not open to this token/);
    }
  });
});
