import type { FuncCall, JoinExpr, Node, RangeSubselect, RangeVar, SelectStmt, SubLink } from '@pgsql/types';
import type { VisibleColumn, VisibleTable } from '../catalog/visible-tables';
import { quoteIdentifier } from '../catalog/quote-identifier';
import { compileExpression, sortSql, type Compiled, type CompileTarget } from './compile-expression';
import { planCubeQuery, countOf, defaultName, type CubePlan } from './plan-cube-query';
import { NeedsPushdown, SqlApiError, SQLSTATE, undefinedTable, unsupported } from './plan-error';
import { inlineCommonTableExpressions, mergeOverGroupedSubquery, mergePlainSubquery, mergeReaggregation } from './rewrite-from';
import { Scope, viewColumns, type ScopeColumn, type ScopeRelation } from './scope';
import { isSplitSelect, splitGroupedSelect } from './split-grouped-select';
import { StatementParams } from './sql-fragment';
import { memberType, SQL_TYPES, type SqlType } from './sql-type';

export interface OutputColumn {
  name: string;
  type: SqlType;
}

/** SQL our code wrote around Cube's SQL: text with constant and relation tokens, columns `c0..cn`. */
export interface SqlPlan {
  kind: 'sql';
  outputs: OutputColumn[];
  text: string;
  /** The construct that needs SQL around Cube's (for a refusal that names it). */
  reason: string;
}

export type SelectPlan = CubePlan | SqlPlan;

/** A relation whose SQL Cube generates when the statement runs: a view's rows, or a Cube query's answer. */
export type PendingRelation =
  | { kind: 'view'; view: VisibleTable; used: Map<string, { alias: string; column: VisibleColumn }> }
  | { kind: 'cube'; plan: CubePlan };

/** Everything one statement's plan shares: its tables, $n values, constants and Cube relations. */
export class StatementPlanning {
  readonly constants = new StatementParams();
  readonly relations: PendingRelation[] = [];
  /**
   * What the SQL around Cube's answers does across their cells (aggregates, windows,
   * expressions over measures, joins on them): over answers with cells suppressed or
   * left out, such SQL would compute something other than PostgreSQL does.
   */
  readonly combines: string[] = [];
  /** Compiling a bare column of the select list or ORDER BY, which only carries a cell's value. */
  bare = false;
  private aliases = 0;

  /**
   * @param cellsOnly for a group with a minimum cell size: every nested SELECT is a
   *   grouped Cube query (its cells judged by disclosure control), never the views' rows
   */
  constructor(readonly tables: VisibleTable[], readonly params: (string | null)[], readonly cellsOnly = false) {}

  /** Notes something the SQL around Cube's answers computes across cells. */
  combine(what: string): void {
    if (!this.combines.includes(what)) this.combines.push(what);
  }

  nextAlias(prefix: string): string {
    return `${prefix}${this.aliases++}`;
  }

  relationToken(relation: PendingRelation): string {
    return `\u0002${this.relations.push(relation) - 1}\u0002`;
  }
}

export function outputAlias(i: number): string {
  return `c${i}`;
}

function viewOf(range: RangeVar, planning: StatementPlanning): VisibleTable {
  const table = planning.tables.find((t) => t.name === range.relname);
  if (!table || (range.schemaname && range.schemaname !== 'public') || range.catalogname) throw undefinedTable(range.relname ?? '', range.location, planning.tables.map((t) => t.name));
  return table;
}

/**
 * Plans any SELECT over views: one Cube query where Cube can answer it, SQL around Cube's
 * SQL otherwise. A nested SELECT (subquery, WITH query, UNION arm) is SQL over the view's
 * rows where it can be: Cube's SQL for a grouped query may read a pre-aggregation that
 * only the statement's own Cube query would have loaded.
 */
