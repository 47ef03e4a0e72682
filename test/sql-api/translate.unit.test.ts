import { beforeAll, describe, expect, it } from 'vitest';
import type { VisibleTable } from '../../src/sql-api/catalog/visible-tables';
import { loadParser, parseStatements } from '../../src/sql-api/translate/parse-sql';
import { clauseItems, sqlTokens } from '../../src/sql-api/translate/sql-tokens';
import { toDataPlan } from '../../src/sql-api/translate/to-cube-query';
import { toEvaluatedPlan } from '../../src/sql-api/translate/to-evaluated-plan';

// SQL text -> Cube query on its own, with a table as Cube's meta would describe it.
const USERS: VisibleTable = {
  name: 'users',
  columns: [
    { name: 'user_group', member: 'users.user_group', kind: 'dimension', type: 'string' },
    { name: 'status', member: 'users.status', kind: 'dimension', type: 'string' },
    { name: 'creation_date', member: 'users.creation_date', kind: 'dimension', type: 'time' },
    { name: 'count', member: 'users.count', kind: 'measure', type: 'number', aggType: 'count' },
  ],
};

beforeAll(() => loadParser());

function select(sql: string) {
  return parseStatements(sql)[0]!.node.SelectStmt;
}

function plan(sql: string, params: (string | null)[] = []) {
  return toDataPlan(select(sql), [USERS], params);
}

describe('SQL to Cube query', () => {
  it('translates a GROUP BY with date_trunc, a filter, ORDER BY and LIMIT', () => {
    const { query } = plan("SELECT date_trunc('month', creation_date) AS m, COUNT(*) FROM users WHERE status IN ('Active') GROUP BY 1 ORDER BY 1 DESC LIMIT 5");
    expect(query).toEqual({
      measures: ['users.count'],
      dimensions: [],
      timeDimensions: [{ dimension: 'users.creation_date', granularity: 'month' }],
      filters: [{ member: 'users.status', operator: 'equals', values: ['Active'] }],
      order: [['users.creation_date', 'desc']],
      limit: 5,
    });
  });

  it('passes a string literal carrying SQL to Cube only as a filter value', () => {
    const attack = "'; DROP TABLE alma.users; --";
    const { query } = plan(`SELECT user_group, COUNT(*) FROM users WHERE user_group = '${attack.replace(/'/g, "''")}' GROUP BY 1`);
    expect(query.filters).toEqual([{ member: 'users.user_group', operator: 'equals', values: [attack] }]);
    expect(query.dimensions).toEqual(['users.user_group']);
  });

  it('passes a parameter carrying SQL and quotes to Cube only as a filter value', () => {
    const attack = `x' OR 1=1 /* "users"."count" */ --`;
    const { query } = plan('SELECT user_group FROM users WHERE status = $1 OR user_group LIKE $1', [attack]);
    expect(JSON.stringify(query.filters)).toContain(JSON.stringify(attack));
    expect([...query.dimensions, ...query.measures]).toEqual(['users.user_group']);
  });

  it('reads quoted identifiers and ignores comments, and refuses a name with a quote in it as an unknown column', () => {
    expect(plan('SELECT "user_group" /* \' , */ FROM "users" -- \'\n').query.dimensions).toEqual(['users.user_group']);
    expect(() => plan('SELECT "user_group"" FROM users; --" FROM users')).toThrow(expect.objectContaining({ code: '42703' }));
    expect(() => plan('SELECT "users.count" FROM users')).toThrow(expect.objectContaining({ code: '42703' }));
  });

  it('refuses what it does not translate with 0A000 naming the construct', () => {
    expect(() => plan('SELECT user_group FROM users UNION SELECT status FROM users')).toThrow(/UNION is not supported/);
    expect(() => plan('SELECT SUM(count) FROM users')).toThrow(/SUM\(\) over measure count/);
    expect(() => plan('SELECT user_group FROM users ORDER BY 1 NULLS FIRST')).toThrow(/NULLS FIRST\/LAST/);
  });
});

describe('expressions evaluated over Cube\'s answer', () => {
  const evaluated = (sql: string, params: (string | null)[] = []) => toEvaluatedPlan(sql, select(sql), [USERS], params);

  it('asks Cube for the members and rewrites the select list over them', () => {
    const p = evaluated("SELECT upper(user_group) AS g, COUNT(*) * 2 FROM users WHERE status = 'Active' GROUP BY user_group ORDER BY 1");
    expect(p.query.dimensions).toEqual(['users.user_group']);
    expect(p.query.measures).toEqual(['users.count']);
    expect(p.query.filters).toEqual([{ member: 'users.status', operator: 'equals', values: ['Active'] }]);
    expect(p.sql).toBe('SELECT upper(__cube."user_group") AS g, __cube."count" * 2 FROM jsonb_to_recordset($1::jsonb) AS __cube("user_group" text, "count" bigint) ORDER BY 1');
  });

  it('never splices a parameter value into the evaluated SQL', () => {
    const attack = "'); DROP TABLE x; --";
    const p = evaluated('SELECT concat(user_group, $1) FROM users WHERE status = $2 GROUP BY user_group', [attack, attack]);
    expect(p.sql).not.toContain('DROP');
    expect(p.sql).toContain('concat(__cube."user_group", $1)');
    expect(p.parameters).toEqual([1]);
    expect(p.query.filters).toEqual([{ member: 'users.status', operator: 'equals', values: [attack] }]);
  });

  it('locates expressions after non-ASCII text (the parser counts bytes)', () => {
    const p = evaluated("SELECT CASE WHEN COUNT(*) > 10 THEN 'é中' ELSE 'few' END AS size, upper(user_group) FROM users GROUP BY user_group");
    expect(p.sql).toContain("CASE WHEN __cube.\"count\" > 10 THEN 'é中' ELSE 'few' END AS size, upper(__cube.\"user_group\")");
  });

  it('refuses a SELECT list with no columns with 0A000', () => {
    expect(() => plan('SELECT FROM users LIMIT 5')).toThrow(expect.objectContaining({ code: '0A000' }));
    expect(() => evaluated('SELECT FROM users')).toThrow(expect.objectContaining({ code: '0A000' }));
  });

  it('resolves every column against the visible members', () => {
    expect(() => evaluated('SELECT upper(secret) FROM users')).toThrow(expect.objectContaining({ code: '42703' }));
    expect(() => evaluated('SELECT upper(__cube.user_group) FROM users')).toThrow(expect.objectContaining({ code: '42P01' }));
  });
});

describe('SQL tokens', () => {
  it('splits a select list at top-level commas only', () => {
    const sql = `SELECT 'a,b' AS "x,y", f(1, 2), $$c,d$$, E'e\\',f' -- , comment\n FROM t`;
    const items = clauseItems(sqlTokens(sql), 1, new Set(['FROM']));
    expect(items.map(([s, e]) => sql.slice(s, e))).toEqual([`'a,b' AS "x,y"`, 'f(1, 2)', '$$c,d$$', `E'e\\',f'`]);
  });
});
