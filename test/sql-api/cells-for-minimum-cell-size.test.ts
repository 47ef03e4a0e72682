import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { classifyOutcome } from './bi-corpus/classify-outcome';
import { PEOPLE_COLUMN, type ResultSet } from './bi-corpus/compare-results';
import { ORDERED, UNORDERED, UNORDERED_APPROX, type Comparison } from './bi-corpus/corpus-statement';
import { minCellSizeOf, selectsAmongGroups } from './bi-corpus/group-expectations';
import { referenceFor } from './bi-corpus/reference-sources';
import { runReference, runStatement, type Outcome } from './bi-corpus/run-statement';
import { sqlApiClient } from './support/sql-api-clients';

// Groups with a minimum cell size get joins, UNION ALL, windows over aggregates and
// subqueries answered from cells Cube grouped and disclosure control judged, never from
// the views' rows. Each shape is judged against PostgreSQL on the alma tables, cells of
// fewer people than the minimum cell size allowed to be missing or NULL; where an input
// cell is small and the SQL computes across cells, a refusal naming the minimum cell size is due.
const server = sharedCubeServer();
const K = minCellSizeOf('analyst');

/** The campus a dashboard token is for, and what the row filter leaves of a table as it sees it. */
const CAMPUS = 'LAW';
const GROUPS = [
  { group: 'analyst', token: () => tokenFor(server, 'analyst'), where: (_alias: string) => 'true' },
  { group: 'dashboard', token: () => tokenFor(server, 'dashboard', [CAMPUS]), where: (alias: string) => `${alias}.campus_code = '${CAMPUS}'` },
];

interface Shape {
  name: string;
  sql: string;
  /** The question on the alma tables; `%where:<alias>%` is the group's row filter on that alias. */
  reference: string;
  /** The grouped inputs the statement combines, each with its people: a refusal is due only where one of them has a small cell. */
  inputs: string[];
  compare: Comparison;
  /** Whether the SQL computes across cells (refused over small cells) or only carries them. */
  combines: boolean;
  /** Why a refusal naming the minimum cell size is due whatever the data. */
  refused?: string;
}