export function planSelect(input: SelectStmt, planning: StatementPlanning, nested = false): SelectPlan {
  let select = inlineCommonTableExpressions(input);
  if (select.op && select.op !== 'SETOP_NONE') return planSetOperation(select, planning);
  // A SELECT split over Cube's cells is not merged back into the one Cube could not answer.
  const merge = (s: SelectStmt) => (isSplitSelect(s) ? null : mergePlainSubquery(s) ?? mergeOverGroupedSubquery(s) ?? mergeReaggregation(s));
  for (let merged = merge(select); merged; merged = merge(select)) select = merged;
  rejectClauses(select);
  const from = select.fromClause ?? [];
  if (nested && !planning.cellsOnly) {
    const mark = planning.relations.length;
    try {
      return planPushdown(select, planning);
    } catch (e) {
      // A measure SQL cannot re-aggregate (a calculated one): Cube computes it.
      if (!(e instanceof SqlApiError && e.code === SQLSTATE.featureNotSupported && / measure /.test(e.message))) throw e;
      // The relations the abandoned SQL read are no part of the statement.
      planning.relations.splice(mark);
    }
  }
  if (from.length === 1 && 'RangeVar' in from[0]!) {
    const range = from[0].RangeVar;
    const view = viewOf(range, planning);
    try {
      return planCubeQuery(select, view, range.alias?.aliasname ? [range.alias.aliasname] : [view.name], planning.params, planning.cellsOnly);
    } catch (e) {
      if (!(e instanceof NeedsPushdown)) throw e;
      // Only cells may leave Cube for such a group: Cube groups, SQL computes the rest from the cells.
      const additive = new Set(view.columns.filter((c) => c.kind === 'measure' && ['count', 'sum'].includes(c.aggType ?? '')).map((c) => c.name));
      const measures = new Set(view.columns.filter((c) => c.kind === 'measure').map((c) => c.name));
      // SQL around Cube's rows of a view cannot count distinct (MEASURE_AGGREGATE): Cube's own grouped query can, as cells.
      const distinctCounts = view.columns.filter((c) => c.kind === 'measure' && c.aggType?.startsWith('countDistinct')).map((c) => `"sval":${JSON.stringify(c.name)}`);
      const readsDistinctCount = distinctCounts.some((name) => JSON.stringify(select).includes(name));
      const split = planning.cellsOnly || readsDistinctCount ? splitGroupedSelect(select, new Set(view.columns.map((c) => c.name)), additive, measures) : null;
      if (split) {
        const mark = planning.relations.length;
        const plan = planSelect(split, planning, nested);
        if (planning.relations.slice(mark).every((r) => r.kind === 'cube')) return plan;
        // Cube cannot group the split either (a condition it cannot filter by): the refusal names the construct.
        planning.relations.splice(mark);
      }
      return { ...planPushdown(select, planning), reason: e.construct };
    }
  }
  return planPushdown(select, planning);
}

/** What makes a SELECT SQL rather than one Cube query, in words. */
function pushdownReason(select: SelectStmt): string {
  const from = select.fromClause ?? [];
  if (from.length > 1 || from.some((f) => 'JoinExpr' in f)) return 'A JOIN';
  if (from.some((f) => 'RangeSubselect' in f)) return 'A query over a subquery that groups, limits or aggregates';
  if (!from.length) return 'A SELECT without FROM over views';
  return 'This statement';
}

function rejectClauses(select: SelectStmt): void {
  if (!select.targetList?.length) throw unsupported('A SELECT list with no columns');
  if (select.intoClause) throw unsupported('SELECT INTO');
  if (select.lockingClause?.length) throw unsupported('SELECT ... FOR UPDATE/SHARE');
  if (select.windowClause?.length) throw unsupported('WINDOW');
  if (select.valuesLists) throw unsupported('VALUES');
  if (select.groupDistinct) throw unsupported('GROUP BY DISTINCT');
  if (select.limitOption === 'LIMIT_OPTION_WITH_TIES') throw unsupported('FETCH ... WITH TIES');
  if ((select.distinctClause ?? []).some((d) => Object.keys(d).length > 0)) throw unsupported('DISTINCT ON');
}

