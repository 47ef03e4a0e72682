import { quoteIdentifier } from '../catalog/quote-identifier';
import type { SqlSession } from '../session';
import { SqlApiError, SQLSTATE } from '../sql-api-error';
import type { CubePlan } from './plan-cube-query';
import { outputAlias, type SqlPlan, type StatementPlanning } from './plan-select';
import { finishSql } from './sql-fragment';
import { SQL_TYPES } from './sql-type';

/** One Cube answer as disclosure control let it out: rows as text, and whether no cell was suppressed or left out. */
export interface CellAnswer {
  rows: (string | null)[][];
  complete: boolean;
  /** Not complete only because the answer does not say what it left out (the caller's own filters narrowed it). */
  unknown: boolean;
}

/**
 * The most cells (rows of all inputs together) SQL may compute over for a group with a
 * minimum cell size (CUBEJS_SQL_MAX_CELLS): they are sent to the session's sandbox database as parameters.
 */
function maxCells(): number {
  return Number(process.env.CUBEJS_SQL_MAX_CELLS ?? 100_000);
}

/**
 * A statement whose SQL computes over Cube's answers (joins, UNION ALL, windows,
 * expressions over aggregates), for a group with a minimum cell size. Each relation is
 * a grouped Cube query, answered as a query of its own with disclosure control judging
 * its cells; the SQL then runs over those cells alone, bound as typed JSON parameters,
 * in the session's sandbox database (its PGlite, as a role that may read nothing, in a
 * read-only transaction rolled back after). Where an answer had cells suppressed or
 * left out and the SQL computes across cells, its result would not be PostgreSQL's:
 * refused. SQL that only carries cells (UNION ALL, joins on keys, ORDER BY, LIMIT) keeps
 * disclosure control's gaps, as a Cube answer does.
 *
 * @param refuse throws the refusal for a relation that is not grouped cells (the views' rows)
 */
export async function runOverCells(
  session: SqlSession,
  plan: SqlPlan,
  planning: StatementPlanning,
  minCellSize: number,
  maxRows: number,
  answer: (plan: CubePlan) => Promise<CellAnswer>,
  refuse: (what: string) => never,
): Promise<(string | null)[][]> {
  const cubes: CubePlan[] = planning.relations.map((relation) => {
    if (relation.kind !== 'cube') refuse(plan.reason);
    if (relation.plan.query.ungrouped) refuse('A subquery that lists rows without GROUP BY (one row per record)');
    return relation.plan;
  });
  if (!cubes.length) refuse(plan.reason);
  const catalog = session.catalog;
  if (!catalog || catalog.dead) throw new SqlApiError(SQLSTATE.internalError, 'the session\'s sandbox database is not open; reconnect');
  const answers = await Promise.all(cubes.map(answer));
  const cells = answers.reduce((n, a) => n + a.rows.length, 0);
  if (cells > maxCells()) {
    throw new SqlApiError('54000', `the statement computes over ${cells} cells, more than ${maxCells()} (CUBEJS_SQL_MAX_CELLS); filter or group more coarsely`);
  }
  if (planning.combines.length && answers.some((a) => !a.complete)) {
    const gaps = answers.some((a) => !a.complete && !a.unknown)
      ? `some cells of them count fewer than ${minCellSize} people and were suppressed or left out`
      : `an answer narrowed by its own filters, conditions or expressions does not say whether it left out cells of fewer than ${minCellSize} people`;
    throw new SqlApiError(
      SQLSTATE.featureNotSupported,
      `${planning.combines[0]} across the cells of Cube's answers cannot be answered for this group: ${gaps}, `
      + 'so the result might not be the database\'s. Ask for the grouped answers one by one, or group more coarsely.',
    );
  }
  const relations = cubes.map((cube, i) => {
    const rows = answers[i]!.rows.map((row) => Object.fromEntries(row.map((v, c) => [outputAlias(c), v])));
    const token = planning.constants.token(JSON.stringify(rows), false);
    const columns = cube.outputs.map((o, c) => `${quoteIdentifier(outputAlias(c))} ${SQL_TYPES[o.type].cast}`).join(', ');
    return `(SELECT * FROM pg_catalog.json_to_recordset(CAST(${token} AS json)) AS v(${columns}))`;
  });
  let text = plan.text;
  for (let pass = 0; pass < 2 && text.includes('\u0002'); pass++) text = text.replace(/\u0002(\d+)\u0002/g, (_, i: string) => relations[Number(i)]!);
  const { sql, values } = finishSql(`SELECT * FROM (${text}) AS r LIMIT ${maxRows + 1}`, planning.constants);
  const result = await catalog.query(sql, values);
  if (result.rows.length > maxRows) {
    throw new SqlApiError('54000', `the answer has more than ${maxRows} rows (CUBEJS_SQL_MAX_ROWS); add a LIMIT, a WHERE or an aggregate`);
  }
  return result.rows;
}
