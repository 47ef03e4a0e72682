import { randomUUID } from 'node:crypto';
import { quoteIdentifier } from '../catalog/quote-identifier';
import { disclosurePolicyFor } from '../../disclosure/disclosure-policy';
import { cubeAnswerRows, memberName, type MemberRow } from '../result/cube-answer-rows';
import type { SqlSession } from '../session';
import { safeCubeErrorMessage } from '../safe-cube-error';
import { SqlApiError, SQLSTATE } from '../sql-api-error';
import { DATABASE_UNREACHABLE_SQLSTATE, saysDatabaseUnreachable, unreachableSentence } from '../../cube/database-outage';
import type { SqlInterfaceOptions } from '../sql-interface-options';
import type { CubeQuery } from './cube-query';
import type { CubePlan } from './plan-cube-query';
import { outputAlias, StatementPlanning, type PendingRelation, type SelectPlan } from './plan-select';
import { everyRowSegment, refuseExpressionsBeyondPolicy } from './member-expression';
import { finishSql } from './sql-fragment';
import { runOverCells, type CellAnswer } from './run-over-cells';
import { memberType, SQL_TYPES, type SqlType } from './sql-type';

/**
 * The most rows a statement answered with SQL may return (CUBEJS_SQL_MAX_ROWS): every
 * row is held in memory before it is sent, and a careless cross join must not take the
 * server down. Above Excel's and Power BI's row counts (1,048,576 and 1,000,001).
 */
function maxRows(): number {
  return Number(process.env.CUBEJS_SQL_MAX_ROWS ?? 1_100_000);
}

/** Cube's cap on a query's row limit (CUBEJS_DB_QUERY_LIMIT); larger answers are read page by page. */
function rowCap(): number {
  return Number(process.env.CUBEJS_DB_QUERY_LIMIT ?? 50_000);
}

function request(session: SqlSession, changeUser?: string) {
  return {
    id: randomUUID(),
    meta: { protocol: 'postgres', apiType: 'sql', appName: session.appName, ...(changeUser ? { changeUser } : {}) },
  };
}

async function checkChangeUser(session: SqlSession, options: SqlInterfaceOptions, changeUser: string | undefined): Promise<void> {
  if (!changeUser || changeUser === session.context.user) return;
  const allowed = await options.canSwitchUserForSession({ session: session.context, user: changeUser });
  if (!allowed) {
    throw new SqlApiError(
      SQLSTATE.insufficientPrivilege,
      `You cannot change security context via __user from ${session.context.user} to ${changeUser}, because it's not allowed.`,
    );
  }
}

/**
 * Cube's callbacks hand over only an error's message, not its HTTP status. The privacy
 * rules' refusals (the boundary, disclosure control) say whom they refuse ("this group",
 * "this token"): those are 42501, so a client can tell "not for you" from a failure.
 */
function refusalCode(message: string): string {
  return /\bthis (group|token)\b/.test(message) ? SQLSTATE.insufficientPrivilege : SQLSTATE.internalError;
}

/** Calls one of Cube's callbacks, waiting out "Continue wait" (the query still runs) up to the query timeout. */
async function callCube<T>(session: SqlSession, call: () => Promise<T> | T): Promise<T> {
  const deadline = Date.now() + Number(process.env.CUBEJS_SQL_QUERY_TIMEOUT_MS ?? 300_000);
  for (;;) {
    try {
      return await call();
    } catch (e) {
      const message = (e as { message?: string })?.message ?? String(e);
      // The database is down: say so, as PostgreSQL does while it cannot take connections yet (57P03).
      if (saysDatabaseUnreachable(message)) throw new SqlApiError(DATABASE_UNREACHABLE_SQLSTATE, unreachableSentence(message));
      if (message !== 'Continue wait') throw new SqlApiError(refusalCode(message), safeCubeErrorMessage(message, session.tables));
      if (Date.now() > deadline) throw new SqlApiError(SQLSTATE.queryCanceled, 'canceling statement due to statement timeout (CUBEJS_SQL_QUERY_TIMEOUT_MS)');
    }
  }
}

