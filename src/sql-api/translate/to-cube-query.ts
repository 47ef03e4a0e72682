import type { VisibleTable } from '../catalog/visible-tables';
import { pgTypeOf, type PgType } from '../result/pg-types';
import { SqlApiError, SQLSTATE, unsupported } from '../sql-api-error';
import type { CubeFilter, CubeQuery } from './cube-query';
import { FromScope, type NamedMember } from './from-scope';
import { functionName, locationOf, resolveExpression } from './resolve-expression';
import type { ResolvedMember } from './resolved-member';
import { countOf } from './sql-literal';
import { toFilters, type RowCheck } from './where-to-filters';

/** One column of the answer: its name and type on the wire and the key of Cube's rows it reads. */
export interface OutputColumn {
  name: string;
  type: PgType;
  member: ResolvedMember;
}

/** How to answer a data statement: the Cube query, and what to do with Cube's rows. */
export interface DataPlan {
  query: CubeQuery;
  columns: OutputColumn[];
  /** Conditions checked on Cube's rows (case-sensitive LIKE); LIMIT/OFFSET then apply after them. */
  rowChecks: RowCheck[];
  rowLimit?: number;
  rowOffset?: number;
  changeUser?: string;
}

/** PostgreSQL's default output name of a select-list expression. */
export function defaultName(node: Record<string, any>): string {
  if (node.ColumnRef) return node.ColumnRef.fields.at(-1).String?.sval ?? '?column?';
  if (node.FuncCall) return functionName(node.FuncCall).split('.').at(-1)!;
  if (node.TypeCast) return defaultName(node.TypeCast.arg);
  return '?column?';
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(key(i)) ? false : (seen.add(key(i)), true)));
}

/** 0A000 for the SELECT clauses the SQL API never translates. */
export function rejectUnsupportedClauses(select: Record<string, any>): void {
  if (select.op && select.op !== 'SETOP_NONE') throw unsupported(select.op.replace('SETOP_', '').toUpperCase());
  if (!select.targetList?.length) throw unsupported('A SELECT list with no columns');
  if (select.withClause) throw unsupported('WITH (common table expressions)');
  if (select.distinctClause?.some((d: Record<string, any>) => Object.keys(d).length > 0)) throw unsupported('DISTINCT ON');
  if (select.windowClause) throw unsupported('WINDOW');
  if (select.valuesLists) throw unsupported('VALUES');
  if (select.groupDistinct) throw unsupported('GROUP BY DISTINCT');
  if (select.limitOption === 'LIMIT_OPTION_WITH_TIES') throw unsupported('FETCH ... WITH TIES');
  if ((select.fromClause ?? []).length !== 1) throw unsupported('Several tables in FROM (joins)');
}

/** The single relation in FROM, as a scope; a subquery is translated first. */
function fromScope(select: Record<string, any>, tables: VisibleTable[], params: (string | null)[]): { scope: FromScope; inner?: DataPlan } {
  const from = select.fromClause[0] as Record<string, any>;
  if (from.RangeVar) {
    const table = tables.find((t) => t.name === from.RangeVar.relname);
    if (!table) throw new SqlApiError(SQLSTATE.undefinedTable, `relation "${from.RangeVar.relname}" does not exist`, from.RangeVar.location);
    return { scope: FromScope.ofTable(table, from.RangeVar.alias?.aliasname) };
  }
  if (from.RangeSubselect) {
    if (from.RangeSubselect.lateral) throw unsupported('LATERAL');
    const inner = toDataPlan(from.RangeSubselect.subquery.SelectStmt, tables, params);
    const alias = from.RangeSubselect.alias?.aliasname as string | undefined;
    const columns: NamedMember[] = inner.columns.map((c) => ({ name: c.name, member: c.member }));
    const table = { name: alias ?? '', columns: [] };
    return { scope: new FromScope(table, alias ? [alias] : [], columns, true), inner };
  }
  if (from.JoinExpr) throw unsupported('JOIN');
  if (from.RangeFunction) throw unsupported('A function in FROM');
  throw unsupported(`FROM ${Object.keys(from)[0]}`);
}

/** A GROUP BY / ORDER BY item: an ordinal, an output alias, or an expression. */
function itemMember(node: Record<string, any>, outputs: OutputColumn[], scope: FromScope, params: (string | null)[], clause: string): ResolvedMember {
  const ordinal = node.A_Const?.ival;
  if (node.A_Const && ordinal !== undefined) {
    const n = ordinal.ival ?? 0;
    const out = outputs[n - 1];
    if (!out) throw new SqlApiError(SQLSTATE.invalidParameterValue, `${clause} position ${n} is not in select list`, node.A_Const.location);
    return out.member;
  }
  const single = node.ColumnRef?.fields.length === 1 ? node.ColumnRef.fields[0].String?.sval : undefined;
  if (single !== undefined) {
    const aliased = outputs.find((o) => o.name === single);
    if (aliased) return aliased.member;
  }
  return resolveExpression(node, scope, params);
}

