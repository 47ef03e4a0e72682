import { beforeAll, describe, expect, it } from 'vitest';
import type { VisibleTable } from '../../src/sql-api/catalog/visible-tables';
import { planSelect, StatementPlanning, type SelectPlan } from '../../src/sql-api/planner/plan-select';
import { loadParser, parseStatements } from '../../src/sql-api/translate/parse-sql';

// SQL text -> plan on its own, with a view as Cube's meta would describe it.
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

function plan(sql: string, params: (string | null)[] = []): { plan: SelectPlan; planning: StatementPlanning } {
  const planning = new StatementPlanning([USERS], params);
  return { plan: planSelect(parseStatements(sql)[0]!.node.SelectStmt, planning), planning };
}

function cube(sql: string, params: (string | null)[] = []) {
  const { plan: p } = plan(sql, params);
  if (p.kind !== 'cube') throw new Error(`expected a Cube query for ${sql}`);
  return p;
}

/** A Cube plan as planned for a group with a minimum cell size. */
function cellsOnlyCube(sql: string) {
  const p = planSelect(parseStatements(sql)[0]!.node.SelectStmt, new StatementPlanning([USERS], [], true));
  if (p.kind !== 'cube') throw new Error(`expected a Cube query for ${sql}`);
  return p;
}

/** Every member expression's SQL in a Cube plan. */
function expressionSql(p: ReturnType<typeof cube>): string[] {
  return [...p.query.measures, ...p.query.dimensions, ...p.query.segments].filter((m) => m.startsWith('{')).map((m) => JSON.parse(m).expr.sql as string);
}

const HOSTILE = ['`', '${process.exit(1)}', '\\', '\\`${1}`', "'; DROP TABLE alma.users; --", '$0$', 'é😀'];

