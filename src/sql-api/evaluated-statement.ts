import type { CatalogDatabase } from './catalog/catalog-database';
import { describeCatalogStatement, runCatalogStatement } from './catalog/catalog-statement';
import { loadThroughCube } from './data-statement';
import { cubeAnswerRows } from './result/cube-answer-rows';
import { textOfCubeValue } from './result/encode-value';
import { pgTypeOf } from './result/pg-types';
import type { SqlSession } from './session';
import type { SqlInterfaceOptions } from './sql-interface-options';
import type { StatementDescription, StatementResult } from './statement-result';
import { parseStatements } from './translate/parse-sql';
import { toEvaluatedPlan, type EvaluatedPlan } from './translate/to-evaluated-plan';

/** The plan, from the statement's own text so node locations point into it. */
function planOf(sql: string, session: SqlSession, params: (string | null)[], describing = false): EvaluatedPlan {
  const select = parseStatements(sql)[0]!.node.SelectStmt;
  // Describe comes before parameter values: conditions and limits do not change the columns.
  const { whereClause, havingClause, limitCount, limitOffset, ...shape } = select;
  return toEvaluatedPlan(sql, describing ? shape : select, session.tables, params);
}

/**
 * Answers a SELECT with expressions over a view: Cube answers the members it names
 * (with the session's security context, as every data query), then the session's
 * PGlite evaluates the select list over those rows, handed over as one JSON parameter.
 */
export async function runEvaluatedStatement(
  session: SqlSession,
  options: SqlInterfaceOptions,
  sql: string,
  params: (string | null)[],
  paramTypes: number[],
): Promise<StatementResult> {
  const plan = planOf(sql, session, params);
  let rows = cubeAnswerRows(await loadThroughCube(session, options, plan));
  for (const check of plan.rowChecks) rows = rows.filter((r) => check.test(r[check.key]));
  const json = rows.map((row) =>
    Object.fromEntries(plan.inputs.map((i) => [i.name, textOfCubeValue(row[i.member.key], pgTypeOf({ ...i.member.column, kind: i.member.kind === 'measure' ? 'measure' : 'dimension' }).oid)])),
  );
  const values = [...plan.parameters.map((n) => params[n - 1] ?? null), JSON.stringify(json)];
  const types = [...plan.parameters.map((n) => paramTypes[n - 1] ?? 0), 0];
  return runCatalogStatement(session.catalog as CatalogDatabase, plan.sql, values, types);
}

/** Columns and parameter types of such a SELECT, from PGlite's description of the evaluation. */
export async function describeEvaluatedStatement(session: SqlSession, sql: string, declared: number[], count: number): Promise<StatementDescription> {
  const plan = planOf(sql, session, Array(count).fill(null), true);
  const description = await describeCatalogStatement(session.catalog as CatalogDatabase, plan.sql);
  const parameterTypes = Array.from({ length: count }, (_, i) => declared[i] || 25);
  plan.parameters.forEach((n, i) => {
    if (!declared[n - 1]) parameterTypes[n - 1] = description.parameterTypes[i] ?? 25;
  });
  return { parameterTypes, columns: description.columns };
}
