import type { FuncCall, Node, SelectStmt } from '@pgsql/types';
import type { VisibleColumn, VisibleTable } from '../catalog/visible-tables';
import { compileExpression, keywordArgument, functionNameOf, type Compiled, type CompileTarget } from './compile-expression';
import { toCubeFilter, constantOf, type FilterMember } from './cube-filters';
import type { CubeFilter, CubeQuery } from './cube-query';
import { everyRowSegment, memberExpression, memberReference } from './member-expression';
import { NeedsPushdown, SqlApiError, SQLSTATE, unsupported } from './plan-error';
import { Scope, viewColumns, type ScopeRelation } from './scope';
import { castType, memberType, SQL_TYPES, type SqlType } from './sql-type';

/** Time granularities Cube knows, finest first, as date_trunc spells them. */
const GRANULARITIES = ['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'];

/** What a select-list, GROUP BY or ORDER BY expression is in the Cube query. */
type Item =
  | { kind: 'dimension' | 'measure'; column: VisibleColumn; key: string; type: SqlType }
  | { kind: 'time'; column: VisibleColumn; granularity: string; key: string; type: SqlType }
  | { kind: 'dimensionExpression' | 'measureExpression'; sql: string; key: string; type: SqlType };

/** A column of the answer: its name and type, and the key of Cube's rows it reads. */
export interface CubeOutput {
  name: string;
  type: SqlType;
  key: string;
}

/** A statement Cube answers as one query (grouped, ungrouped, or with member expressions). */
export interface CubePlan {
  kind: 'cube';
  view: string;
  query: CubeQuery;
  /** Values of the member expressions' `$n$` placeholders; none means the plain load path can run the query. */
  expressionParams: (string | null)[];
  /**
   * ORDER BY with NULLs placed against PostgreSQL's default for the direction (NULLS FIRST
   * ascending...): for each item of `query.order`, whether NULLs come first. Cube sorts
   * with the defaults; the rows are then re-placed, and LIMIT/OFFSET apply after that.
   */
  nullsFirst?: boolean[];
  /** The keys of Cube's rows the ORDER BY items read. */
  orderKeys?: string[];
  rowLimit?: number;
  rowOffset?: number;
  outputs: CubeOutput[];
  changeUser?: string;
}

/** PostgreSQL's default output name of a select-list expression. */
export function defaultName(node: Node): string {
  if ('ColumnRef' in node) {
    const last = node.ColumnRef.fields?.at(-1);
    return last && 'String' in last ? last.String.sval ?? '?column?' : '?column?';
  }
  if ('FuncCall' in node) return functionNameOf(node.FuncCall);
  if ('TypeCast' in node) {
    const inner = defaultName(node.TypeCast.arg!);
    if (inner !== '?column?') return inner;
    const names = (node.TypeCast.typeName?.names ?? []).map((n) => ('String' in n ? n.String.sval ?? '' : ''));
    return names.at(-1) ?? '?column?';
  }
  if ('CaseExpr' in node) return 'case';
  if ('CoalesceExpr' in node) return 'coalesce';
  if ('MinMaxExpr' in node) return node.MinMaxExpr.op === 'IS_GREATEST' ? 'greatest' : 'least';
  if ('A_Expr' in node && node.A_Expr.kind === 'AEXPR_NULLIF') return 'nullif';
  if ('SQLValueFunction' in node) return String(node.SQLValueFunction.op).replace('SVFOP_', '').toLowerCase();
  if ('A_Const' in node && node.A_Const.boolval !== undefined) return 'bool';
  return '?column?';
}

/** Whether a subtree holds something only SQL around Cube can compute. */
function needsSql(node: unknown): string | null {
  if (Array.isArray(node)) {
    for (const n of node) {
      const found = needsSql(n);
      if (found) return found;
    }
    return null;
  }
  if (!node || typeof node !== 'object') return null;
  const record = node as Record<string, unknown>;
  if ('SubLink' in record) return 'A subquery in an expression';
  if ('FuncCall' in record && (record.FuncCall as FuncCall).over) return 'A window function';
  for (const value of Object.values(record)) {
    const found = needsSql(value);
    if (found) return found;
  }
  return null;
}