const SHAPES: Shape[] = [
  {
    name: 'Top N: JOIN to an aggregated subquery (Tableau)',
    sql: `SELECT "users"."campus_code" AS "campus_code", SUM("users"."count") AS "n"
FROM "public"."users" "users"
  INNER JOIN (SELECT "users"."user_group" AS "user_group", SUM("users"."count") AS "$__alias__0"
    FROM "public"."users" "users" GROUP BY 1 ORDER BY 2 DESC LIMIT 3) "t0" ON ("users"."user_group" = "t0"."user_group")
GROUP BY 1`,
    reference: `SELECT u.campus_code, count(*), {people:users:u} AS __people FROM {users} u
WHERE %where:u% AND u.user_group IN (SELECT g.user_group FROM {users} g WHERE %where:g% GROUP BY 1 HAVING {people:users:g} >= ${K} ORDER BY count(*) DESC LIMIT 3) GROUP BY 1`,
    inputs: [],
    compare: UNORDERED,
    combines: false,
  },
  {
    name: 'series limit: JOIN to the top groups by the metric, unqualified names (Superset)',
    sql: `SELECT user_group AS user_group, SUM(count) AS "SUM(count)"
FROM public.users
JOIN (SELECT user_group AS user_group__, SUM(count) AS mme_inner__ FROM public.users GROUP BY user_group ORDER BY mme_inner__ DESC LIMIT 2) AS anon_1
  ON user_group = user_group__
GROUP BY user_group`,
    reference: `SELECT u.user_group, count(*), {people:users:u} AS __people FROM {users} u
WHERE %where:u% AND u.user_group IN (SELECT g.user_group FROM {users} g WHERE %where:g% GROUP BY 1 HAVING {people:users:g} >= ${K} ORDER BY count(*) DESC LIMIT 2) GROUP BY 1`,
    inputs: [],
    compare: UNORDERED,
    combines: false,
  },
  {
    name: 'IN (SELECT ... GROUP BY ... HAVING) in WHERE',
    sql: `SELECT user_group, count(*) AS users FROM users
WHERE user_group IN (SELECT user_group FROM fulfillment GROUP BY 1 HAVING count(*) > 10) GROUP BY 1`,
    reference: `SELECT u.user_group, count(*), {people:users:u} AS __people FROM {users} u
WHERE %where:u% AND u.user_group IN (SELECT l.user_group FROM {loans} l WHERE %where:l% GROUP BY 1 HAVING count(*) > 10 AND {people:loans:l} >= ${K}) GROUP BY 1`,
    inputs: [],
    compare: UNORDERED,
    combines: false,
  },
  {
    name: 'IN (SELECT ...) whose answer holds NULL: a NULL key matches nothing',
    sql: `SELECT statistical_category_3, count(*) AS users FROM users
WHERE statistical_category_3 IN (SELECT statistical_category_3 FROM users GROUP BY 1) GROUP BY 1`,
    reference: `SELECT u.statistical_category_3, count(*), {people:users:u} AS __people FROM {users} u
WHERE %where:u% AND u.statistical_category_3 IN (SELECT g.statistical_category_3 FROM {users} g WHERE %where:g% GROUP BY 1 HAVING {people:users:g} >= ${K}) GROUP BY 1`,
    inputs: [],
    compare: UNORDERED,
    combines: false,
  },
  {
    name: 'IN (SELECT ...) with an empty answer: no row, not every row',
    sql: `SELECT user_group, count(*) AS users FROM users
WHERE user_group IN (SELECT user_group FROM fulfillment WHERE user_group = 'Nobody' GROUP BY 1) GROUP BY 1`,
    reference: `SELECT u.user_group, count(*), {people:users:u} AS __people FROM {users} u WHERE %where:u% AND u.user_group = 'Nobody' GROUP BY 1`,
    inputs: [],
    compare: UNORDERED,
    combines: false,
  },
  {
    name: 'IN (SELECT ...) with an empty answer, as a total',
    sql: `SELECT count(*) AS users FROM users WHERE user_group IN (SELECT user_group FROM fulfillment WHERE user_group = 'Nobody' GROUP BY 1)`,
    reference: `SELECT count(*), {people:users:u} AS __people FROM {users} u WHERE %where:u% AND u.user_group = 'Nobody'`,
    inputs: [],
    compare: UNORDERED,
    combines: false,
  },
  {
    name: 'conditional sum: sum(case when ... then measure end) beside the sum (Sigma)',
    sql: `with Q1 as (select "library_code", "num_of_loans", "loan_status" from "public"."fulfillment"),
Q2 as (select "library_code", sum(case when "loan_status" = 'Lost' then "num_of_loans" end) as "lost", sum("num_of_loans") as "all" from Q1 group by "library_code")
select * from Q2`,
    reference: `SELECT l.library_code, sum(CASE WHEN l.loan_status = 'Lost' THEN 1 END), count(*), {people:loans:l} AS __people
FROM {loans} l WHERE %where:l% GROUP BY 1`,
    inputs: [],
    compare: UNORDERED,
    combines: false,
  },
  {
    name: 'conditional sum with else 0',
    sql: `select "library_code", sum(case when "loan_status" <> 'Lost' then "num_of_loans" else 0 end) as "kept" from "public"."fulfillment" group by "library_code"`,
    reference: `SELECT l.library_code, sum(CASE WHEN l.loan_status <> 'Lost' THEN 1 ELSE 0 END), {people:loans:l} AS __people FROM {loans} l WHERE %where:l% GROUP BY 1`,
    inputs: [],
    compare: UNORDERED,
    combines: true,
    refused: 'a group without a filtered cell is 0 or a cell left out: a filtered answer does not say which',
  },
  {
    name: 'HAVING compared with a scalar subquery',
    sql: `SELECT user_group, count(*) AS loans FROM fulfillment GROUP BY 1 HAVING count(*) > (SELECT count(*) / 10 FROM fulfillment) ORDER BY 1`,
    reference: `SELECT l.user_group, count(*), {people:loans:l} AS __people FROM {loans} l WHERE %where:l%
GROUP BY 1 HAVING count(*) > (SELECT count(*) / 10 FROM {loans} m WHERE %where:m%) ORDER BY 1`,
    inputs: [`SELECT count(*), {people:loans:m} AS __people FROM {loans} m WHERE %where:m%`],
    compare: ORDERED,
    combines: false,
  },
  {
    name: 'left outer join of two grouped selects on a key (Power BI, Excel)',
    sql: `select "$Outer"."campus_code", "$Outer"."Users", "$Inner"."Loans"
from (select "rows"."campus_code" as "campus_code", sum("rows"."count") as "Users"
      from (select "_"."campus_code", "_"."count" from "public"."users" "_") "rows" group by "campus_code") "$Outer"
left outer join (select "rows"."campus_code" as "campus_code", sum("rows"."num_of_loans") as "Loans"
      from (select "_"."campus_code", "_"."num_of_loans" from "public"."fulfillment" "_") "rows" group by "campus_code") "$Inner"
  on ("$Outer"."campus_code" = "$Inner"."campus_code")`,
    reference: `SELECT o.campus_code, o.n, i.n, least(o.p, coalesce(i.p, o.p)) AS __people FROM
  (SELECT u.campus_code, count(*) AS n, {people:users:u} AS p FROM {users} u WHERE %where:u% GROUP BY 1) o
  LEFT JOIN (SELECT l.campus_code, count(*) AS n, {people:loans:l} AS p FROM {loans} l WHERE %where:l% GROUP BY 1) i ON o.campus_code = i.campus_code`,
    inputs: [],
    compare: UNORDERED,
    combines: false,
  },
  {
    name: 'FULL OUTER JOIN of two grouped CTEs with coalesce of the keys (ThoughtSpot)',
    sql: `WITH "qt_1" AS (SELECT "ta_1"."campus_code" "ca_1", sum("ta_1"."num_of_loans") "ca_2" FROM "public"."fulfillment" "ta_1" GROUP BY "ca_1"),
"qt_2" AS (SELECT "ta_2"."campus_code" "ca_3", sum("ta_2"."count") "ca_4" FROM "public"."users" "ta_2" GROUP BY "ca_3")
SELECT coalesce("qt_1"."ca_1", "qt_2"."ca_3") "ca_5", "qt_1"."ca_2" "ca_6", "qt_2"."ca_4" "ca_7"
FROM "qt_1" FULL OUTER JOIN "qt_2" ON "qt_1"."ca_1" = "qt_2"."ca_3"`,
    reference: `SELECT coalesce(a.campus_code, b.campus_code), a.n, b.n, least(coalesce(a.p, b.p), coalesce(b.p, a.p)) AS __people FROM
  (SELECT l.campus_code, count(*) AS n, {people:loans:l} AS p FROM {loans} l WHERE %where:l% GROUP BY 1) a
  FULL JOIN (SELECT u.campus_code, count(*) AS n, {people:users:u} AS p FROM {users} u WHERE %where:u% GROUP BY 1) b ON a.campus_code = b.campus_code`,
    inputs: [],
    compare: UNORDERED,
    combines: false,
  },
  {
    name: 'UNION ALL of grouped queries over two views, with constants',
    sql: `SELECT 'loans' AS activity, user_group, count(*) AS n FROM fulfillment GROUP BY 2
UNION ALL SELECT 'users', user_group, count(*) FROM users GROUP BY 2 ORDER BY 1, 2`,
    reference: `SELECT * FROM (SELECT 'loans' AS a, l.user_group, count(*), {people:loans:l} AS __people FROM {loans} l WHERE %where:l% GROUP BY 2
UNION ALL SELECT 'users', u.user_group, count(*), {people:users:u} FROM {users} u WHERE %where:u% GROUP BY 2) x ORDER BY 1, 2`,
    inputs: [],
    compare: ORDERED,
    combines: false,
  },
  {
    name: 'windows over aggregates: rank() and share of the total',
    sql: `SELECT user_group, count(*) AS users, rank() OVER (ORDER BY count(*) DESC, user_group) AS rnk,
  round(100.0 * count(*) / sum(count(*)) OVER (), 2) AS pct FROM users GROUP BY 1 ORDER BY 3`,
    reference: `SELECT u.user_group, count(*), rank() OVER (ORDER BY count(*) DESC, u.user_group), round(100.0 * count(*) / sum(count(*)) OVER (), 2), {people:users:u} AS __people
FROM {users} u WHERE %where:u% GROUP BY 1 ORDER BY 3`,
    inputs: [`SELECT u.user_group, {people:users:u} AS __people FROM {users} u WHERE %where:u% GROUP BY 1`],
    compare: ORDERED,
    combines: true,
  },
  {
    name: 'share of a total from a scalar subquery in the select list',
    sql: `SELECT user_group, count(*) AS n, round(100.0 * count(*) / (SELECT count(*) FROM users), 1) AS pct FROM users GROUP BY 1`,
    reference: `SELECT u.user_group, count(*), round(100.0 * count(*) / (SELECT count(*) FROM {users} t WHERE %where:t%), 1), {people:users:u} AS __people
FROM {users} u WHERE %where:u% GROUP BY 1`,
    inputs: [`SELECT u.user_group, {people:users:u} AS __people FROM {users} u WHERE %where:u% GROUP BY 1`],
    compare: UNORDERED,
    combines: true,
  },
  {
    name: 'a grouped CTE read back ordered by its measure with LIMIT, and SUM(1)',
    sql: `WITH q AS (SELECT user_group AS g, SUM(1) AS n FROM users GROUP BY 1) SELECT q.g, q.n FROM q ORDER BY q.n DESC, q.g LIMIT 4`,
    reference: `SELECT u.user_group, count(*), {people:users:u} AS __people FROM {users} u WHERE %where:u% GROUP BY 1 ORDER BY 2 DESC, 1`,
    inputs: [],
    compare: { rows: 'ordered', limit: 4 },
    combines: false,
  },
  {
    name: 'two levels of grouping (Sigma)',
    sql: `with Q1 as (select "campus_code", "user_group", "count" from "public"."users"),
Q2 as (select "campus_code", "user_group", sum("count") as "n" from Q1 group by "campus_code", "user_group"),
Q3 as (select "campus_code", sum("n") as "n", count(*) as "groups" from Q2 group by "campus_code")
select * from Q3 order by "campus_code"`,
    reference: `SELECT campus_code, sum(n), count(*), min(p) AS __people FROM
  (SELECT u.campus_code, u.user_group, count(*) AS n, {people:users:u} AS p FROM {users} u WHERE %where:u% GROUP BY 1, 2) x GROUP BY 1 ORDER BY 1`,
    inputs: [`SELECT u.campus_code, u.user_group, {people:users:u} AS __people FROM {users} u WHERE %where:u% GROUP BY 1, 2`],
    compare: ORDERED,
    combines: true,
  },
  {
    name: 'share of the total in a CTE (Sigma)',
    sql: `with Q1 as (select "user_group", "count" from "public"."users"),
Q2 as (select "user_group", sum("count") as "users", sum("count")::numeric / sum(sum("count")) over () as "share" from Q1 group by "user_group")
select * from Q2`,
    reference: `SELECT u.user_group, count(*), count(*)::numeric / sum(count(*)) OVER (), {people:users:u} AS __people FROM {users} u WHERE %where:u% GROUP BY 1`,
    inputs: [`SELECT u.user_group, {people:users:u} AS __people FROM {users} u WHERE %where:u% GROUP BY 1`],
    compare: UNORDERED_APPROX,
    combines: true,
  },
];