/** A plan as a derived table whose columns are `c0..cn`. */
function relationSql(plan: SelectPlan, planning: StatementPlanning): string {
  return plan.kind === 'cube' ? planning.relationToken({ kind: 'cube', plan }) : `(${plan.text})`;
}

function planSetOperation(select: SelectStmt, planning: StatementPlanning): SqlPlan {
  const words: Record<string, string> = { SETOP_UNION: 'UNION', SETOP_INTERSECT: 'INTERSECT', SETOP_EXCEPT: 'EXCEPT' };
  const word = words[select.op!];
  if (!word || !select.larg || !select.rarg) throw unsupported(String(select.op));
  const left = planSelect(select.larg, planning, true);
  const right = planSelect(select.rarg, planning, true);
  if (left.outputs.length !== right.outputs.length) throw new SqlApiError(SQLSTATE.syntaxError, `each ${word} query must have the same number of columns`);
  if (word !== 'UNION' || !select.all) planning.combine(`${word}${select.all ? ' ALL' : ''}`);
  const outputs = left.outputs.map((o, i) => ({ name: o.name, type: o.type === 'unknown' as SqlType ? right.outputs[i]!.type : o.type }));
  const columns = outputs.map((_, i) => quoteIdentifier(outputAlias(i))).join(', ');
  let text = `SELECT ${columns} FROM ${relationSql(left, planning)} AS l ${word}${select.all ? ' ALL' : ''} SELECT ${columns} FROM ${relationSql(right, planning)} AS r`;
  const order = (select.sortClause ?? []).map((s) => {
    if (!('SortBy' in s)) throw unsupported('This ORDER BY');
    const node = s.SortBy.node!;
    let index = -1;
    if ('A_Const' in node && node.A_Const.ival !== undefined) index = (node.A_Const.ival.ival ?? 0) - 1;
    else if ('ColumnRef' in node && node.ColumnRef.fields?.length === 1) {
      const f = node.ColumnRef.fields[0]!;
      index = outputs.findIndex((o) => 'String' in f && o.name === f.String.sval);
    }
    if (index < 0 || index >= outputs.length) throw unsupported(`ORDER BY of a ${word} by something other than an output column`);
    return sortSql(s, () => ({ sql: '', type: 'unknown', aggregates: false }), String(index + 1));
  });
  if (order.length) text += ` ORDER BY ${order.join(', ')}`;
  text += limitSql(select, planning);
  return { kind: 'sql', outputs, text: `SELECT * FROM (${text}) AS s`, reason: `${word}` };
}

function limitSql(select: SelectStmt, planning: StatementPlanning): string {
  const limit = countOf(select.limitCount, planning.params, 'LIMIT');
  const offset = countOf(select.limitOffset, planning.params, 'OFFSET');
  return `${limit !== undefined ? ` LIMIT ${limit}` : ''}${offset ? ` OFFSET ${offset}` : ''}`;
}

/** The relations of FROM, as SQL and as a scope. */
function fromRelations(nodes: Node[], planning: StatementPlanning): { sql: string; relations: ScopeRelation[] } {
  const parts = nodes.map((n) => fromItem(n, planning));
  return { sql: parts.map((p) => p.sql).join(' CROSS JOIN '), relations: parts.flatMap((p) => p.relations) };
}

function fromItem(node: Node, planning: StatementPlanning): { sql: string; relations: ScopeRelation[] } {
  if ('RangeVar' in node) {
    const range = node.RangeVar;
    const view = viewOf(range, planning);
    const used = new Map<string, { alias: string; column: VisibleColumn }>();
    const alias = planning.nextAlias('t');
    const relation: ScopeRelation = {
      names: [range.alias?.aliasname ?? view.name],
      alias,
      view: view.name,
      columns: viewColumns(view),
    };
    const token = planning.relationToken({ kind: 'view', view, used });
    viewUses.set(relation, used);
    return { sql: `${token} AS ${quoteIdentifier(alias)}`, relations: [relation] };
  }
  if ('RangeSubselect' in node) return subselectItem(node.RangeSubselect, planning);
  if ('JoinExpr' in node) return joinItem(node.JoinExpr, planning);
  if ('RangeFunction' in node) throw unsupported('A function in FROM');
  throw unsupported(`FROM ${Object.keys(node)[0]}`);
}