function load(session: SqlSession, options: SqlInterfaceOptions, query: CubeQuery, sqlQuery?: [string, unknown[]], changeUser?: string): Promise<unknown> {
  return callCube(session, () => options.sqlApiLoad({
    request: request(session, changeUser),
    session: session.context,
    query,
    queryKey: null,
    sqlQuery,
    streaming: false,
    cacheMode: 'stale-if-slow',
  }));
}

/** Whether disclosure control let answers out whole, and if not, whether they say so. */
export interface Wholeness {
  whole: boolean;
  /** Not whole only because an answer does not count what it left out (narrowed by the caller's own filters). */
  unknown: boolean;
}

/**
 * Notes on `into` whether disclosure control let an answer out whole: no cell suppressed,
 * no row left out. An answer without the annotation, or whose left-out rows are not counted
 * (the caller's filters narrowed it), is not known to be whole.
 */
function noteWholeness(answer: unknown, into: Wholeness): void {
  const results = (answer as { getResults?(): { getRootResultObject?(): unknown[] }[] })?.getResults?.() ?? [];
  const disclosures = results.map((result) => (result.getRootResultObject?.()[0] as { annotation?: { disclosure?: { suppressedCells?: unknown[]; hiddenRows?: number | null } } })?.annotation?.disclosure);
  if (!disclosures.length || disclosures.some((d) => !d)) {
    into.whole = false;
    return;
  }
  if (disclosures.some((d) => (d!.suppressedCells?.length ?? 1) > 0 || (d!.hiddenRows ?? 0) > 0)) {
    into.whole = false;
    into.unknown = false;
    return;
  }
  if (disclosures.some((d) => d!.hiddenRows !== 0)) {
    into.unknown = into.whole || into.unknown;
    into.whole = false;
  }
}

/** A plain Cube query through the load path, read page by page past Cube's row cap; `whole` as noteWholeness says. */
async function loadCubeQuery(session: SqlSession, options: SqlInterfaceOptions, plan: CubePlan, whole: Wholeness = { whole: true, unknown: false }): Promise<MemberRow[]> {
  await checkChangeUser(session, options, plan.changeUser);
  const cap = rowCap();
  const wanted = plan.query.limit;
  // The expressions' `$n$` parameters travel with the query; Cube binds them where it builds the SQL.
  const query: CubeQuery = plan.expressionParams.length ? { ...plan.query, expressionParams: plan.expressionParams } : plan.query;
  const first = { ...query, limit: Math.min(wanted ?? cap, cap) };
  const firstAnswer = await load(session, options, first, undefined, plan.changeUser);
  noteWholeness(firstAnswer, whole);
  const rows = cubeAnswerRows(firstAnswer);
  if (rows.length < cap || (wanted !== undefined && wanted <= cap)) return rows;
  // More rows than one query may return: ask again in pages, in an order that fixes every row's place.
  const order: [string, 'asc' | 'desc'][] = [...plan.query.order];
  for (const member of [...plan.query.dimensions, ...plan.query.timeDimensions.map((t) => t.dimension), ...plan.query.measures]) {
    // A member expression is ordered by its alias.
    const key = member.startsWith('{') ? (JSON.parse(member) as { alias: string }).alias : member;
    if (!order.some(([m]) => m === key)) order.push([key, 'asc']);
  }
  const all: MemberRow[] = [];
  const start = plan.query.offset ?? 0;
  for (let offset = start; ; offset += cap) {
    const limit = Math.min(cap, wanted === undefined ? cap : wanted - (offset - start));
    if (limit <= 0) break;
    const pageAnswer = await load(session, options, { ...query, order, limit, offset }, undefined, plan.changeUser);
    noteWholeness(pageAnswer, whole);
    const page = cubeAnswerRows(pageAnswer);
    all.push(...page);
    if (page.length < limit) break;
  }
  return all;
}