function withRowFilter(sql: string, where: (alias: string) => string): string {
  return sql.replace(/%where:([a-z]+)%/g, (_, alias: string) => where(alias));
}

async function reference(sql: string, group: string, where: (alias: string) => string): Promise<ResultSet> {
  return runReference(server.databaseUrl!, referenceFor(withRowFilter(sql, where), group));
}

const clients = new Map<string, pg.Client>();

beforeAll(async () => {
  for (const { group, token } of GROUPS) clients.set(group, await sqlApiClient(server, token(), `cells-${group}`));
});

afterAll(async () => {
  for (const client of clients.values()) await client.end();
});

async function ask(group: string, sql: string): Promise<Outcome> {
  return runStatement(clients.get(group)!, sql, 'simple');
}

describe.each(GROUPS)('SQL over Cube\'s cells as $group', ({ group, where }) => {
  it.each(SHAPES)('$name: the database\'s answer, cells under the minimum cell size left out', async (shape) => {
    const outcome = await ask(group, shape.sql);
    const expected = await reference(shape.reference, group, where);
    const small = async (sql: string) => (await reference(sql, group, where)).rows.some((row) => Number(row.at(-1)) < K);
    const inputsSmall = !!shape.refused || (shape.combines && (await Promise.all(shape.inputs.map(small))).some(Boolean));
    if (inputsSmall) {
      // Computing across cells some of which disclosure control withheld would not give the database's answer.
      expect(outcome.kind === 'error' ? [outcome.code, outcome.message] : outcome.result.rows).toEqual(['0A000', expect.stringMatching(new RegExp(`fewer than ${K} people`))]);
      return;
    }
    // These shapes name no hidden column and list no person: the database's answer is due, cells under k left out.
    const judgement = classifyOutcome(shape.compare, { kind: 'answer', selectsAmongGroups: await selectsAmongGroups(shape.sql) }, outcome, expected, K);
    expect(expected.columns.at(-1)).toBe(PEOPLE_COLUMN);
    expect(judgement.classification, judgement.detail).toBe('correct');
  });
});