/** The members each view relation's SQL must return, filled as expressions name its columns. */
const viewUses = new WeakMap<ScopeRelation, Map<string, { alias: string; column: VisibleColumn }>>();

function subselectItem(range: RangeSubselect, planning: StatementPlanning): { sql: string; relations: ScopeRelation[] } {
  if (range.lateral) throw unsupported('LATERAL');
  const sub = range.subquery;
  if (!sub || !('SelectStmt' in sub)) throw unsupported('This subquery');
  const plan = planSelect(sub.SelectStmt, planning, true);
  const alias = planning.nextAlias('s');
  const renamed = (range.alias?.colnames ?? []).map((c) => ('String' in c ? c.String.sval ?? '' : ''));
  const columns: ScopeColumn[] = plan.outputs.map((o, i) => ({ name: renamed[i] ?? o.name, type: o.type, alias: outputAlias(i), cell: cellKind(plan, i) }));
  const names = range.alias?.aliasname ? [range.alias.aliasname] : [];
  return { sql: `${relationSql(plan, planning)} AS ${quoteIdentifier(alias)}`, relations: [{ names, alias, columns }] };
}

/** Whether a subquery's output column holds a cell's coordinate (a grouped dimension) or a value computed over its rows. */
function cellKind(plan: SelectPlan, index: number): 'key' | 'value' {
  if (plan.kind !== 'cube') return 'value';
  const { query } = plan;
  const key = plan.outputs[index]!.key;
  const keys = new Set([
    ...query.dimensions.map((d) => (d.startsWith('{') ? `${plan.view}.${(JSON.parse(d) as { alias: string }).alias}` : d)),
    ...query.timeDimensions.map((t) => `${t.dimension}.${t.granularity}`),
  ]);
  return keys.has(key) ? 'key' : 'value';
}

function joinItem(join: JoinExpr, planning: StatementPlanning): { sql: string; relations: ScopeRelation[] } {
  if (join.isNatural) throw unsupported('NATURAL JOIN');
  if (join.alias || join.join_using_alias) throw unsupported('An alias on a JOIN');
  const left = fromItem(join.larg!, planning);
  const right = fromItem(join.rarg!, planning);
  const relations = [...left.relations, ...right.relations];
  const words: Record<string, string> = { JOIN_INNER: 'JOIN', JOIN_LEFT: 'LEFT JOIN', JOIN_RIGHT: 'RIGHT JOIN', JOIN_FULL: 'FULL JOIN' };
  const word = words[join.jointype ?? 'JOIN_INNER'];
  if (!word) throw unsupported(`${join.jointype} join`);
  const scope = new Scope(relations);
  let condition: string;
  if (join.usingClause?.length) {
    const names = join.usingClause.map((u) => ('String' in u ? u.String.sval ?? '' : ''));
    const leftScope = new Scope(left.relations);
    const rightScope = new Scope(right.relations);
    const target = (s: Scope) => pushdownTarget(s, planning);
    condition = names.map((n) => `${compileExpression({ ColumnRef: { fields: [{ String: { sval: n } }] } }, target(leftScope)).sql} = ${compileExpression({ ColumnRef: { fields: [{ String: { sval: n } }] } }, target(rightScope)).sql}`).join(' AND ');
  } else if (join.quals) {
    const compiled = compileExpression(join.quals, pushdownTarget(scope, planning));
    if (compiled.aggregates) throw new SqlApiError(SQLSTATE.groupingError, 'aggregate functions are not allowed in JOIN conditions');
    condition = compiled.sql;
  } else {
    return { sql: `${left.sql} CROSS JOIN ${right.sql}`, relations };
  }
  return { sql: `(${left.sql} ${word} ${right.sql} ON ${condition})`, relations };
}