/** The re-aggregations Cube's SQL API allows over a measure, by the measure's type. */
const REAGGREGATE: Record<string, string[]> = {
  count: ['sum', 'count'],
  sum: ['sum'],
  countDistinct: ['count distinct'],
  countDistinctApprox: ['count distinct'],
  avg: ['avg'],
  min: ['min'],
  max: ['max'],
};

class CubePlanner {
  readonly scope: Scope;
  readonly expressionParams: (string | null)[] = [];
  private expressions = 0;
  private readonly relation: ScopeRelation;

  /**
   * @param cellsOnly for a group with a minimum cell size: the query runs on Cube's load path (where disclosure
   * control judges every cell), which takes the expressions' `$n$` parameters with the query
   */
  constructor(readonly view: VisibleTable, names: string[], readonly params: (string | null)[], private readonly cellsOnly = false) {
    this.relation = {
      names,
      alias: view.name,
      view: view.name,
      columns: viewColumns(view),
    };
    this.scope = new Scope([this.relation]);
  }

  private columnOf(node: Node | undefined): VisibleColumn | null {
    if (!node || !('ColumnRef' in node)) return null;
    const fields = node.ColumnRef.fields ?? [];
    if (fields.some((f) => 'A_Star' in f)) return null;
    return this.scope.resolve(fields.map((f) => ('String' in f ? f.String.sval ?? '' : '')), node.ColumnRef.location).column.member!;
  }

  /** `date_trunc('unit', t)`, `t::date`, `CAST(t AS timestamp)` of a time column: a time dimension. */
  private timeItem(node: Node): Item | null {
    if ('FuncCall' in node && !node.FuncCall.over && (node.FuncCall.funcname ?? []).length <= 2) {
      const name = functionNameOf(node.FuncCall);
      const args = node.FuncCall.args ?? [];
      if (name !== 'date_trunc' || args.length !== 2) return null;
      const unit = keywordArgument(args[0], this.params, "date_trunc()'s unit");
      if (!GRANULARITIES.includes(unit)) return null;
      const inner = this.timeOrColumn(args[1]!);
      if (!inner) return null;
      const granularity = GRANULARITIES[Math.max(GRANULARITIES.indexOf(unit), GRANULARITIES.indexOf(inner.granularity))]!;
      return this.time(inner.column, granularity, 'timestamp');
    }
    if ('TypeCast' in node) {
      const type = castType((node.TypeCast.typeName?.names ?? []).map((n) => ('String' in n ? n.String.sval ?? '' : '')));
      if (type !== 'date' && type !== 'timestamp') return null;
      if (node.TypeCast.typeName?.typmods?.length) return null;
      const inner = this.timeOrColumn(node.TypeCast.arg!);
      if (!inner) return null;
      if (type === 'timestamp') return inner.granularity === 'raw' ? null : this.time(inner.column, inner.granularity, inner.type);
      const granularity = inner.granularity === 'raw' ? 'day' : GRANULARITIES[Math.max(GRANULARITIES.indexOf('day'), GRANULARITIES.indexOf(inner.granularity))]!;
      return this.time(inner.column, granularity, 'date');
    }
    return null;
  }

  private timeOrColumn(node: Node): { column: VisibleColumn; granularity: string; type: SqlType } | null {
    const column = this.columnOf(node);
    if (column) return column.kind === 'dimension' && column.type === 'time' ? { column, granularity: 'raw', type: 'timestamp' } : null;
    const item = this.timeItem(node);
    return item?.kind === 'time' ? { column: item.column, granularity: item.granularity, type: item.type } : null;
  }

  private time(column: VisibleColumn, granularity: string, type: SqlType): Item {
    return { kind: 'time', column, granularity, key: `${column.member}.${granularity}`, type };
  }

