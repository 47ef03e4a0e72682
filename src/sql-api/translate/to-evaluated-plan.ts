import type { VisibleTable } from '../catalog/visible-tables';
import { quoteIdentifier } from '../catalog/quote-identifier';
import { pgTypeOf } from '../result/pg-types';
import { SqlApiError, SQLSTATE, unsupported } from '../sql-api-error';
import type { CubeQuery } from './cube-query';
import { FromScope } from './from-scope';
import { functionName, resolveExpression } from './resolve-expression';
import type { ResolvedMember } from './resolved-member';
import { countOf } from './sql-literal';
import { charOffsetsOf, clauseItems, leafEnd, sqlTokens, tokenAt, topLevelWord } from './sql-tokens';
import { defaultName, rejectUnsupportedClauses } from './to-cube-query';
import { toFilters, type RowCheck } from './where-to-filters';

/** A member read from Cube's answer under a column name of the evaluation's input. */
export interface EvaluatedInput {
  name: string;
  member: ResolvedMember;
}

/**
 * A SELECT whose expressions are evaluated over Cube's aggregated answer: Cube answers
 * `query`, and `sql` computes the select list over those rows, passed as the JSON
 * parameter `$jsonParameter` (the user's own parameters renumbered by `parameters`).
 */
export interface EvaluatedPlan {
  query: CubeQuery;
  inputs: EvaluatedInput[];
  rowChecks: RowCheck[];
  sql: string;
  /** For each $n of `sql` before the JSON one, the user's parameter number. */
  parameters: number[];
  jsonParameter: number;
  changeUser?: string;
}

const MEMBER_FUNCTIONS = new Set(['measure', 'count', 'sum', 'avg', 'min', 'max', 'date_trunc']);

/** A node that stands for one member: a column, MEASURE()/its aggregate, or date_trunc(). */
function isLeaf(node: Record<string, any>): boolean {
  if (node.ColumnRef) return !node.ColumnRef.fields.at(-1)?.A_Star;
  return !!node.FuncCall && !node.FuncCall.over && MEMBER_FUNCTIONS.has(functionName(node.FuncCall));
}

function isPlain(node: Record<string, any>): boolean {
  return isLeaf(node) || (!!node.TypeCast && isPlain(node.TypeCast.arg));
}

function plainLeaf(node: Record<string, any>): Record<string, any> | null {
  if (isLeaf(node)) return node;
  return node.TypeCast ? plainLeaf(node.TypeCast.arg) : null;
}

/** Whether a SELECT over one view computes something Cube cannot: expressions, window functions. */
export function needsEvaluation(select: Record<string, any>): boolean {
  const from = select.fromClause ?? [];
  if (from.length !== 1 || !from[0].RangeVar) return false;
  const targets = (select.targetList ?? []) as Record<string, any>[];
  if (targets.some((t) => !t.ResTarget.val.ColumnRef?.fields.at(-1)?.A_Star && !isPlain(t.ResTarget.val))) return true;
  return ((select.sortClause ?? []) as Record<string, any>[]).some((s) => {
    const node = s.SortBy.node;
    return !node.A_Const && !isPlain(node);
  });
}

interface Leaf {
  node: Record<string, any>;
  start: number;
}

/** Collects leaves and parameters under a node; subqueries are refused. */
function collect(node: unknown, leaves: Leaf[], params: number[], flags: { window: boolean }): void {
  if (Array.isArray(node)) return node.forEach((n) => collect(n, leaves, params, flags));
  if (!node || typeof node !== 'object') return;
  const n = node as Record<string, any>;
  if (n.SubLink) throw unsupported('A subquery in an expression', n.SubLink.location);
  if (n.ColumnRef?.fields.at(-1)?.A_Star) throw unsupported('* inside an expression', n.ColumnRef.location);
  if (isLeaf(n)) {
    leaves.push({ node: n, start: (Object.values(n)[0] as { location: number }).location });
    return;
  }
  if (n.ParamRef) params.push(n.ParamRef.location);
  if (n.FuncCall?.over) flags.window = true;
  for (const value of Object.values(n)) collect(value, leaves, params, flags);
}

/** Text of [start, end) with each leaf and parameter replaced. */
function rewrite(sql: string, start: number, end: number, replacements: { start: number; end: number; text: string }[]): string {
  let out = '';
  let at = start;
  for (const r of replacements.filter((r) => r.start >= start && r.end <= end).sort((a, b) => a.start - b.start)) {
    out += sql.slice(at, r.start) + r.text;
    at = r.end;
  }
  return out + sql.slice(at, end);
}