interface CubeSqlAnswer {
  sql?: { sql?: [string, unknown[]]; aliasNameToMember?: Record<string, unknown> };
}

/** Cube's SQL for a query, with the caller's policies, masks and row filters applied by Cube itself. */
async function cubeSql(session: SqlSession, options: SqlInterfaceOptions, query: CubeQuery, expressionParams: (string | null)[], keys: string[], types: SqlType[], planning: StatementPlanning): Promise<string> {
  const answer = (await callCube(session, () => options.sql({
    request: request(session),
    session: session.context,
    // Also on the query, where the privacy boundary checks each `$n$` against them.
    query: expressionParams.length ? { ...query, expressionParams } : query,
    memberToAlias: undefined,
    expressionParams,
  }))) as CubeSqlAnswer;
  const [text, values] = answer.sql?.sql ?? [];
  if (typeof text !== 'string' || !Array.isArray(values)) throw new SqlApiError(SQLSTATE.internalError, 'Cube answered without SQL');
  const aliases = Object.entries(answer.sql?.aliasNameToMember ?? {}).map(([alias, member]) => [alias, memberName(member)]);
  const columns = keys.map((key, i) => {
    const alias = aliases.find(([, member]) => member === key)?.[0];
    if (!alias) throw new SqlApiError(SQLSTATE.internalError, 'Cube\'s SQL lacks a column the plan reads');
    // As the plan typed it: a time dimension cast to date comes from Cube as the day's timestamp.
    return `CAST(q.${quoteIdentifier(alias)} AS ${SQL_TYPES[types[i]!].cast}) AS ${quoteIdentifier(outputAlias(i))}`;
  });
  // Cube's own constants become the statement's parameters, in place of its `$n$` placeholders.
  const inner = text.replace(/\$(\d+)\$/g, (_, n: string) => planning.constants.token(values[Number(n)] == null ? null : String(values[Number(n)]), false));
  return `(SELECT ${columns.join(', ')} FROM (${inner}) AS q)`;
}

/** The Cube query behind a pending relation, and the keys of Cube's answer it reads in column order. */
function relationQuery(relation: PendingRelation): { query: CubeQuery; expressionParams: (string | null)[]; keys: string[]; types: SqlType[] } {
  if (relation.kind === 'cube') {
    const { plan } = relation;
    if (plan.nullsFirst) throw new SqlApiError(SQLSTATE.featureNotSupported, 'NULLS FIRST/LAST inside a subquery over a calculated measure is not supported by the SQL API');
    return { query: { ...plan.query, limit: plan.query.limit }, expressionParams: plan.expressionParams, keys: plan.outputs.map((o) => o.key), types: plan.outputs.map((o) => o.type) };
  }
  const used = [...relation.used.values()];
  if (!used.length) {
    // A query needs a member; a relation whose columns are not read still has its rows.
    const first = relation.view.columns.find((c) => c.kind === 'dimension') ?? relation.view.columns[0]!;
    used.push({ alias: outputAlias(0), column: first });
  }
  return {
    query: {
      dimensions: used.filter((u) => u.column.kind === 'dimension').map((u) => u.column.member),
      measures: used.filter((u) => u.column.kind === 'measure').map((u) => u.column.member),
      segments: [everyRowSegment(relation.view.name, (used.find((u) => u.column.kind === 'dimension')?.column ?? relation.view.columns.find((c) => c.kind === 'dimension') ?? used[0]!.column).member, 'every_row')],
      timeDimensions: [],
      filters: [],
      order: [],
      ungrouped: true,
    },
    expressionParams: [],
    keys: used.map((u) => u.column.member),
    types: used.map((u) => memberType(u.column)),
  };
}