describe('Cube queries from the tree', () => {
  it('translates GROUP BY date_trunc, a filter, ORDER BY and LIMIT', () => {
    const p = cube("SELECT date_trunc('month', creation_date) AS m, COUNT(*) FROM users WHERE status IN ('Active') GROUP BY 1 ORDER BY 1 DESC LIMIT 5");
    expect(p.query).toMatchObject({
      measures: ['users.count'],
      dimensions: [],
      timeDimensions: [{ dimension: 'users.creation_date', granularity: 'month' }],
      filters: [{ member: 'users.status', operator: 'equals', values: ['Active'] }],
      order: [['users.creation_date', 'desc']],
      limit: 5,
    });
    expect(p.expressionParams).toEqual([]);
  });

  it('reads CAST(t AS date), t::date and nested date_trunc as a time dimension', () => {
    expect(cube('SELECT CAST(creation_date AS date), COUNT(*) FROM users GROUP BY 1').query.timeDimensions).toEqual([{ dimension: 'users.creation_date', granularity: 'day' }]);
    expect(cube("SELECT CAST(DATE_TRUNC('MONTH', DATE_TRUNC('SECOND', creation_date)) AS DATE) FROM users GROUP BY 1").query.timeDimensions)
      .toEqual([{ dimension: 'users.creation_date', granularity: 'month' }]);
    expect(cube("SELECT COUNT(*) FROM users WHERE creation_date::date = DATE '2026-11-06'").query.filters)
      .toEqual([{ member: 'users.creation_date', operator: 'inDateRange', values: ['2026-11-06T00:00:00.000', '2026-11-06T23:59:59.999'] }]);
  });

  it('reads ISO-8601 literals with a zone as UTC', () => {
    expect(cube("SELECT COUNT(*) FROM users WHERE creation_date >= '2026-01-01T10:00:00+02:00' AND creation_date < '2026-02-01T00:00:00Z'").query.filters).toEqual([
      { member: 'users.creation_date', operator: 'afterOrOnDate', values: ['2026-01-01T08:00:00.000'] },
      { member: 'users.creation_date', operator: 'beforeDate', values: ['2026-02-01T00:00:00.000'] },
    ]);
  });

  it('is ungrouped without GROUP BY or aggregates, and grouped for bare measures (Power BI)', () => {
    expect(cube('SELECT user_group, status FROM users').query.ungrouped).toBe(true);
    expect(cube('SELECT DISTINCT user_group FROM users').query.ungrouped).toBeUndefined();
    const p = cube('select "_"."user_group", "_"."count" from "public"."users" "_"');
    expect(p.query).toMatchObject({ measures: ['users.count'], dimensions: ['users.user_group'] });
    expect(p.query.ungrouped).toBeUndefined();
  });

  it('re-aggregates measures as Cube allows and merges plain subqueries', () => {
    expect(cube('SELECT SUM("users"."count") AS "sum:count:ok" FROM users').query.measures).toEqual(['users.count']);
    expect(cube('SELECT t.user_group, SUM(t.count) FROM (select "_"."user_group", "_"."count" from users "_") t GROUP BY 1').query)
      .toMatchObject({ measures: ['users.count'], dimensions: ['users.user_group'] });
    expect(() => cube('SELECT MAX(count) FROM users')).toThrow(/MAX\(\) over measure count/);
  });

  it('turns aggregates of dimensions and GROUP BY expressions into member expressions over resolved members only', () => {
    const p = cube('SELECT extract(dow FROM creation_date) AS d, COUNT(DISTINCT user_group) FROM users GROUP BY 1');
    expect(expressionSql(p).sort()).toEqual(['COUNT(DISTINCT ${users.user_group})', 'EXTRACT(DOW FROM ${users.creation_date})']);
  });

  it('puts every literal of a member expression into expression params, whatever it holds', () => {
    for (const hostile of HOSTILE) {
      const quoted = `'${hostile.replace(/'/g, "''")}'`;
      const p = cube(`SELECT CASE WHEN user_group = ${quoted} THEN ${quoted} ELSE lower(${quoted}) END AS "${hostile.replace(/"/g, '""')}", COUNT(*) FROM users WHERE upper(status) <> ${quoted} GROUP BY 1`);
      for (const sql of expressionSql(p)) {
        expect(sql.replace(/\$\{users\.[a-z_]+\}/g, '')).not.toMatch(/[`\\]|\$\{/);
        // (`$0$` is itself the placeholder's spelling, so only the others can be looked for.)
        if (hostile !== '$0$') expect(sql).not.toContain(hostile);
      }
      expect(p.expressionParams).toContain(hostile);
      // The output name is the client's; it never reaches Cube.
      expect(p.outputs[0]!.name).toBe(hostile);
    }
  });

  it('writes, for a group with a minimum cell size, every constant of a member expression as an expression param, none in its SQL', () => {
    for (const hostile of HOSTILE) {
      const quoted = `'${hostile.replace(/'/g, "''")}'`;
      const p = cellsOnlyCube(`SELECT CASE WHEN user_group = ${quoted} THEN ${quoted} ELSE lower(${quoted}) END AS "${hostile.replace(/"/g, '""')}", COUNT(*) FROM users WHERE upper(status) <> ${quoted} GROUP BY 1`);
      for (const sql of expressionSql(p)) {
        expect(sql.replace(/\$\{users\.[a-z_]+\}/g, '').replace(/\$\d+\$/g, '')).not.toMatch(/[`\\$]/);
        // Read back by PostgreSQL's grammar, the expression holds no constant of the statement: only parameters.
        const tree = JSON.stringify(parseStatements(`SELECT ${sql.replace(/\$\{users\.([a-z_]+)\}/g, '$1').replace(/\$(\d+)\$/g, '$$$1')}`)[0]!.node);
        const constants = [...tree.matchAll(/"sval":("(?:[^"\\]|\\.)*")/g)].map(([, text]) => JSON.parse(text!) as string);
        expect(constants.filter((text) => !/^([a-z_]*|=|<>)$/.test(text))).toEqual([]);
        expect(tree).toContain('ParamRef');
      }
      expect(p.expressionParams.filter((value) => value === hostile)).toHaveLength(4);
      // The output name is the client's; it never reaches Cube.
      expect(p.outputs[0]!.name).toBe(hostile);
    }
  });

  it('refuses identifiers that are not visible columns with 42703, however they are quoted', () => {
    for (const name of ['`x`', '${users.user_id}', 'users.count', 'user_id', 'a\\b']) {
      expect(() => plan(`SELECT "${name}" FROM users`)).toThrow(expect.objectContaining({ code: '42703' }));
      expect(() => plan(`SELECT upper("${name}") FROM users GROUP BY 1`)).toThrow(expect.objectContaining({ code: '42703' }));
    }
    expect(() => plan('SELECT user_group FROM user_details')).toThrow(expect.objectContaining({ code: '42P01' }));
  });
});

describe('SQL around Cube\'s SQL', () => {
  it('writes joins, WITH and windows from the tree with every constant a parameter', () => {
    const attack = "x'); SELECT pg_sleep(10); --";
    const { plan: p, planning } = plan(
      `WITH a AS (SELECT user_group, COUNT(*) AS n FROM users WHERE status = $1 GROUP BY 1)
       SELECT a.user_group, a.n, rank() OVER (ORDER BY a.n DESC) FROM a JOIN (SELECT user_group FROM users WHERE status <> '${attack.replace(/'/g, "''")}' GROUP BY 1) b ON a.user_group = b.user_group`,
      [attack],
    );
    expect(p.kind).toBe('sql');
    if (p.kind !== 'sql') return;
    expect(p.text).not.toContain(attack);
    expect(p.text).not.toContain('pg_sleep');
    expect(planning.constants.values).toEqual([attack]);
    expect(p.outputs.map((o) => o.name)).toEqual(['user_group', 'n', 'rank']);
  });

  it('refuses functions outside the allow-list with 0A000 naming them', () => {
    for (const fn of ['pg_sleep(1)', "set_config('a', 'b', false)", "current_setting('a')", "pg_read_file('x')", "repeat('x', 1000000000)", "query_to_xml('select 1', true, true, '')"]) {
      expect(() => plan(`SELECT ${fn} FROM users`)).toThrow(expect.objectContaining({ code: '0A000' }));
    }
  });
});

describe('subqueries merged into one Cube query', () => {
  it('re-aggregates SUM of a count over a grouped subquery at the coarser grain', () => {
    const p = cube('SELECT "q"."user_group" AS "user_group", SUM("q"."n") AS "sum:n:ok" FROM ( SELECT user_group, status, MEASURE(count) AS n FROM users GROUP BY 1, 2 ) "q" GROUP BY 1');
    expect(p.query).toMatchObject({ measures: ['users.count'], dimensions: ['users.user_group'] });
    expect(p.outputs.map((o) => o.name)).toEqual(['user_group', 'sum:n:ok']);
  });

  it('reads conditions, ORDER BY and LIMIT over a grouped WITH query into the query', () => {
    const p = cube('WITH g AS (SELECT user_group, MEASURE(count) AS n FROM users GROUP BY 1) SELECT * FROM g WHERE n > 100 ORDER BY n DESC LIMIT 3');
    expect(p.query).toMatchObject({
      measures: ['users.count'], dimensions: ['users.user_group'],
      filters: [{ member: 'users.count', operator: 'gt', values: ['100'] }], order: [['users.count', 'desc']], limit: 3,
    });
  });

  it('does not merge what does not compose (AVG of averages, COUNT of groups)', () => {
    expect(plan('SELECT count(*) FROM (SELECT user_group FROM users GROUP BY 1) t').plan.kind).toBe('sql');
    expect(plan('SELECT max(n) FROM (SELECT user_group, count(*) AS n FROM users GROUP BY 1) t').plan.kind).toBe('sql');
  });
});

describe('filters through casts that keep values', () => {
  it('reads = ANY(ARRAY[...]), casts to text and a date cast of date_trunc as Cube filters', () => {
    expect(cube("SELECT COUNT(*) FROM users WHERE user_group = ANY(ARRAY['Staff', 'Faculty']) AND CAST(status AS TEXT) IN ('Active')").query.filters).toEqual([
      { member: 'users.user_group', operator: 'equals', values: ['Staff', 'Faculty'] },
      { member: 'users.status', operator: 'equals', values: ['Active'] },
    ]);
    expect(cube("SELECT COUNT(*) FROM users WHERE CAST(DATE_TRUNC('SECOND', creation_date) AS DATE) >= DATE '2026-01-01'").query.filters)
      .toEqual([{ member: 'users.creation_date', operator: 'afterOrOnDate', values: ['2026-01-01T00:00:00.000'] }]);
    // date_trunc finer than a day without a date cast changes the comparison: a segment, not a filter.
    expect(cube("SELECT COUNT(*) FROM users WHERE date_trunc('hour', creation_date) >= '2026-01-01 10:30'").query.segments).toHaveLength(1);
  });
});