  /** The measure an aggregate call stands for, when Cube's rules allow it; null otherwise. */
  private measureCall(call: FuncCall, name: string): VisibleColumn | null {
    if (call.agg_filter || call.over) return null;
    const args = call.args ?? [];
    // COUNT(*), COUNT(1): the view's count measure.
    const constant = args.length === 1 && !call.agg_distinct ? constantOf(args[0], this.params) : undefined;
    if (call.agg_star || (name === 'count' && constant !== undefined && constant !== null)) {
      if (name !== 'count') return null;
      return this.view.columns.find((c) => c.kind === 'measure' && c.aggType === 'count') ?? null;
    }
    if (args.length !== 1) return null;
    const column = this.columnOf(args[0]);
    if (column?.kind !== 'measure') return null;
    if (name === 'measure') return column;
    const spelled = call.agg_distinct ? `${name} distinct` : name;
    if (REAGGREGATE[column.aggType ?? '']?.includes(spelled)) return column;
    const hint = column.aggType && REAGGREGATE[column.aggType] ? `use ${REAGGREGATE[column.aggType]![0]!.toUpperCase()}() or MEASURE()` : 'use MEASURE()';
    throw new SqlApiError(
      SQLSTATE.featureNotSupported,
      `${spelled.toUpperCase()}() over measure ${column.name} (of type ${column.aggType}) is not supported by the SQL API; ${hint}`,
      call.location,
    );
  }

  private target(): CompileTarget {
    return {
      scope: this.scope,
      params: this.params,
      windows: false,
      column: ({ column }) => ({ sql: memberReference(column.member!.member), type: column.type, aggregates: column.member!.kind === 'measure' }),
      bind: (value, type) => {
        this.expressionParams.push(value);
        const placeholder = `$${this.expressionParams.length - 1}$`;
        return type === 'unknown' ? placeholder : `CAST(${placeholder} AS ${SQL_TYPES[type].cast})`;
      },
      aggregate: (call, name, compile) => {
        const measure = this.measureCall(call, name);
        if (measure) return { sql: memberReference(measure.member), type: memberType(measure), aggregates: true };
        if (name === 'measure') throw unsupported('MEASURE() of something that is not a measure column', call.location);
        const args = (call.args ?? []).map(compile);
        // A measure inside an aggregate's argument (SUM(CASE ... THEN measure END)) is row-level SQL's job.
        if (args.some((a) => a.aggregates)) throw new NeedsPushdown('An aggregate over an expression of measures');
        const filter = call.agg_filter ? ` FILTER (WHERE ${compile(call.agg_filter).sql})` : '';
        const inner = call.agg_star ? '*' : `${call.agg_distinct ? 'DISTINCT ' : ''}${args.map((a) => a.sql).join(', ')}`;
        const type = name === 'count' ? 'int8' : name === 'min' || name === 'max' ? args[0]?.type ?? 'numeric' : name.startsWith('bool') || name === 'every' ? 'bool' : args[0]?.type === 'float8' || args[0]?.type === 'float4' ? 'float8' : 'numeric';
        return { sql: `${name === 'count' ? 'COUNT' : `pg_catalog.${name}`}(${inner})${filter}`, type: type === 'unknown' ? 'text' : type, aggregates: true };
      },
    };
  }