/** SQL of the whole statement: every relation token replaced by Cube's SQL, constants numbered. */
async function statementSql(session: SqlSession, options: SqlInterfaceOptions, plan: SelectPlan, planning: StatementPlanning): Promise<{ sql: string; values: unknown[]; query: CubeQuery }> {
  const top = plan.kind === 'cube' ? planning.relationToken({ kind: 'cube', plan }) : `(${plan.text})`;
  const relations = planning.relations.map(relationQuery);
  const sqls = await Promise.all(relations.map((r) => cubeSql(session, options, r.query, r.expressionParams, r.keys, r.types, planning)));
  let text = top;
  for (let pass = 0; pass < 2 && text.includes('\u0002'); pass++) text = text.replace(/\u0002(\d+)\u0002/g, (_, i: string) => sqls[Number(i)]!);
  // Every column leaves as PostgreSQL's own text output for its type.
  const columns = plan.outputs.map((_, i) => `CAST(r.${quoteIdentifier(outputAlias(i))} AS text) AS ${quoteIdentifier(outputAlias(i))}`);
  const { sql, values } = finishSql(`SELECT ${columns.join(', ')} FROM ${text} AS r LIMIT ${maxRows() + 1}`, planning.constants);
  const { limit, offset, ...query } = relations[0]!.query;
  // Cube still builds this query's SQL (it answers with its members' aliases): with its `$n$` parameters.
  const expressionParams = relations[0]!.expressionParams;
  return { sql, values, query: expressionParams.length ? { ...query, expressionParams } : query };
}

/** A value of Cube's answer as PostgreSQL's text output for the column's type. */
function textOf(value: unknown, type: SqlType): string | null {
  if (value === null || value === undefined) return null;
  const text = value instanceof Date ? value.toISOString() : String(value);
  return SQL_TYPES[type].textFromCube?.(text) ?? text;
}

/** What in a plan needs more than Cube's own grouping of plain members, in words; undefined when nothing does. */
function beyondGrouping(plan: SelectPlan): string | undefined {
  if (plan.kind === 'sql') return plan.reason;
  if (plan.query.ungrouped) return 'A SELECT of columns without GROUP BY (one row per record)';
  return undefined;
}

/**
 * Groups with a minimum cell size get answers only through Cube's grouping of plain
 * members, where each cell's people are counted and small cells suppressed; what needs
 * SQL around that answer is refused up front, naming the construct (0A000).
 */
function refuseBeyondGrouping(session: SqlSession, plan: SelectPlan): void {
  const policy = disclosurePolicyFor(session.context.securityContext);
  // Expressions over columns are member expressions the privacy boundary checks; what this group may not have in one is named here.
  if (policy && plan.kind === 'cube') refuseExpressionsBeyondPolicy(plan.query, session.context.securityContext, plan.expressionParams);
  const construct = policy && beyondGrouping(plan);
  if (!construct) return;
  throw new SqlApiError(
    SQLSTATE.featureNotSupported,
    `${construct} is not supported by the SQL API for this group: every cell of its answers must count at least ${policy.minCellSize} people, `
    + 'which only the semantic layer\'s own grouping checks. Select measures grouped by columns, or by date_trunc(\'day\' or coarser, a time column).',
  );
}

/**
 * Rows Cube sorted with PostgreSQL's default NULL placement, with NULLs moved to the end
 * each ORDER BY item asks for. Within each run of rows equal on the items before it, the
 * NULL run of an item moves as a block; only equality of values is used, never an order
 * of our own, so the database's collation still decides everything else.
 */
function placeNulls(rows: MemberRow[], keys: string[], nullsFirst: boolean[], level = 0): MemberRow[] {
  if (level >= keys.length || rows.length < 2) return rows;
  const key = keys[level]!;
  const isNull = (r: MemberRow) => r[key] === null || r[key] === undefined;
  const nulls = rows.filter(isNull);
  const values = rows.filter((r) => !isNull(r));
  const runs: MemberRow[][] = [];
  for (const row of values) {
    const last = runs.at(-1);
    if (last && String(last[0]![key]) === String(row[key])) last.push(row);
    else runs.push([row]);
  }
  const sortedValues = runs.flatMap((run) => placeNulls(run, keys, nullsFirst, level + 1));
  const sortedNulls = placeNulls(nulls, keys, nullsFirst, level + 1);
  return nullsFirst[level] ? [...sortedNulls, ...sortedValues] : [...sortedValues, ...sortedNulls];
}