describe('SQL over Cube\'s cells over the extended protocol', () => {
  it.each(SHAPES.filter((shape) => !shape.refused))('$name: the columns, types and rows of the simple protocol', async (shape) => {
    const client = clients.get('analyst')!;
    const config = (extended: boolean) => ({ text: shape.sql, rowMode: 'array', types: { getTypeParser: () => (v: string) => v }, ...(extended ? { queryMode: 'extended' } : {}) }) as unknown as pg.QueryArrayConfig;
    const run = (extended: boolean) => client.query(config(extended))
      .then((r) => ({ fields: r.fields.map((f) => [f.name, f.dataTypeID]), rows: r.rows }), (e: { code?: string }) => ({ code: e.code }));
    expect(await run(true)).toEqual(await run(false));
  });
});

describe('SQL over Cube\'s cells, attacked', () => {
  /** A grouping of users with cells of fewer people than the minimum cell size for the analyst: what the attacks try to recover. */
  const SMALL_BY = "date_trunc('day', creation_date)";

  it('has cells of fewer people than the minimum cell size to hide (else the attacks prove nothing)', async () => {
    const cells = await reference(`SELECT date_trunc('day', u.creation_date), {people:users:u} AS __people FROM {users} u GROUP BY 1`, 'analyst', () => 'true');
    expect(cells.rows.filter((row) => Number(row.at(-1)) < K).length).toBeGreaterThan(0);
  });

  it.each([
    ['total minus the visible groups, in one statement', `SELECT t.total - g.visible FROM (SELECT count(*) AS total FROM users) t
CROSS JOIN (SELECT sum(n) AS visible FROM (SELECT ${SMALL_BY} AS d, count(*) AS n FROM users GROUP BY 1 HAVING count(*) > 0) s) g`],
    ['a window summing the visible groups', `SELECT ${SMALL_BY} AS d, count(*) AS n, sum(count(*)) OVER () AS visible FROM users GROUP BY 1`],
    ['a join of the total to the groups', `SELECT t.total, sum(s.n) FROM (SELECT count(*) AS total FROM users) t
CROSS JOIN (SELECT ${SMALL_BY} AS d, count(*) AS n FROM users GROUP BY 1) s GROUP BY 1`],
    ['UNION ALL then an aggregate over it', `SELECT sum(n) FROM (SELECT count(*) AS n FROM users UNION ALL SELECT -count(*) FROM users GROUP BY ${SMALL_BY}) u`],
    ['the visible groups counted against the total in HAVING', `SELECT count(*) FROM (SELECT ${SMALL_BY} AS d, count(*) AS n FROM users GROUP BY 1) s
HAVING sum(s.n) < (SELECT count(*) FROM users)`],
  ])('refuses %s (0A000, naming the minimum cell size)', async (_name, sql) => {
    const outcome = await ask('analyst', sql);
    expect(outcome.kind === 'error' ? [outcome.code, outcome.message] : outcome.result.rows).toEqual(['0A000', expect.stringMatching(new RegExp(`fewer than ${K} people`))]);
  });

  it('gives the same refusal for a window over a filter aimed at a small cell and at an empty one', async () => {
    const small = await reference(`SELECT date_trunc('day', u.creation_date)::date::text, {people:users:u} AS __people FROM {users} u
GROUP BY 1 HAVING {people:users:u} < ${K} ORDER BY 1 LIMIT 1`, 'analyst', () => 'true');
    expect(small.rows.length).toBe(1);
    const day = small.rows[0]![0]!;
    const nextDay = (from: string) => new Date(Date.parse(`${from}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const aimed = (from: string) => `SELECT ${SMALL_BY} AS d, count(*) AS n, sum(count(*)) OVER () AS total FROM users
WHERE creation_date >= '${from}' AND creation_date < '${nextDay(from)}' GROUP BY 1`;
    const [onSmall, onEmpty] = [await ask('analyst', aimed(day)), await ask('analyst', aimed('1901-01-01'))];
    expect(onSmall).toEqual(onEmpty);
    expect(onSmall.kind === 'error' ? [onSmall.code, onSmall.message] : onSmall.result.rows)
      .toEqual(['0A000', expect.stringMatching(new RegExp(`does not say whether it left out cells of fewer than ${K} people`))]);
  });

  it('refuses a window over a filtered answer, which does not say whether it left out a small cell, in words that say so', async () => {
    const outcome = await ask('analyst', `SELECT campus_code, count(*) AS n, sum(count(*)) OVER () AS total FROM users WHERE user_group <> 'Nobody' GROUP BY 1`);
    expect(outcome.kind === 'error' ? [outcome.code, outcome.message] : outcome.result.rows)
      .toEqual(['0A000', expect.stringMatching(new RegExp(`does not say whether it left out cells of fewer than ${K} people`))]);
  });

  it('carries UNION ALL arms as disclosure control lets them out: no small cell shown', async () => {
    const sql = `SELECT count(*) AS n FROM users UNION ALL SELECT count(*) FROM users GROUP BY ${SMALL_BY}`;
    const expected = await reference(`SELECT count(*), {people:users:u} AS __people FROM {users} u
UNION ALL SELECT count(*), {people:users:u} FROM {users} u GROUP BY date_trunc('day', u.creation_date)`, 'analyst', () => 'true');
    const judgement = classifyOutcome(UNORDERED, { kind: 'answer', selectsAmongGroups: await selectsAmongGroups(sql) }, await ask('analyst', sql), expected, K);
    expect(judgement.classification, judgement.detail).toBe('correct');
    expect(judgement.smallRowsShown).toBe(0);
  });

  it.each([
    ['the outer SQL', (column: string) => `SELECT s.${column} FROM (SELECT user_group, count(*) AS n FROM users GROUP BY 1) s`],
    ['a joined subquery', (column: string) => `SELECT a.user_group, b.n FROM (SELECT user_group, count(*) AS n FROM users GROUP BY 1) a
JOIN (SELECT ${column}, count(*) AS n FROM users GROUP BY 1) b ON a.user_group = b.${column}`],
    ['a scalar subquery in HAVING', (column: string) => `SELECT user_group, count(*) FROM users GROUP BY 1 HAVING count(*) > (SELECT count(DISTINCT ${column}) FROM users)`],
    ['an IN subquery', (column: string) => `SELECT user_group, count(*) FROM users WHERE user_group IN (SELECT ${column} FROM users GROUP BY 1) GROUP BY 1`],
  ])('answers a hidden column in %s as a column that does not exist', async (_where, statement) => {
    const hidden = await ask('analyst', statement('first_name'));
    const missing = await ask('analyst', statement('no_such_column'));
    expect(hidden.kind === 'error' && hidden.code).toBe('42703');
    expect(hidden.kind === 'error' && hidden.message.replace('first_name', 'X')).toBe(missing.kind === 'error' && missing.message.replace('no_such_column', 'X'));
  });

  it('refuses a correlated subquery in WHERE, which has no answer of its own (0A000)', async () => {
    const outcome = await ask('analyst', `SELECT u.user_group, count(*) FROM users u
WHERE u.user_group IN (SELECT f.user_group FROM fulfillment f WHERE f.campus_code = u.campus_code GROUP BY 1) GROUP BY 1`);
    expect(outcome.kind === 'error' ? [outcome.code, outcome.message] : outcome.result.rows).toEqual(['0A000', expect.stringMatching(/correlated subquery/)]);
  });

  it.each([
    ['a joined subquery', `SELECT a.user_group, b.expiry_date FROM (SELECT user_group, count(*) AS n FROM users GROUP BY 1) a
JOIN (SELECT user_group, expiry_date FROM users) b ON a.user_group = b.user_group`],
    ['an IN subquery', `SELECT user_group, count(*) FROM users WHERE user_group IN (SELECT user_group FROM users WHERE expiry_date IS NOT NULL) GROUP BY 1`],
    ['a UNION arm', `SELECT user_group FROM users GROUP BY 1 UNION ALL SELECT user_group FROM users`],
  ])('refuses per-person rows in %s (0A000)', async (_where, sql) => {
    const outcome = await ask('analyst', sql);
    expect(outcome.kind === 'error' && outcome.code).toBe('0A000');
  });
});