  /** What an expression is in the Cube query. */
  item(node: Node): Item {
    const column = this.columnOf(node);
    if (column) return { kind: column.kind, column, key: column.member, type: memberType(column) };
    const time = this.timeItem(node);
    if (time) return time;
    if ('FuncCall' in node && !node.FuncCall.over) {
      const name = functionNameOf(node.FuncCall);
      if (name === 'measure' || ['count', 'sum', 'avg', 'min', 'max'].includes(name)) {
        const measure = this.measureCall(node.FuncCall, name);
        if (measure) return { kind: 'measure', column: measure, key: measure.member, type: memberType(measure) };
      }
    }
    const found = needsSql(node);
    if (found) throw new NeedsPushdown(found);
    const first = this.expressionParams.length;
    const compiled: Compiled = compileExpression(node, this.target());
    // Cube places a member expression by the members it names; one that names none needs SQL around Cube.
    if (!compiled.sql.includes('${')) throw new NeedsPushdown('An expression that reads no column');
    const type: SqlType = compiled.type === 'unknown' ? 'text' : compiled.type;
    // Cube's load path hands intervals and zoned timestamps of an expression over as values its rows cannot
    // spell as PostgreSQL does; the SQL path types them in SQL, which a group answered from cells does not get.
    if (this.cellsOnly && (type === 'interval' || type === 'timestamptz')) {
      throw unsupported(`An expression of type ${type === 'interval' ? 'interval' : 'timestamp with time zone'} for this group (cast it to text or date)`);
    }
    // The same expression written twice (select list and GROUP BY) is one member: compare with the values in place.
    const key = compiled.sql.replace(/\$(\d+)\$/g, (_, n: string) => (Number(n) >= first ? `\u0000${JSON.stringify(this.expressionParams[Number(n)])}\u0000` : `$${n}$`));
    return { kind: compiled.aggregates ? 'measureExpression' : 'dimensionExpression', sql: compiled.sql, key, type };
  }

  /** A WHERE condition as SQL of a segment (a boolean member expression). */
  segment(node: Node): string {
    const found = needsSql(node);
    if (found) throw new NeedsPushdown(found);
    const compiled = compileExpression(node, this.target());
    if (compiled.aggregates) throw new SqlApiError(SQLSTATE.groupingError, 'aggregate functions are not allowed in WHERE');
    if (!compiled.sql.includes('${')) throw new NeedsPushdown('A condition that reads no column');
    return memberExpression(this.view.name, this.nextAlias(), compiled.sql);
  }

  nextAlias(): string {
    return `expr_${this.expressions++}`;
  }

  /**
   * The member a filter's column side reads, through casts that keep its values (a text
   * column to text, a time column to timestamp, date_trunc finer than a day) and a cast of
   * a time column to date (compared by whole days).
   */
  filterMember(node: Node, underDate = false): FilterMember | null {
    const column = this.columnOf(node);
    if (column) return column.kind === 'dimension' || !underDate ? { column, asDate: underDate } : null;
    if ('TypeCast' in node && !node.TypeCast.typeName?.typmods?.length) {
      const type = castType((node.TypeCast.typeName?.names ?? []).map((n) => ('String' in n ? n.String.sval ?? '' : '')));
      const inner = this.filterMember(node.TypeCast.arg!, underDate || type === 'date');
      if (!inner) return null;
      if (type === 'date' || type === 'timestamp') return inner.column.type === 'time' ? { column: inner.column, asDate: inner.asDate || type === 'date' } : null;
      return type === 'text' && inner.column.type === 'string' ? inner : null;
    }
    if (underDate && 'FuncCall' in node && !node.FuncCall.over && (node.FuncCall.args ?? []).length === 2 && functionNameOf(node.FuncCall) === 'date_trunc') {
      const unit = constantOf(node.FuncCall.args![0], this.params);
      if (typeof unit !== 'string' || !['second', 'minute', 'hour', 'day'].includes(unit.toLowerCase())) return null;
      const inner = this.filterMember(node.FuncCall.args![1]!, true);
      return inner?.column.type === 'time' ? inner : null;
    }
    return null;
  }
}

/**
 * Whether an ORDER BY item is NULL, as a member of its own kind (a measure's flag aggregates):
 * sorted true first it places the item's NULLs first, false first last, whatever Cube's
 * default for the item's direction. It groups nothing finer than the item does.
 */
function nullFlag(item: Item): Item {
  const sql = 'sql' in item ? item.sql : memberReference(item.column.member);
  const kind = item.kind === 'measure' || item.kind === 'measureExpression' ? 'measureExpression' : 'dimensionExpression';
  return { kind, sql: `((${sql}) IS NULL)`, key: `\u0000nulls of ${item.key}`, type: 'bool' };
}

