import type { SelectStmt } from '@pgsql/types';
import type { ColumnDescription } from './protocol/backend/row-description';
import type { SqlSession } from './session';
import type { SqlInterfaceOptions } from './sql-interface-options';
import type { StatementDescription, StatementResult } from './statement-result';
import type { SelectPlan } from './planner/plan-select';
import { answerSelect, planForSession } from './planner/answer-select';
import { SQL_TYPES } from './planner/sql-type';
import { POSTGRES_TYPES } from './postgres-types/type-table';

function columnsOf(plan: SelectPlan): ColumnDescription[] {
  return plan.outputs.map((o) => ({ name: o.name, typeOid: SQL_TYPES[o.type].oid, typeSize: SQL_TYPES[o.type].size }));
}

/** Answers a SELECT over views: plan it from the parse tree, run it through Cube, shape the rows as the select list. */
export async function runDataStatement(
  session: SqlSession,
  options: SqlInterfaceOptions,
  select: SelectStmt,
  parameters: (string | null)[],
): Promise<StatementResult> {
  const { plan, rows } = await answerSelect(session, options, select, parameters);
  return { columns: columnsOf(plan), rows, tag: `SELECT ${rows.length}` };
}

/** WHERE, HAVING, LIMIT and OFFSET do not change the columns, and their $n have no values yet. */
function withoutConditions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutConditions);
  if (!node || typeof node !== 'object') return node;
  const entries = Object.entries(node).filter(([key]) => !['whereClause', 'havingClause', 'limitCount', 'limitOffset'].includes(key));
  return Object.fromEntries(entries.map(([key, value]) => [key, withoutConditions(value)]));
}

/** The highest $n a statement uses. */
export function highestParameter(node: unknown): number {
  if (Array.isArray(node)) return Math.max(0, ...node.map(highestParameter));
  if (!node || typeof node !== 'object') return 0;
  return Math.max(0, ...Object.entries(node).map(([k, v]) => (k === 'ParamRef' ? (v as { number: number }).number : highestParameter(v))));
}

/** Columns and parameter types of a data statement; parameters are text unless declared. */
export function describeDataStatement(session: SqlSession, select: SelectStmt, declared: number[]): StatementDescription {
  const count = Math.max(highestParameter(select), declared.length);
  const plan = planForSession(session, withoutConditions(select) as SelectStmt, Array(count).fill(null));
  return {
    parameterTypes: Array.from({ length: count }, (_, i) => declared[i] || POSTGRES_TYPES.text.oid),
    columns: columnsOf(plan),
  };
}
