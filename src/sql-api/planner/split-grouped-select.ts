import type { Node, SelectStmt } from '@pgsql/types';
import { conditionalSum, type ConditionalSum } from './conditional-sum';
import { defaultName } from './plan-cube-query';

/** Aggregates whose call over a view's rows Cube may answer as a measure. */
const AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max', 'measure']);

/** SELECTs this file wrote: the grouped one is answered by Cube as it is, the outer one is never merged back into it. */
const written = new WeakSet<SelectStmt>();

/** Whether this file wrote the SELECT (the inner grouped query or the outer one over its cells). */
export function isSplitSelect(select: SelectStmt): boolean {
  return written.has(select);
}

function nameOf(node: Node): string | undefined {
  if (!('FuncCall' in node)) return undefined;
  const last = node.FuncCall.funcname?.at(-1);
  return last && 'String' in last ? last.String.sval?.toLowerCase() : undefined;
}

function columnRef(name: string): Node {
  return { ColumnRef: { fields: [{ String: { sval: name } }] } };
}

/** A node's shape, for matching a GROUP BY expression where the select list repeats it (locations ignored). */
function shape(node: unknown): string {
  return JSON.stringify(node, (key, value) => (key === 'location' ? undefined : value));
}

/** SUM(1): a row count, the same as COUNT(*) in every group (a group has rows) and NULL where a total has none to count. */
function asCount(node: Node): Node {
  if (nameOf(node) !== 'sum' || !('FuncCall' in node)) return node;
  const call = node.FuncCall;
  const arg = call.args?.length === 1 ? call.args[0]! : undefined;
  if (!arg || call.agg_distinct || call.agg_filter || call.over || !('A_Const' in arg) || arg.A_Const.ival?.ival !== 1) return node;
  return { FuncCall: { funcname: [{ String: { sval: 'count' } }], agg_star: true, location: call.location } };
}

/**
 * A grouped SELECT over one view whose select list, HAVING or ORDER BY computes with
 * its aggregates (windows over them, constants beside them, arithmetic on them, SUM(1))
 * as two SELECTs: an inner one of the groups and aggregates alone, which Cube answers
 * (and disclosure control judges, cell by cell), and an outer one computing the rest
 * from those cells, its HAVING a WHERE over them. PostgreSQL computes the same rows:
 * every expression outside an aggregate reads only grouped values. Null when the SELECT
 * is not grouped, reads a column neither grouped nor aggregated, or was written here.
 *
 * `SUM(CASE WHEN condition THEN measure END)` (Sigma's conditional sum) is the measure
 * grouped the same way over the rows the condition keeps: a second grouped SELECT, LEFT
 * JOINed on the groups (NULL where no row of a group meets the condition, 0 with ELSE 0).
 */