/** Combines an outer query over a subquery with the subquery's own plan. */
function mergeWithInner(outer: DataPlan, inner: DataPlan, outerHasOrder: boolean): DataPlan {
  const innerLimited = inner.query.limit !== undefined || inner.query.offset !== undefined || inner.rowLimit !== undefined || inner.rowOffset !== undefined;
  const outerLimited = outer.query.limit !== undefined || outer.query.offset !== undefined || outer.rowLimit !== undefined || outer.rowOffset !== undefined;
  if (innerLimited && (outerLimited || outer.query.filters.length || outerHasOrder || outer.rowChecks.length)) {
    throw unsupported('Filtering, ordering or limiting a subquery that has LIMIT/OFFSET');
  }
  return {
    query: {
      ...inner.query,
      filters: [...inner.query.filters, ...outer.query.filters],
      order: outerHasOrder ? outer.query.order : inner.query.order,
      limit: innerLimited ? inner.query.limit : outer.query.limit,
      offset: innerLimited ? inner.query.offset : outer.query.offset,
    },
    columns: outer.columns,
    rowChecks: [...inner.rowChecks, ...outer.rowChecks],
    rowLimit: innerLimited ? inner.rowLimit : outer.rowLimit,
    rowOffset: innerLimited ? inner.rowOffset : outer.rowOffset,
    changeUser: outer.changeUser ?? inner.changeUser,
  };
}

/**
 * Translates a SELECT over one view (or a subquery over one) into a Cube query:
 * dimensions and date_trunc() become dimensions and time dimensions, MEASURE() and
 * matching aggregates become measures, WHERE and HAVING become filters.
 */
export function toDataPlan(select: Record<string, any>, tables: VisibleTable[], params: (string | null)[]): DataPlan {
  rejectUnsupportedClauses(select);
  const { scope, inner } = fromScope(select, tables, params);

  const outputs: OutputColumn[] = [];
  let hasStar = false;
  for (const target of select.targetList as Record<string, any>[]) {
    const { val, name } = target.ResTarget;
    if (val.ColumnRef?.fields.at(-1)?.A_Star) {
      hasStar = true;
      for (const c of scope.star()) outputs.push({ name: c.name, type: pgTypeOf({ ...c.member.column, kind: c.member.kind === 'measure' ? 'measure' : 'dimension' }), member: c.member });
      continue;
    }
    const member = resolveExpression(val, scope, params);
    outputs.push({ name: name ?? defaultName(val), type: pgTypeOf({ ...member.column, kind: member.kind === 'measure' ? 'measure' : 'dimension' }), member });
  }

  const groups = ((select.groupClause ?? []) as Record<string, any>[]).map((g) => {
    if (g.GroupingSet) throw unsupported('GROUPING SETS / ROLLUP / CUBE');
    const m = itemMember(g, outputs, scope, params, 'GROUP BY');
    if (m.kind === 'measure') throw new SqlApiError(SQLSTATE.groupingError, `aggregate functions are not allowed in GROUP BY`, locationOf(g));
    return m;
  });
  const hasMeasure = outputs.some((o) => o.member.kind === 'measure');
  if (!hasStar && !scope.derived && (groups.length || hasMeasure)) {
    const grouped = new Set(groups.map((g) => g.key));
    const loose = outputs.find((o) => o.member.kind !== 'measure' && !grouped.has(o.member.key));
    if (loose) {
      throw new SqlApiError(SQLSTATE.groupingError, `column "${loose.name}" must appear in the GROUP BY clause or be used in an aggregate function`);
    }
  }
  if (scope.derived && groups.length) throw unsupported('GROUP BY over a subquery');

  const members = uniqueBy([...outputs.map((o) => o.member), ...groups], (m) => m.key);
  const rowChecks: RowCheck[] = [];
  const answerKeys = new Set(members.map((m) => m.key));
  const whereCtx = { scope, params, clause: 'WHERE' as const, rowChecks, answerKeys, changeUser: undefined as string | undefined };
  const filters: CubeFilter[] = [
    ...toFilters(select.whereClause, whereCtx),
    ...toFilters(select.havingClause, { scope, params, clause: 'HAVING', rowChecks, answerKeys }),
  ];

  const order = ((select.sortClause ?? []) as Record<string, any>[]).map((s): [string, 'asc' | 'desc'] => {
    const { node, sortby_dir: dir, sortby_nulls: nulls } = s.SortBy;
    if (nulls && nulls !== 'SORTBY_NULLS_DEFAULT') throw unsupported('NULLS FIRST/LAST');
    const m = itemMember(node, outputs, scope, params, 'ORDER BY');
    if (!answerKeys.has(m.key)) throw unsupported('ORDER BY an expression that is not selected');
    return [m.kind === 'time' ? m.column.member : m.key, dir === 'SORTBY_DESC' ? 'desc' : 'asc'];
  });

  const limit = countOf(select.limitCount, params, 'LIMIT');
  const offset = countOf(select.limitOffset, params, 'OFFSET');
  const checkRows = rowChecks.length > 0;
  const plan: DataPlan = {
    query: {
      measures: members.filter((m) => m.kind === 'measure').map((m) => m.key),
      dimensions: members.filter((m) => m.kind === 'dimension').map((m) => m.key),
      timeDimensions: members.flatMap((m) => (m.kind === 'time' ? [{ dimension: m.column.member, granularity: m.granularity }] : [])),
      filters,
      order,
      ...(checkRows ? {} : { limit, offset }),
    },
    columns: outputs,
    rowChecks,
    ...(checkRows ? { rowLimit: limit, rowOffset: offset } : {}),
    changeUser: whereCtx.changeUser,
  };
  if (plan.query.limit === undefined) delete plan.query.limit;
  if (plan.query.offset === undefined) delete plan.query.offset;
  return inner ? mergeWithInner(plan, inner, order.length > 0) : plan;
}