function andTerms(node: Node | undefined): Node[] {
  if (!node) return [];
  if ('BoolExpr' in node && node.BoolExpr.boolop === 'AND_EXPR') return (node.BoolExpr.args ?? []).flatMap(andTerms);
  return [node];
}

/** A non-negative whole number from LIMIT/OFFSET, or undefined for LIMIT ALL / NULL. */
export function countOf(node: Node | undefined, params: (string | null)[], clause: string): number | undefined {
  if (!node) return undefined;
  const v = constantOf(node, params);
  if (v === undefined) throw unsupported(`${clause} that is not a constant`);
  if (v === null) return undefined;
  if (!/^\d+$/.test(v.trim())) throw new SqlApiError(SQLSTATE.invalidParameterValue, `${clause} must be a non-negative integer`);
  return Number(v);
}

/**
 * Plans a SELECT over one view as one Cube query: columns, MEASURE() and the aggregates
 * Cube's SQL API allows over measures, date_trunc() and casts of time columns, and
 * expressions over them as member expressions. NeedsPushdown when SQL around the
 * query is needed; a SqlApiError for what PostgreSQL itself would refuse.
 */
export function planCubeQuery(select: SelectStmt, view: VisibleTable, names: string[], params: (string | null)[], cellsOnly = false): CubePlan {
  if ((select.distinctClause ?? []).some((d) => Object.keys(d).length > 0)) throw new NeedsPushdown('DISTINCT ON');
  const planner = new CubePlanner(view, names, params, cellsOnly);
  const targets: { name: string; item: Item; explicitAggregate: boolean }[] = [];
  for (const t of select.targetList ?? []) {
    if (!('ResTarget' in t)) throw unsupported('This select list');
    const val = t.ResTarget.val!;
    if ('ColumnRef' in val && val.ColumnRef.fields?.some((f) => 'A_Star' in f)) {
      const qualifier = val.ColumnRef.fields.length > 1 ? val.ColumnRef.fields.at(-2) : undefined;
      for (const { column } of planner.scope.star(qualifier && 'String' in qualifier ? qualifier.String.sval : undefined, val.ColumnRef.location)) {
        const member = column.member!;
        targets.push({ name: column.name, item: { kind: member.kind, column: member, key: member.member, type: memberType(member) }, explicitAggregate: false });
      }
      continue;
    }
    if ('A_Const' in val || 'ParamRef' in val) throw new NeedsPushdown('A constant in the select list');
    const item = planner.item(val);
    const explicitAggregate = item.kind === 'measureExpression' || (item.kind === 'measure' && !('ColumnRef' in val));
    targets.push({ name: t.ResTarget.name ?? defaultName(val), item, explicitAggregate });
  }

  const byPosition = (node: Node, clause: string): Item => {
    if ('A_Const' in node && node.A_Const.ival !== undefined) {
      const n = node.A_Const.ival.ival ?? 0;
      const target = targets[n - 1];
      if (!target) throw new SqlApiError(SQLSTATE.invalidParameterValue, `${clause} position ${n} is not in select list`, node.A_Const.location);
      return target.item;
    }
    if ('ColumnRef' in node && node.ColumnRef.fields?.length === 1) {
      const only = node.ColumnRef.fields[0]!;
      const name = 'String' in only ? only.String.sval : undefined;
      const aliased = targets.find((t) => t.name === name);
      // An output name wins in GROUP BY and ORDER BY only when it is not also an input column (PostgreSQL's rule for GROUP BY).
      if (aliased && (clause === 'ORDER BY' || !view.columns.some((c) => c.name === name))) return aliased.item;
    }
    return planner.item(node);
  };

  const groups: Item[] = [];
  for (const g of select.groupClause ?? []) {
    if ('GroupingSet' in g) throw unsupported('GROUPING SETS / ROLLUP / CUBE');
    const item = byPosition(g, 'GROUP BY');
    if (item.kind === 'measure' || item.kind === 'measureExpression') throw new SqlApiError(SQLSTATE.groupingError, 'aggregate functions are not allowed in GROUP BY');
    if (!groups.some((x) => x.key === item.key)) groups.push(item);
  }
  const isMeasure = (i: Item) => i.kind === 'measure' || i.kind === 'measureExpression';
  const explicit = targets.some((t) => t.explicitAggregate) || !!select.havingClause;
  const anyMeasure = targets.some((t) => isMeasure(t.item));
  if (groups.length || explicit) {
    const grouped = new Set(groups.map((g) => g.key));
    // An expression over grouped columns only is grouped too (upper(g) with GROUP BY g), as in PostgreSQL.
    const overGrouped = (item: Item) => item.kind === 'dimensionExpression'
      && [...item.sql.matchAll(/\$\{([A-Za-z0-9_]+\.[A-Za-z0-9_]+)\}/g)].every(([, member]) => grouped.has(member!));
    const loose = targets.find((t) => !isMeasure(t.item) && !grouped.has(t.item.key) && !overGrouped(t.item));
    if (loose) throw new SqlApiError(SQLSTATE.groupingError, `column "${loose.name}" must appear in the GROUP BY clause or be used in an aggregate function`);
  }
  const ungrouped = !groups.length && !anyMeasure && !explicit && !select.distinctClause;

  const members: Item[] = [];
  const add = (item: Item) => {
    if (!members.some((m) => m.key === item.key)) members.push(item);
  };
  targets.forEach((t) => add(t.item));
  groups.forEach(add);

  // Member expressions get their aliases now, in the order Cube's answer will carry them.
  const aliases = new Map<string, string>();
  const nameOf = (item: Item): string => {
    if (item.kind !== 'dimensionExpression' && item.kind !== 'measureExpression') return item.kind === 'time' ? item.column.member : item.key;
    let alias = aliases.get(item.key);
    if (!alias) {
      alias = planner.nextAlias();
      aliases.set(item.key, alias);
    }
    return alias;
  };
  const orderKey = (item: Item): string => {
    return item.kind === 'dimensionExpression' || item.kind === 'measureExpression' ? nameOf(item) : item.kind === 'time' ? item.column.member : item.key;
  };
  const filters: CubeFilter[] = [];
  const segments: string[] = [];
  let changeUser: string | undefined;
  for (const term of andTerms(select.whereClause)) {
    if ('A_Expr' in term && term.A_Expr.kind === 'AEXPR_OP' && term.A_Expr.lexpr && 'ColumnRef' in term.A_Expr.lexpr) {
      const fields = term.A_Expr.lexpr.ColumnRef.fields ?? [];
      const last = fields.at(-1);
      if (last && 'String' in last && last.String.sval === '__user') {
        const value = constantOf(term.A_Expr.rexpr, params);
        if (typeof value === 'string') {
          changeUser = value;
          continue;
        }
      }
    }
    const filter = toCubeFilter(term, { memberOf: (n) => planner.filterMember(n), params, measures: false });
    if (filter) filters.push(filter);
    else segments.push(planner.segment(term));
  }
  for (const term of andTerms(select.havingClause)) {
    const filter = toCubeFilter(term, {
      memberOf: (n) => {
        const item = planner.item(n);
        return item.kind === 'measure' ? { column: item.column, asDate: false } : null;
      },
      params,
      measures: true,
    });
    if (!filter) throw new NeedsPushdown('This HAVING condition');
    filters.push(filter);
  }

  const order: [string, 'asc' | 'desc'][] = [];
  const nullsFirst: boolean[] = [];
  const orderItems: Item[] = [];
  for (const s of select.sortClause ?? []) {
    if (!('SortBy' in s)) throw unsupported('This ORDER BY');
    const { node, sortby_dir: dir, sortby_nulls: nulls } = s.SortBy;
    const desc = dir === 'SORTBY_DESC';
    // Cube sorts with PostgreSQL's defaults (NULLS LAST ascending, FIRST descending); others need SQL.
    nullsFirst.push(nulls === 'SORTBY_NULLS_FIRST' || (desc && nulls !== 'SORTBY_NULLS_LAST'));
    if (s.SortBy.useOp) throw unsupported('ORDER BY ... USING');
    const item = byPosition(node!, 'ORDER BY');
    if (ungrouped && isMeasure(item)) throw new SqlApiError(SQLSTATE.groupingError, 'aggregate functions are not allowed in ORDER BY of a query without them');
    if (!groups.length && !ungrouped && !isMeasure(item) && !members.some((m) => m.key === item.key) && explicit) {
      throw new SqlApiError(SQLSTATE.groupingError, 'ORDER BY a column that is neither grouped nor aggregated');
    }
    add(item);
    orderItems.push(item);
    order.push([orderKey(item), desc ? 'desc' : 'asc']);
  }

  const expression = (item: Item) => memberExpression(view.name, nameOf(item), (item as { sql: string }).sql);
  if (!members.length) throw new NeedsPushdown('A select list that reads no column of the view');
  let placed = nullsFirst.some((first, i) => first !== (order[i]![1] === 'desc'));
  // Re-placing NULLs happens on Cube's rows (the load path: always for a group answered from cells); a query
  // with expression parameters otherwise runs as Cube's SQL in the database, which sorts by each item's null
  // flag before the item instead.
  if (placed && planner.expressionParams.length && !cellsOnly) {
    const placedOrder: [string, 'asc' | 'desc'][] = [];
    orderItems.forEach((item, i) => {
      const [key, dir] = order[i]!;
      if (nullsFirst[i] !== (dir === 'desc')) {
        const flag = nullFlag(item);
        add(flag);
        placedOrder.push([orderKey(flag), nullsFirst[i] ? 'desc' : 'asc']);
      }
      placedOrder.push([key, dir]);
    });
    order.splice(0, order.length, ...placedOrder);
    placed = false;
  }
  let limit = countOf(select.limitCount, params, 'LIMIT');
  let offset = countOf(select.limitOffset, params, 'OFFSET');
  const rows = placed ? { rowLimit: limit, rowOffset: offset } : {};
  if (placed) {
    limit = undefined;
    offset = undefined;
  }
  if (ungrouped) {
    const first = members.find((m) => m.kind === 'dimension' || m.kind === 'time') as { column: VisibleColumn } | undefined;
    if (first) segments.push(everyRowSegment(view.name, first.column.member, planner.nextAlias()));
  }
  const query: CubeQuery = {
    measures: members.filter((m) => m.kind === 'measure').map((m) => m.key).concat(members.filter((m) => m.kind === 'measureExpression').map(expression)),
    dimensions: members.filter((m) => m.kind === 'dimension').map((m) => m.key).concat(members.filter((m) => m.kind === 'dimensionExpression').map(expression)),
    segments,
    timeDimensions: members.flatMap((m) => (m.kind === 'time' ? [{ dimension: m.column.member, granularity: m.granularity }] : [])),
    filters,
    order: order.map(([key, dir]) => [key, dir]),
    ...(limit !== undefined ? { limit } : {}),
    ...(offset ? { offset } : {}),
    ...(ungrouped ? { ungrouped: true } : {}),
  };
  const keyOf = (item: Item) => (item.kind === 'dimensionExpression' || item.kind === 'measureExpression' ? `${view.name}.${nameOf(item)}` : item.key);
  return {
    kind: 'cube',
    view: view.name,
    query,
    expressionParams: planner.expressionParams,
    outputs: targets.map((t) => ({ name: t.name, type: t.item.type, key: keyOf(t.item) })),
    ...(placed ? { nullsFirst, orderKeys: orderItems.map(keyOf), ...rows } : {}),
    changeUser,
  };
}