/**
 * How each view measure's row-level values aggregate back to the measure, by its type. No
 * distinct counts: Cube's rows give such a measure as 1 (or NULL) per row, not the value it
 * counts, so COUNT(DISTINCT) over them is 1; refused instead of answered wrong.
 */
const MEASURE_AGGREGATE: Record<string, string> = {
  count: 'COUNT(%)', sum: 'SUM(%)', avg: 'AVG(%)', min: 'MIN(%)', max: 'MAX(%)',
};
const REAGGREGATE: Record<string, string[]> = {
  count: ['sum', 'count', 'measure'], sum: ['sum', 'measure'], countDistinct: ['count distinct', 'measure'], countDistinctApprox: ['count distinct', 'measure'],
  avg: ['avg', 'measure'], min: ['min', 'measure'], max: ['max', 'measure'],
};

function columnSql(relation: ScopeRelation, column: ScopeColumn): string {
  if (column.member) {
    const used = viewUses.get(relation)!;
    let entry = used.get(column.member.member);
    if (!entry) {
      entry = { alias: outputAlias(used.size), column: column.member };
      used.set(column.member.member, entry);
    }
    return `${quoteIdentifier(relation.alias)}.${quoteIdentifier(entry.alias)}`;
  }
  return `${quoteIdentifier(relation.alias)}.${quoteIdentifier(column.alias!)}`;
}

/** The compile target of SQL our code writes around Cube's: constants are parameters, columns the relations'. */
function pushdownTarget(scope: Scope, planning: StatementPlanning): CompileTarget {
  // Inside SUM's argument a count or sum measure may be read row by row: its rows add up to it.
  let insideSum = 0;
  const target: CompileTarget = {
    scope,
    params: planning.params,
    windows: true,
    column: ({ relation, column }, location) => {
      if (column.cell === 'value' && !planning.bare) planning.combine('An expression over a measure');
      if (column.member?.kind === 'measure' && insideSum > 0 && ['count', 'sum'].includes(column.member.aggType ?? '')) {
        return { sql: columnSql(relation, column), type: 'numeric', aggregates: false };
      }
      if (column.member?.kind === 'measure') {
        throw new SqlApiError(SQLSTATE.featureNotSupported, `measure ${column.name} is used outside an aggregate in a query the SQL API answers with SQL; use MEASURE(${column.name}) or its aggregate`, location);
      }
      return { sql: columnSql(relation, column), type: column.type, aggregates: false };
    },
    bind: (value, type) => {
      const token = planning.constants.token(value);
      return type === 'unknown' ? token : `CAST(${token} AS ${SQL_TYPES[type].cast})`;
    },
    aggregate: (call: FuncCall, name: string, compile, window = false) => {
      planning.combine(window ? 'A window function' : 'An aggregate');
      const args = call.args ?? [];
      const only = args.length === 1 && 'ColumnRef' in args[0]! ? args[0] : undefined;
      const resolved = only && 'ColumnRef' in only && !only.ColumnRef.fields?.some((f) => 'A_Star' in f)
        ? scope.resolve((only.ColumnRef.fields ?? []).map((f) => ('String' in f ? f.String.sval ?? '' : '')), only.ColumnRef.location)
        : undefined;
      const measure = resolved?.column.member?.kind === 'measure' ? resolved.column.member : undefined;
      if (measure) {
        const spelled = name === 'measure' ? 'measure' : call.agg_distinct ? `${name} distinct` : name;
        const pattern = MEASURE_AGGREGATE[measure.aggType ?? ''];
        if (!pattern || !REAGGREGATE[measure.aggType!]!.includes(spelled) || call.agg_filter) {
          throw unsupported(`${spelled.toUpperCase()}() over measure ${measure.name} (of type ${measure.aggType}) in a query answered with SQL`, call.location);
        }
        const sql = pattern.replace('%', columnSql(resolved!.relation, resolved!.column));
        return { sql, type: memberType(measure), aggregates: true };
      }
      if (name === 'measure') throw unsupported('MEASURE() of something that is not a measure column', call.location);
      if (name === 'sum') insideSum++;
      let compiled: Compiled[];
      try {
        compiled = args.map(compile);
      } finally {
        if (name === 'sum') insideSum--;
      }
      if (!window && compiled.some((a) => a.aggregates)) throw new SqlApiError(SQLSTATE.groupingError, 'aggregate function calls cannot be nested', call.location);
      const filter = call.agg_filter ? ` FILTER (WHERE ${compile(call.agg_filter).sql})` : '';
      const inner = call.agg_star ? '*' : `${call.agg_distinct ? 'DISTINCT ' : ''}${compiled.map((a) => a.sql).join(', ')}`;
      const argType = compiled[0]?.type ?? 'numeric';
      const type: SqlType = name === 'count' ? 'int8'
        : name === 'min' || name === 'max' ? (argType === 'unknown' ? 'text' : argType)
          : name.startsWith('bool') || name === 'every' ? 'bool'
            : name === 'sum' && (argType === 'int2' || argType === 'int4') ? 'int8'
              : argType === 'float8' || argType === 'float4' ? 'float8' : 'numeric';
      // Under OVER the call is a window function: it does not aggregate the query's rows itself.
      return { sql: `${name === 'count' ? 'COUNT' : `pg_catalog.${name}`}(${inner})${filter}`, type, aggregates: !window || compiled.some((a) => a.aggregates) };
    },
    subquery: (link: SubLink) => subquerySql(link, planning, target),
  };
  return target;
}