/** Throws the refusal of a construct that needs more than Cube's own grouping, for a group with a minimum cell size. */
function refuseConstruct(session: SqlSession, construct: string): never {
  refuseBeyondGrouping(session, { kind: 'sql', outputs: [], text: '', reason: construct });
  throw new SqlApiError(SQLSTATE.internalError, 'a construct was refused without a minimum cell size');
}

/** A Cube plan's answer, as its own statement would get it, and whether disclosure control let it out whole. */
async function answerCells(session: SqlSession, options: SqlInterfaceOptions, plan: CubePlan): Promise<CellAnswer> {
  // Cells are answered on Cube's load path (expression parameters too), with disclosure control's annotation.
  const whole: Wholeness = { whole: true, unknown: false };
  const rows = await runPlan(session, options, plan, new StatementPlanning(session.tables, [], true), whole);
  return { rows, complete: whole.whole, unknown: whole.unknown };
}

/** Runs a plan and returns its rows as text, in the plan's output order. */
export async function runPlan(session: SqlSession, options: SqlInterfaceOptions, plan: SelectPlan, planning: StatementPlanning, whole: Wholeness = { whole: false, unknown: false }): Promise<(string | null)[][]> {
  const policy = disclosurePolicyFor(session.context.securityContext);
  // For a group with a minimum cell size, SQL may compute over Cube's grouped answers only.
  if (policy && plan.kind === 'sql' && planning.cellsOnly) {
    return runOverCells(session, plan, planning, policy.minCellSize, maxRows(), (cube) => answerCells(session, options, cube), (construct) => refuseConstruct(session, construct));
  }
  refuseBeyondGrouping(session, plan);
  // Cube's load path, where disclosure control judges every cell; with expression parameters only for a group
  // answered from cells (others get Cube's SQL, which types intervals and zoned timestamps in the database).
  if (plan.kind === 'cube' && (plan.expressionParams.length === 0 || planning.cellsOnly)) {
    let rows = await loadCubeQuery(session, options, plan, whole);
    if (plan.nullsFirst && plan.orderKeys) {
      rows = placeNulls(rows, plan.orderKeys, plan.nullsFirst).slice(plan.rowOffset ?? 0);
      if (plan.rowLimit !== undefined) rows = rows.slice(0, plan.rowLimit);
    }
    // A count over no rows is 0 in PostgreSQL; Cube (summing a rollup) can answer NULL. Only for a single
    // aggregate row, and never where NULL means a suppressed cell.
    const { query } = plan;
    const single = !query.ungrouped && !query.dimensions.length && !query.timeDimensions.length;
    const zero = single && !disclosurePolicyFor(session.context.securityContext);
    return rows.map((r) => plan.outputs.map((o) => textOf(r[o.key] ?? (zero && o.type === 'int8' ? '0' : null), o.type)));
  }
  if (plan.kind === 'cube') await checkChangeUser(session, options, plan.changeUser);
  const { sql, values, query } = await statementSql(session, options, plan, planning);
  const rows = cubeAnswerRows(await load(session, options, query, [sql, values]));
  if (rows.length > maxRows()) {
    throw new SqlApiError('54000', `the answer has more than ${maxRows()} rows (CUBEJS_SQL_MAX_ROWS); add a LIMIT, a WHERE or an aggregate`);
  }
  return rows.map((r) => plan.outputs.map((o, i) => textOf(r[outputAlias(i)], o.type === 'bool' ? 'bool' : 'text')));
}