export function splitGroupedSelect(select: SelectStmt, inputNames: ReadonlySet<string>, additiveMeasures: ReadonlySet<string> = new Set(), measures: ReadonlySet<string> = additiveMeasures): SelectStmt | null {
  if (written.has(select) || (select.op && select.op !== 'SETOP_NONE') || select.withClause || select.windowClause?.length) return null;
  if ((select.fromClause ?? []).length !== 1 || !('RangeVar' in select.fromClause![0]!)) return null;
  if ((select.distinctClause ?? []).some((d) => Object.keys(d).length > 0)) return null;
  const targets: { name: string; val: Node }[] = [];
  for (const t of select.targetList ?? []) {
    if (!('ResTarget' in t) || !t.ResTarget.val) return null;
    const val = t.ResTarget.val;
    if ('ColumnRef' in val && val.ColumnRef.fields?.some((f) => 'A_Star' in f)) return null;
    targets.push({ name: t.ResTarget.name ?? defaultName(val), val });
  }
  // GROUP BY items as the expressions they name (a position, or an output name that is not an input column).
  const groups: Node[] = [];
  for (const g of select.groupClause ?? []) {
    if ('GroupingSet' in g) return null;
    let node: Node = g;
    if ('A_Const' in g && g.A_Const.ival !== undefined) {
      const target = targets[(g.A_Const.ival.ival ?? 0) - 1];
      if (!target) return null;
      node = target.val;
    } else if ('ColumnRef' in g && g.ColumnRef.fields?.length === 1 && 'String' in g.ColumnRef.fields[0]!) {
      const name = g.ColumnRef.fields[0].String.sval ?? '';
      const target = targets.find((t) => t.name === name);
      if (target && !inputNames.has(name)) node = target.val;
    }
    if (!groups.some((x) => shape(x) === shape(node))) groups.push(node);
  }
  const groupShapes = groups.map(shape);
  const aggregates: Node[] = [];
  const aggregateShapes: string[] = [];
  const conditionals: ConditionalSum[] = [];
  let loose = false;
  let computes = false;
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (!node || typeof node !== 'object') return node;
    const n = node as Node;
    const group = groupShapes.indexOf(shape(n));
    if (group >= 0) return columnRef(`__g${group}`);
    // A subquery is a query of its own (a correlated one fails on the columns it reads).
    if ('SubLink' in n) {
      computes = true;
      return n;
    }
    const name = nameOf(n);
    const conditional = conditionalSum(n, additiveMeasures, measures);
    if (conditional) {
      computes = true;
      const value = columnRef(`__c${conditionals.push(conditional) - 1}`);
      return conditional.zero ? { CoalesceExpr: { args: [value, { A_Const: { ival: {} } }] } } : value;
    }
    if ('FuncCall' in n && name && AGGREGATES.has(name) && !n.FuncCall.over) {
      const call = asCount(n);
      if (call !== n) computes = true;
      let index = aggregateShapes.indexOf(shape(call));
      if (index < 0) {
        index = aggregates.push(call) - 1;
        aggregateShapes.push(shape(call));
      }
      return columnRef(`__a${index}`);
    }
    if ('ColumnRef' in n) {
      loose = true;
      return n;
    }
    if ('FuncCall' in n || 'A_Expr' in n || 'TypeCast' in n || 'CaseExpr' in n || 'CoalesceExpr' in n || 'A_Const' in n || 'MinMaxExpr' in n || 'NullTest' in n || 'BoolExpr' in n) computes = true;
    return Object.fromEntries(Object.entries(n).map(([k, v]) => [k, rewrite(v)]));
  };
  const outerTargets = targets.map((t) => ({ ResTarget: { name: t.name, val: rewrite(t.val) as Node } }));
  const having = select.havingClause ? (rewrite(select.havingClause) as Node) : undefined;
  const sortClause = (select.sortClause ?? []).map((s) => {
    if (!('SortBy' in s)) return s;
    const node = s.SortBy.node!;
    // A position or an output name keeps naming the outer select's column.
    if ('A_Const' in node) return s;
    if ('ColumnRef' in node && node.ColumnRef.fields?.length === 1 && 'String' in node.ColumnRef.fields[0]!
      && targets.some((t) => t.name === (node.ColumnRef.fields![0] as { String: { sval?: string } }).String.sval)) return s;
    return { SortBy: { ...s.SortBy, node: rewrite(node) as Node } };
  });
  if (loose || (!groups.length && !aggregates.length) || (conditionals.length && !groups.length)) return null;
  // Nothing to compute outside the groups and aggregates: Cube answers the SELECT itself, or nothing does.
  const windows = JSON.stringify(select.targetList ?? []).includes('"over"') || JSON.stringify(select.sortClause ?? []).includes('"over"');
  if (!computes && !windows && !select.havingClause) return null;
  const inner: SelectStmt = {
    targetList: [
      ...groups.map((g, i) => ({ ResTarget: { name: `__g${i}`, val: g } })),
      ...aggregates.map((a, i) => ({ ResTarget: { name: `__a${i}`, val: a } })),
    ],
    fromClause: select.fromClause,
    whereClause: select.whereClause,
    groupClause: groups.length ? groups : undefined,
    limitOption: 'LIMIT_OPTION_DEFAULT',
    op: 'SETOP_NONE',
  };
  let from: Node = { RangeSubselect: { subquery: { SelectStmt: inner }, alias: { aliasname: '__cells' } } };
  conditionals.forEach(({ condition, measure }, i) => {
    const keys = groups.map((_, j) => `__k${i}_${j}`);
    const filtered: SelectStmt = {
      targetList: [
        ...groups.map((g, j) => ({ ResTarget: { name: keys[j], val: g } })),
        { ResTarget: { name: `__c${i}`, val: { FuncCall: { funcname: [{ String: { sval: 'sum' } }], args: [measure] } } } },
      ],
      fromClause: select.fromClause,
      whereClause: select.whereClause ? { BoolExpr: { boolop: 'AND_EXPR', args: [select.whereClause, condition] } } : condition,
      groupClause: groups,
      limitOption: 'LIMIT_OPTION_DEFAULT',
      op: 'SETOP_NONE',
    };
    written.add(filtered);
    // Groups match as GROUP BY matches them: NULL with NULL.
    const on = groups.map((_, j) => {
      const [a, b] = [columnRef(`__g${j}`), columnRef(keys[j]!)];
      return { BoolExpr: { boolop: 'OR_EXPR', args: [
        { A_Expr: { kind: 'AEXPR_OP', name: [{ String: { sval: '=' } }], lexpr: a, rexpr: b } },
        { BoolExpr: { boolop: 'AND_EXPR', args: [{ NullTest: { arg: a, nulltesttype: 'IS_NULL' } }, { NullTest: { arg: b, nulltesttype: 'IS_NULL' } }] } },
      ] } } as Node;
    });
    from = { JoinExpr: {
      jointype: 'JOIN_LEFT',
      larg: from,
      rarg: { RangeSubselect: { subquery: { SelectStmt: filtered }, alias: { aliasname: `__when${i}` } } },
      quals: on.length === 1 ? on[0] : { BoolExpr: { boolop: 'AND_EXPR', args: on } },
    } };
  });
  const outer: SelectStmt = {
    targetList: outerTargets,
    fromClause: [from],
    whereClause: having,
    distinctClause: select.distinctClause,
    sortClause: sortClause.length ? sortClause : undefined,
    limitCount: select.limitCount,
    limitOffset: select.limitOffset,
    limitOption: select.limitOption,
    op: 'SETOP_NONE',
  };
  written.add(inner);
  written.add(outer);
  return outer;
}