function subquerySql(link: SubLink, planning: StatementPlanning, outer: CompileTarget): Compiled {
  const sub = link.subselect;
  if (!sub || !('SelectStmt' in sub)) throw unsupported('This subquery');
  const plan = planSelect(sub.SelectStmt, planning, true);
  planning.combine('A subquery in an expression');
  const from = `${relationSql(plan, planning)} AS ${quoteIdentifier(planning.nextAlias('q'))}`;
  switch (link.subLinkType) {
    case 'EXISTS_SUBLINK':
      return { sql: `EXISTS (SELECT 1 FROM ${from})`, type: 'bool', aggregates: false };
    case 'EXPR_SUBLINK':
      if (plan.outputs.length !== 1) throw new SqlApiError(SQLSTATE.syntaxError, 'subquery must return only one column');
      return { sql: `(SELECT ${quoteIdentifier(outputAlias(0))} FROM ${from})`, type: plan.outputs[0]!.type, aggregates: false };
    case 'ANY_SUBLINK': {
      const op = (link.operName ?? []).map((n) => ('String' in n ? n.String.sval : '')).at(-1) ?? '=';
      if (!['=', '<>', '<', '<=', '>', '>='].includes(op)) throw unsupported(`Operator ${op} ANY (subquery)`);
      const test = compileExpression(link.testexpr!, outer);
      return { sql: `(${test.sql} ${op} ANY (SELECT ${quoteIdentifier(outputAlias(0))} FROM ${from}))`, type: 'bool', aggregates: test.aggregates };
    }
    default:
      throw unsupported(`${String(link.subLinkType).replace('_SUBLINK', '')} subquery`, link.location);
  }
}

/**
 * Plans a SELECT as SQL our code writes from the tree, over Cube's SQL for each view
 * (its rows, with the caller's policies, masks and row filters) and each subquery.
 */
