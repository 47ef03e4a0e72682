import { randomUUID } from 'node:crypto';
import { cubeAnswerRows } from './result/cube-answer-rows';
import { textOfCubeValue } from './result/encode-value';
import type { SqlSession } from './session';
import { safeCubeErrorMessage } from './safe-cube-error';
import { SqlApiError, SQLSTATE } from './sql-api-error';
import { DATABASE_UNREACHABLE_SQLSTATE, saysDatabaseUnreachable } from '../cube/database-outage';
import type { SqlInterfaceOptions } from './sql-interface-options';
import type { StatementDescription, StatementResult } from './statement-result';
import { toDataPlan, type DataPlan } from './translate/to-cube-query';
import type { ColumnDescription } from './protocol/backend/row-description';

function columnsOf(plan: DataPlan): ColumnDescription[] {
  return plan.columns.map((c) => ({ name: c.name, typeOid: c.type.oid, typeSize: c.type.size }));
}

/** Loads the plan's Cube query through the gateway's load path with the session's security context. */
export async function loadThroughCube(session: SqlSession, options: SqlInterfaceOptions, plan: Pick<DataPlan, 'query' | 'changeUser'>): Promise<unknown> {
  if (plan.changeUser && plan.changeUser !== session.context.user) {
    const allowed = await options.canSwitchUserForSession({ session: session.context, user: plan.changeUser });
    if (!allowed) {
      throw new SqlApiError(
        SQLSTATE.insufficientPrivilege,
        `You cannot change security context via __user from ${session.context.user} to ${plan.changeUser}, because it's not allowed.`,
      );
    }
  }
  const payload = {
    request: {
      id: randomUUID(),
      meta: { protocol: 'postgres', apiType: 'sql', appName: session.appName, ...(plan.changeUser ? { changeUser: plan.changeUser } : {}) },
    },
    session: session.context,
    query: plan.query,
    queryKey: null,
    sqlQuery: undefined,
    streaming: false,
    cacheMode: 'stale-if-slow',
  } as const;
  // Cube's long poll: "Continue wait" means the query still runs. REST clients ask again;
  // a SQL client cannot, so the session does it for them, up to the query timeout.
  const deadline = Date.now() + Number(process.env.CUBEJS_SQL_QUERY_TIMEOUT_MS ?? 300_000);
  for (;;) {
    try {
      return await options.sqlApiLoad(payload);
    } catch (e) {
      const message = (e as { message?: string })?.message ?? String(e);
      if (saysDatabaseUnreachable(message)) throw new SqlApiError(DATABASE_UNREACHABLE_SQLSTATE, message);
      if (message !== 'Continue wait') throw new SqlApiError(SQLSTATE.internalError, safeCubeErrorMessage(message, session.tables));
      if (Date.now() > deadline) throw new SqlApiError(SQLSTATE.queryCanceled, 'canceling statement due to statement timeout (CUBEJS_SQL_QUERY_TIMEOUT_MS)');
    }
  }
}

/** Answers a SELECT over views: translate, load through Cube, shape Cube's rows as the select list. */
export async function runDataStatement(
  session: SqlSession,
  options: SqlInterfaceOptions,
  select: Record<string, any>,
  parameters: (string | null)[],
): Promise<StatementResult> {
  const plan = toDataPlan(select, session.tables, parameters);
  let rows = cubeAnswerRows(await loadThroughCube(session, options, plan));
  for (const check of plan.rowChecks) rows = rows.filter((r) => check.test(r[check.key]));
  if (plan.rowOffset) rows = rows.slice(plan.rowOffset);
  if (plan.rowLimit !== undefined) rows = rows.slice(0, plan.rowLimit);
  const text = rows.map((r) => plan.columns.map((c) => textOfCubeValue(r[c.member.key], c.type.oid)));
  return { columns: columnsOf(plan), rows: text, tag: `SELECT ${text.length}` };
}

/** WHERE, HAVING, LIMIT and OFFSET do not change the columns, and their $n have no values yet. */
function withoutConditions(select: Record<string, any>): Record<string, any> {
  const from = (select.fromClause ?? []).map((f: Record<string, any>) =>
    f.RangeSubselect
      ? { RangeSubselect: { ...f.RangeSubselect, subquery: { SelectStmt: withoutConditions(f.RangeSubselect.subquery.SelectStmt) } } }
      : f,
  );
  const { whereClause, havingClause, limitCount, limitOffset, ...rest } = select;
  return { ...rest, fromClause: from };
}

/** The highest $n a statement uses. */
export function highestParameter(node: unknown): number {
  if (Array.isArray(node)) return Math.max(0, ...node.map(highestParameter));
  if (!node || typeof node !== 'object') return 0;
  return Math.max(0, ...Object.entries(node).map(([k, v]) => (k === 'ParamRef' ? (v as { number: number }).number : highestParameter(v))));
}

/** Columns and parameter types of a data statement; parameters are text unless declared. */
export function describeDataStatement(session: SqlSession, select: Record<string, any>, declared: number[]): StatementDescription {
  const count = Math.max(highestParameter(select), declared.length);
  const plan = toDataPlan(withoutConditions(select), session.tables, Array(count).fill(null));
  return {
    parameterTypes: Array.from({ length: count }, (_, i) => declared[i] || 25),
    columns: columnsOf(plan),
  };
}
