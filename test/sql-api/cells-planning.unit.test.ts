import type { SelectStmt } from '@pgsql/types';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VisibleTable } from '../../src/sql-api/catalog/visible-tables';
import { planSelect, StatementPlanning, type SelectPlan } from '../../src/sql-api/planner/plan-select';
import { subqueriesAsConstants, type InnerAnswer } from '../../src/sql-api/planner/subqueries-as-constants';
import { loadParser, parseStatements } from '../../src/sql-api/translate/parse-sql';

// How a statement is planned for a group with a minimum cell size: which relations leave
// Cube (grouped Cube queries only), what the SQL around them computes across cells, and
// how subqueries that pick keys or a value become constants. Answers themselves are
// judged against PostgreSQL in cells-for-minimum-cell-size.test.ts.
const USERS: VisibleTable = {
  name: 'users',
  columns: [
    { name: 'user_group', member: 'users.user_group', kind: 'dimension', type: 'string' },
    { name: 'campus_code', member: 'users.campus_code', kind: 'dimension', type: 'string' },
    { name: 'count', member: 'users.count', kind: 'measure', type: 'number', aggType: 'count' },
  ],
};

beforeAll(() => loadParser());

function select(sql: string): SelectStmt {
  return parseStatements(sql)[0]!.node.SelectStmt;
}

function cells(sql: string): { plan: SelectPlan; planning: StatementPlanning } {
  const planning = new StatementPlanning([USERS], [], true);
  return { plan: planSelect(select(sql), planning), planning };
}

describe('planning over cells', () => {
  it.each([
    ['a join of two grouped subqueries', 'SELECT a.user_group, a.n, b.n FROM (SELECT user_group, count(*) AS n FROM users GROUP BY 1) a LEFT JOIN (SELECT user_group, count(*) AS n FROM users WHERE campus_code = \'LAW\' GROUP BY 1) b ON a.user_group = b.user_group', 2, []],
    ['UNION ALL of grouped queries with a constant', 'SELECT \'a\' AS k, user_group, count(*) FROM users GROUP BY 2 UNION ALL SELECT \'b\', campus_code, count(*) FROM users GROUP BY 2', 2, []],
    ['a window over an aggregate', 'SELECT user_group, count(*), rank() OVER (ORDER BY count(*) DESC) FROM users GROUP BY 1', 1, ['A window function']],
    ['SUM(1) beside a constant', 'SELECT \'x\' AS k, user_group, SUM(1) FROM users GROUP BY 2', 1, []],
    ['an aggregate over a grouped subquery', 'SELECT sum(n) FROM (SELECT user_group, count(*) AS n FROM users GROUP BY 1 HAVING count(*) > 1) s', 1, ['An aggregate']],
    ['arithmetic on a measure cell', 'SELECT s.n * 2 FROM (SELECT user_group, count(*) AS n FROM users GROUP BY 1 LIMIT 3) s ORDER BY 1', 1, ['An expression over a measure']],
  ])('%s: every relation a grouped Cube query, and what it computes across cells', (_name, sql, relations, combines) => {
    const { plan, planning } = cells(sql);
    expect(plan.kind).toBe('sql');
    expect(planning.relations.map((r) => r.kind === 'cube' && !r.plan.query.ungrouped)).toEqual(Array(relations).fill(true));
    expect(planning.combines.slice(0, combines.length)).toEqual(combines);
  });

  it('answers SUM(CASE WHEN condition THEN measure END) from the measure grouped over the rows the condition keeps', () => {
    const { planning } = cells('SELECT user_group, sum(CASE WHEN campus_code = \'LAW\' THEN count END) AS law, sum(count) AS all_users FROM users GROUP BY 1');
    const queries = planning.relations.map((r) => (r.kind === 'cube' ? r.plan.query : null));
    expect(queries.map((q) => q?.filters)).toEqual([[], [{ member: 'users.campus_code', operator: 'equals', values: ['LAW'] }]]);
    expect(queries.map((q) => q?.measures)).toEqual([['users.count'], ['users.count']]);
    expect(planning.combines).toEqual([]);
  });

  it('does not read a CASE over a measure with an ELSE other than 0 as a conditional sum (the rows\' SQL, refused when run)', () => {
    const { planning } = cells('SELECT user_group, sum(CASE WHEN campus_code = \'LAW\' THEN count ELSE 1 END) FROM users GROUP BY 1');
    expect(planning.relations.some((r) => r.kind === 'view')).toBe(true);
  });

  it('does not read a CASE whose condition names a measure as a conditional sum (the condition is on rows)', () => {
    const { planning } = cells('SELECT user_group, sum(CASE WHEN count > 1 THEN count END) FROM users GROUP BY 1');
    expect(planning.relations.some((r) => r.kind === 'view')).toBe(true);
  });

  it('carries cells without computing across them for UNION ALL, joins on grouped columns and bare columns', () => {
    const { planning } = cells('SELECT coalesce(a.user_group, b.user_group), a.n, b.n FROM (SELECT user_group, count(*) AS n FROM users GROUP BY 1) a FULL JOIN (SELECT user_group, count(*) AS n FROM users GROUP BY 1) b ON a.user_group = b.user_group ORDER BY 2');
    expect(planning.combines).toEqual([]);
  });

  it('plans a subquery of one row per person as the rows it is (refused when run)', () => {
    const { planning } = cells('SELECT a.user_group FROM (SELECT user_group, count(*) AS n FROM users GROUP BY 1) a JOIN (SELECT user_group FROM users) b ON a.user_group = b.user_group');
    expect(planning.relations.some((r) => r.kind === 'view' || r.plan.query.ungrouped)).toBe(true);
  });

  it('plans nested SELECTs over the views\' rows for a group without a minimum cell size', () => {
    const planning = new StatementPlanning([USERS], []);
    planSelect(select('SELECT a.user_group FROM (SELECT user_group, count(*) AS n FROM users GROUP BY 1) a JOIN (SELECT user_group FROM users GROUP BY 1) b ON a.user_group = b.user_group'), planning);
    expect(planning.relations.map((r) => r.kind)).toEqual(['view', 'view']);
  });
});