export function planPushdown(select: SelectStmt, planning: StatementPlanning): SqlPlan {
  rejectClauses(select);
  const { sql: fromSql, relations } = fromRelations(select.fromClause ?? [], planning);
  const scope = new Scope(relations);
  const target = pushdownTarget(scope, planning);
  const compile = (n: Node) => compileExpression(n, target);
  // A bare column carries one cell's value as it is; anything else computes with it.
  const compileBare = (n: Node) => {
    planning.bare = 'ColumnRef' in n;
    try {
      return compile(n);
    } finally {
      planning.bare = false;
    }
  };
  if (select.distinctClause) planning.combine('DISTINCT');
  if (select.groupClause?.length) planning.combine('GROUP BY');
  if (JSON.stringify([select.targetList, select.sortClause]).includes('"over"')) planning.combine('A window function');
  const items: { name: string; compiled: Compiled; node?: Node }[] = [];
  for (const t of select.targetList ?? []) {
    if (!('ResTarget' in t)) throw unsupported('This select list');
    const val = t.ResTarget.val!;
    if ('ColumnRef' in val && val.ColumnRef.fields?.some((f) => 'A_Star' in f)) {
      const qualifier = val.ColumnRef.fields.length > 1 ? val.ColumnRef.fields.at(-2) : undefined;
      for (const { relation, column } of scope.star(qualifier && 'String' in qualifier ? qualifier.String.sval : undefined, val.ColumnRef.location)) {
        // A view's measures are aggregates: `*` over a view in SQL lists its dimensions.
        if (column.member?.kind === 'measure') continue;
        items.push({ name: column.name, compiled: { sql: columnSql(relation, column), type: column.type, aggregates: false } });
      }
      continue;
    }
    const compiled = compileBare(val);
    items.push({ name: t.ResTarget.name ?? defaultName(val), compiled: compiled.type === 'unknown' ? { ...compiled, sql: `CAST(${compiled.sql} AS text)`, type: 'text' } : compiled, node: val });
  }
  const byPosition = (node: Node): string => {
    if ('A_Const' in node && node.A_Const.ival !== undefined) {
      const n = node.A_Const.ival.ival ?? 0;
      if (n < 1 || n > items.length) throw new SqlApiError(SQLSTATE.invalidParameterValue, `position ${n} is not in select list`, node.A_Const.location);
      return String(n);
    }
    if ('ColumnRef' in node && node.ColumnRef.fields?.length === 1) {
      const f = node.ColumnRef.fields[0]!;
      const index = items.findIndex((i) => 'String' in f && i.name === f.String.sval);
      if (index >= 0) return String(index + 1);
    }
    const compiled = compileBare(node);
    const same = items.findIndex((i) => i.compiled.sql === compiled.sql);
    return same >= 0 ? String(same + 1) : compiled.sql;
  };
  let text = `SELECT ${select.distinctClause ? 'DISTINCT ' : ''}${items.map((i, n) => `${i.compiled.sql} AS ${quoteIdentifier(outputAlias(n))}`).join(', ')}`;
  if (fromSql) text += ` FROM ${fromSql}`;
  if (select.whereClause) {
    const where = compile(select.whereClause);
    if (where.aggregates) throw new SqlApiError(SQLSTATE.groupingError, 'aggregate functions are not allowed in WHERE');
    text += ` WHERE ${where.sql}`;
  }
  const groups = (select.groupClause ?? []).map((g) => {
    if ('GroupingSet' in g) throw unsupported('GROUPING SETS / ROLLUP / CUBE');
    return byPosition(g);
  });
  if (groups.length) text += ` GROUP BY ${groups.join(', ')}`;
  if (select.havingClause) text += ` HAVING ${compile(select.havingClause).sql}`;
  const order = (select.sortClause ?? []).map((s) => {
    if (!('SortBy' in s)) throw unsupported('This ORDER BY');
    return sortSql(s, compile, byPosition(s.SortBy.node!));
  });
  if (order.length) text += ` ORDER BY ${order.join(', ')}`;
  text += limitSql(select, planning);
  return { kind: 'sql', outputs: items.map((i) => ({ name: i.name, type: i.compiled.type as SqlType })), text, reason: pushdownReason(select) };
}