/**
 * Plans a SELECT over one view whose select list or ORDER BY holds expressions
 * (arithmetic, CASE, COALESCE, functions, window functions). Every column it names is
 * resolved against the session's visible members first, so the evaluation only ever
 * sees the members this session may read; WHERE, GROUP BY and HAVING go to Cube.
 */
export function toEvaluatedPlan(sql: string, select: Record<string, any>, tables: VisibleTable[], params: (string | null)[]): EvaluatedPlan {
  rejectUnsupportedClauses(select);
  const range = select.fromClause[0].RangeVar;
  const table = tables.find((t) => t.name === range.relname);
  if (!table) throw new SqlApiError(SQLSTATE.undefinedTable, `relation "${range.relname}" does not exist`, range.location);
  const scope = FromScope.ofTable(table, range.alias?.aliasname);
  const targets = (select.targetList as Record<string, any>[]).map((t) => t.ResTarget);
  const sorts = ((select.sortClause ?? []) as Record<string, any>[]).map((s) => s.SortBy);
  if (targets.some((t) => t.val.ColumnRef?.fields.at(-1)?.A_Star)) throw unsupported('SELECT * next to expressions');

  const tokens = sqlTokens(sql);
  const charAt = charOffsetsOf(sql);
  const selectAt = topLevelWord(tokens, 'SELECT');
  const firstItem = tokens[selectAt + 1]?.text === 'DISTINCT' || tokens[selectAt + 1]?.text === 'ALL' ? selectAt + 2 : selectAt + 1;
  const targetSpans = clauseItems(tokens, firstItem, new Set(['FROM']));
  const orderAt = topLevelWord(tokens, 'ORDER', 'BY');
  const sortSpans = orderAt < 0 ? [] : clauseItems(tokens, orderAt + 2, new Set(['LIMIT', 'OFFSET', 'FETCH', 'FOR']));
  if (targetSpans.length !== targets.length || sortSpans.length !== sorts.length) throw unsupported('This select list');

  const leaves: Leaf[] = [];
  const paramLocations: number[] = [];
  const flags = { window: false };
  for (const t of targets) collect(t.val, leaves, paramLocations, flags);
  const outputNames = new Set(targets.map((t) => t.name ?? defaultName(t.val)));
  for (const s of sorts) {
    const alias = s.node.ColumnRef?.fields.length === 1 ? s.node.ColumnRef.fields[0].String?.sval : undefined;
    if (s.node.A_Const || (alias !== undefined && outputNames.has(alias))) continue;
    collect(s.node, leaves, paramLocations, flags);
  }

  // One input column per member, named like the expression so PostgreSQL's default names hold.
  const inputs: EvaluatedInput[] = [];
  const replacements: { start: number; end: number; text: string }[] = [];
  for (const leaf of leaves) {
    const member = resolveExpression(leaf.node, scope, params);
    const start = charAt(leaf.start);
    let input = inputs.find((i) => i.member.key === member.key);
    if (!input) {
      const base = defaultName(leaf.node);
      let name = base;
      for (let n = 2; inputs.some((i) => i.name === name); n++) name = `${base}_${n}`;
      input = { name, member };
      inputs.push(input);
    }
    replacements.push({ start, end: leafEnd(tokens, tokenAt(tokens, start)), text: `__cube.${quoteIdentifier(input.name)}` });
  }
  const parameters: number[] = [];
  for (const location of paramLocations) {
    const token = tokens[tokenAt(tokens, charAt(location))]!;
    parameters.push(Number(token.text.slice(1)));
    replacements.push({ start: token.start, end: token.end, text: `$${parameters.length}` });
  }

  const groups = ((select.groupClause ?? []) as Record<string, any>[]).map((g) => {
    if (g.GroupingSet) throw unsupported('GROUPING SETS / ROLLUP / CUBE');
    const ordinal = g.A_Const?.ival ? g.A_Const.ival.ival : undefined;
    const alias = g.ColumnRef?.fields.length === 1 ? targets.find((t) => t.name === g.ColumnRef.fields[0].String?.sval) : undefined;
    const target = ordinal !== undefined ? targets[ordinal - 1] : alias;
    if (ordinal !== undefined && !target) throw new SqlApiError(SQLSTATE.invalidParameterValue, `GROUP BY position ${ordinal} is not in select list`);
    const node = plainLeaf(target ? target.val : g);
    if (!node) throw unsupported('GROUP BY an expression over columns');
    const member = resolveExpression(node, scope, params);
    if (member.kind === 'measure') throw new SqlApiError(SQLSTATE.groupingError, 'aggregate functions are not allowed in GROUP BY');
    return member;
  });
  const members = [...inputs.map((i) => i.member), ...groups].filter((m, i, all) => all.findIndex((o) => o.key === m.key) === i);
  if (groups.length || members.some((m) => m.kind === 'measure')) {
    const grouped = new Set(groups.map((g) => g.key));
    const loose = inputs.find((i) => i.member.kind !== 'measure' && !grouped.has(i.member.key));
    if (loose) throw new SqlApiError(SQLSTATE.groupingError, `column "${loose.member.column.name}" must appear in the GROUP BY clause or be used in an aggregate function`);
  }

  if (!members.length) throw unsupported('A select list that reads no column of the view');
  const rowChecks: RowCheck[] = [];
  const answerKeys = new Set(members.map((m) => m.key));
  const whereCtx = { scope, params, clause: 'WHERE' as const, rowChecks, answerKeys, changeUser: undefined as string | undefined };
  const filters = [...toFilters(select.whereClause, whereCtx), ...toFilters(select.havingClause, { scope, params, clause: 'HAVING', rowChecks, answerKeys })];

  const limit = countOf(select.limitCount, params, 'LIMIT');
  const offset = countOf(select.limitOffset, params, 'OFFSET');
  // Cube sorts and limits when every ORDER BY item is a member and no window needs all rows.
  const sortMembers = sorts.map((s) => {
    const ordinal = s.node.A_Const?.ival ? s.node.A_Const.ival.ival : undefined;
    const alias = s.node.ColumnRef?.fields.length === 1 ? targets.find((t) => t.name === s.node.ColumnRef.fields[0].String?.sval) : undefined;
    const target = ordinal !== undefined ? targets[ordinal - 1] : alias;
    const node = target ? plainLeaf(target.val) : plainLeaf(s.node);
    return node && (!s.sortby_nulls || s.sortby_nulls === 'SORTBY_NULLS_DEFAULT') ? resolveExpression(node, scope, params) : null;
  });
  const pushDown = !flags.window && rowChecks.length === 0 && sortMembers.every((m) => m !== null);
  const order = pushDown
    ? sortMembers.map((m, i): [string, 'asc' | 'desc'] => [m!.kind === 'time' ? m!.column.member : m!.key, sorts[i].sortby_dir === 'SORTBY_DESC' ? 'desc' : 'asc'])
    : [];

  const columns = inputs.map((i) => `${quoteIdentifier(i.name)} ${pgTypeOf({ ...i.member.column, kind: i.member.kind === 'measure' ? 'measure' : 'dimension' }).name}`);
  const jsonParameter = parameters.length + 1;
  const distinct = select.distinctClause ? 'DISTINCT ' : '';
  let outer = `SELECT ${distinct}${targetSpans.map(([s, e]) => rewrite(sql, s, e, replacements)).join(', ')}`
    + ` FROM jsonb_to_recordset($${jsonParameter}::jsonb) AS __cube(${columns.join(', ') || '"?" text'})`;
  if (!pushDown) {
    if (sortSpans.length) outer += ` ORDER BY ${sortSpans.map(([s, e]) => rewrite(sql, s, e, replacements)).join(', ')}`;
    if (limit !== undefined) outer += ` LIMIT ${limit}`;
    if (offset !== undefined) outer += ` OFFSET ${offset}`;
  }
  const query: CubeQuery = {
    measures: members.filter((m) => m.kind === 'measure').map((m) => m.key),
    dimensions: members.filter((m) => m.kind === 'dimension').map((m) => m.key),
    timeDimensions: members.flatMap((m) => (m.kind === 'time' ? [{ dimension: m.column.member, granularity: m.granularity }] : [])),
    filters,
    order,
    ...(pushDown && limit !== undefined ? { limit } : {}),
    ...(pushDown && offset !== undefined ? { offset } : {}),
  };
  return { query, inputs, rowChecks, sql: outer, parameters, jsonParameter, changeUser: whereCtx.changeUser };
}