describe('subqueries as constants', () => {
  async function rewrite(sql: string, answers: InnerAnswer[]): Promise<{ select: SelectStmt; params: (string | null)[]; asked: number }> {
    const params: (string | null)[] = [];
    let asked = 0;
    const result = await subqueriesAsConstants(select(sql), [USERS], params, async () => answers[asked++]!);
    return { select: result, params, asked };
  }

  it('turns a join to a subquery grouped by the key into IN of its distinct non-NULL keys', async () => {
    const { select: s, params } = await rewrite(
      'SELECT campus_code, count(*) FROM users JOIN (SELECT user_group AS g, count(*) AS n FROM users GROUP BY 1 ORDER BY 2 DESC LIMIT 3) t ON users.user_group = t.g GROUP BY 1',
      [{ types: ['text', 'int8'], rows: [['a', '9'], [null, '8'], ['a', '7'], ['b', '6']] }],
    );
    expect(s.fromClause).toHaveLength(1);
    expect(s.fromClause![0]).toHaveProperty('RangeVar');
    expect(params).toEqual(['a', 'b']);
    const planning = new StatementPlanning([USERS], params, true);
    const plan = planSelect(s, planning);
    expect(plan.kind === 'cube' && plan.query.filters).toEqual([{ member: 'users.user_group', operator: 'equals', values: ['a', 'b'] }]);
  });

  it('matches no row when the subquery answers no key', async () => {
    const { select: s } = await rewrite('SELECT count(*) FROM users WHERE user_group IN (SELECT user_group FROM users GROUP BY 1 HAVING count(*) > 100)', [{ types: ['text'], rows: [[null]] }]);
    const plan = planSelect(s, new StatementPlanning([USERS], [], true));
    const filters = plan.kind === 'cube' ? plan.query.filters : [];
    expect(filters).toEqual(expect.arrayContaining([
      expect.objectContaining({ member: 'users.user_group', operator: 'set' }),
      expect.objectContaining({ member: 'users.user_group', operator: 'notSet' }),
    ]));
  });

  it('keeps a join whose subquery is read outside the join condition', async () => {
    const { asked } = await rewrite('SELECT users.campus_code, t.n FROM users JOIN (SELECT user_group AS g, count(*) AS n FROM users GROUP BY 1) t ON users.user_group = t.g', []);
    expect(asked).toBe(0);
  });

  it('keeps a join whose subquery may repeat a key (not grouped by it)', async () => {
    const { asked } = await rewrite('SELECT count(*) FROM users JOIN (SELECT user_group AS g, campus_code, count(*) FROM users GROUP BY 1, 2) t ON users.user_group = t.g', []);
    expect(asked).toBe(0);
  });

  it('turns a scalar subquery in HAVING into its value, a number as a numeric literal', async () => {
    const { select: s, params } = await rewrite('SELECT user_group, count(*) FROM users GROUP BY 1 HAVING count(*) > (SELECT count(*) FROM users)', [{ types: ['int8'], rows: [['42']] }]);
    expect(params).toEqual([]);
    const plan = planSelect(s, new StatementPlanning([USERS], params, true));
    expect(plan.kind === 'cube' && plan.query.filters).toEqual([{ member: 'users.count', operator: 'gt', values: ['42'] }]);
  });

  it('refuses a scalar subquery of more than one row (21000) or none (0A000), and a correlated one (0A000)', async () => {
    const sql = 'SELECT user_group, count(*) FROM users GROUP BY 1 HAVING count(*) > (SELECT count(*) FROM users GROUP BY user_group)';
    await expect(rewrite(sql, [{ types: ['int8'], rows: [['1'], ['2']] }])).rejects.toMatchObject({ code: '21000' });
    await expect(rewrite(sql, [{ types: ['int8'], rows: [] }])).rejects.toMatchObject({ code: '0A000' });
    await expect(rewrite('SELECT u.user_group FROM users u WHERE u.user_group IN (SELECT v.user_group FROM users v WHERE v.campus_code = u.campus_code GROUP BY 1)', []))
      .rejects.toMatchObject({ code: '0A000', message: expect.stringMatching(/correlated/) });
  });

  it('leaves NOT IN and IN under OR to the planner (they are not a filter of the rows)', async () => {
    const { asked } = await rewrite('SELECT count(*) FROM users WHERE user_group NOT IN (SELECT user_group FROM users GROUP BY 1) OR campus_code = \'LAW\'', []);
    expect(asked).toBe(0);
  });
});
