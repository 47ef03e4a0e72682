import { describe, expect, it } from 'vitest';
import { sharedCubeServer, tokenFor } from '../support/cube-server';
import { classifyOutcome } from './bi-corpus/classify-outcome';
import { expectationFor, minCellSizeOf } from './bi-corpus/group-expectations';
import { referenceFor } from './bi-corpus/reference-sources';
import { runReference, runStatement } from './bi-corpus/run-statement';
import { sqlApiClient } from './support/sql-api-clients';

// Statements the random queries of sql-property.test.ts once answered wrong or failed on,
// each judged against PostgreSQL on the same data as the property test judges them:
// PostgreSQL's rows (for a group with a minimum cell size, its small cells suppressed),
// or a refusal where one is allowed; never other rows, never an internal error.
const server = sharedCubeServer();

async function judged(group: string, sql: string, reference: string, comparison: { rows: 'ordered' | 'unordered'; limit?: number }) {
  const client = await sqlApiClient(server, tokenFor(server, group), 'random-query-regressions');
  try {
    const outcome = await runStatement(client, sql, 'simple');
    const expected = await runReference(server.databaseUrl, referenceFor(reference, group));
    const judgement = classifyOutcome(comparison, await expectationFor({ sql }, group), outcome, expected, minCellSizeOf(group));
    return { outcome, expected, judgement };
  } finally {
    await client.end();
  }
}

describe('answers random queries once got wrong', () => {
  // A constant in an expression made the statement SQL around Cube's over the view's rows, where
  // Cube gives a distinct count as 1 per row: COUNT(DISTINCT) of that answered 1 for every group.
  it('counts distinct borrowers by COALESCE(...) ordered NULLS FIRST with a LIMIT as PostgreSQL does, as admin', async () => {
    const { outcome, expected, judgement } = await judged(
      'admin',
      "SELECT COALESCE(user_group, '(none)') AS g0, loan_status AS g1, MEASURE(num_of_distinct_borrowers) AS a0 FROM fulfillment GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2 NULLS FIRST LIMIT 7",
      "SELECT COALESCE(l.user_group, '(none)') AS g0, l.loan_status AS g1, count(DISTINCT l.user_id) AS a0, {people:loans:l} AS __people FROM {loans} l GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2 NULLS FIRST",
      { rows: 'ordered', limit: 7 },
    );
    expect(outcome.kind).toBe('rows');
    expect(expected.rows.some((row) => Number(row[2]) > 1)).toBe(true);
    expect(judgement.classification, judgement.detail).toBe('correct');
  });

  it('places NULLs of an expression with a constant last when descending asks for it, as admin', async () => {
    const { outcome, judgement } = await judged(
      'admin',
      "SELECT COALESCE(job_title, 'x') || statistical_category_1 AS g0, count(*) AS a0 FROM users GROUP BY 1 ORDER BY 1 DESC NULLS LAST LIMIT 4",
      "SELECT COALESCE(u.job_title, 'x') || u.statistical_category_1 AS g0, count(*) AS a0, {people:users:u} AS __people FROM {users} u GROUP BY 1 ORDER BY 1 DESC NULLS LAST",
      { rows: 'ordered', limit: 4 },
    );
    expect(outcome.kind).toBe('rows');
    expect(judgement.classification, judgement.detail).toBe('correct');
  });

  it.each(['admin', 'analyst'])('never re-counts a distinct count over the rows of SQL around Cube (HAVING with OR), as %s', async (group) => {
    const { outcome, judgement } = await judged(
      group,
      "SELECT library_code AS g0, MEASURE(num_of_distinct_borrowers) AS a0 FROM fulfillment GROUP BY 1 HAVING count(*) > 0 OR library_code = 'X'",
      "SELECT l.library_code AS g0, count(DISTINCT l.user_id) AS a0, {people:loans:l} AS __people FROM {loans} l GROUP BY 1 HAVING count(*) > 0 OR l.library_code = 'X'",
      { rows: 'unordered' },
    );
    // Cube's rows do not carry what a distinct count counts: PostgreSQL's answer or a 0A000, never 1 per group.
    if (outcome.kind === 'error') expect(outcome.code).toBe('0A000');
    expect(judgement.classification, judgement.detail).not.toMatch(/wrong|other-error/);
  });

  // Over Cube's grouped cells, as the analyst's answers are computed: a window over a distinct count.
  it('ranks groups by a distinct count as PostgreSQL does, as admin', async () => {
    const { outcome, judgement } = await judged(
      'admin',
      'SELECT library_code AS g0, MEASURE(num_of_distinct_borrowers) AS a0, rank() OVER (ORDER BY MEASURE(num_of_distinct_borrowers) DESC) AS r FROM fulfillment GROUP BY 1 ORDER BY 1',
      'SELECT l.library_code AS g0, count(DISTINCT l.user_id) AS a0, rank() OVER (ORDER BY count(DISTINCT l.user_id) DESC) AS r, {people:loans:l} AS __people FROM {loans} l GROUP BY 1 ORDER BY 1',
      { rows: 'ordered' },
    );
    expect(outcome.kind).toBe('rows');
    expect(judgement.classification, judgement.detail).toBe('correct');
  });

  // An OR of a LIKE and = ANY(ARRAY[...]) is a segment; the boundary did not admit ANY, and the refusal came out as XX000.
  it.each(['admin', 'analyst'])('filters by an OR of LIKE and = ANY(ARRAY[...]) as PostgreSQL does, as %s', async (group) => {
    const { outcome, judgement } = await judged(
      group,
      "SELECT user_group AS g0, count(*) AS a0 FROM fines_and_fees WHERE (lower(fee_status) LIKE '%pen%' OR fee_type = ANY(ARRAY['Lost item replacement fee', 'Overdue fine'])) GROUP BY 1",
      "SELECT f.user_group AS g0, count(*) AS a0, {people:fines_fees:f} AS __people FROM {fines_fees} f WHERE (lower(f.fee_status) LIKE '%pen%' OR f.fee_type = ANY(ARRAY['Lost item replacement fee', 'Overdue fine'])) GROUP BY 1",
      { rows: 'unordered' },
    );
    expect(outcome.kind).toBe('rows');
    expect(judgement.classification, judgement.detail).toBe('correct');
  });

  // The planner let a null test of a column the analyst sees masked into a segment, which the boundary then refused: XX000.
  it('refuses a null test of a masked column inside an OR with 0A000, as analyst', async () => {
    const { outcome, judgement } = await judged(
      'analyst',
      "WITH q AS (SELECT lower(job_title) AS g0, status AS g1, count(*) AS a0 FROM users WHERE (lower(job_title) LIKE '%ect%' OR gender IS NULL) GROUP BY 1, 2) SELECT * FROM q",
      "SELECT lower(u.job_title) AS g0, u.status AS g1, count(*) AS a0, {people:users:u} AS __people FROM {users} u WHERE (lower(u.job_title) LIKE '%ect%' OR u.gender IS NULL) GROUP BY 1, 2",
      { rows: 'unordered' },
    );
    expect(outcome.kind === 'error' && outcome.code).toBe('0A000');
    expect(judgement.classification, judgement.detail).not.toMatch(/wrong|other-error/);
  });
});
