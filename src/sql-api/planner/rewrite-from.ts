import type { Node, RangeVar, SelectStmt } from '@pgsql/types';
import { unsupported } from './plan-error';

/** A deep copy of a tree with every node for which `replace` answers replaced. */
function mapTree<T>(node: T, replace: (n: Record<string, unknown>) => unknown | undefined): T {
  if (Array.isArray(node)) return node.map((n) => mapTree(n, replace)) as T;
  if (!node || typeof node !== 'object') return node;
  const replaced = replace(node as Record<string, unknown>);
  if (replaced !== undefined) return replaced as T;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, mapTree(v, replace)])) as T;
}

/**
 * WITH: each reference to a common table expression becomes the subquery it names
 * (non-recursive CTEs are plain subqueries in PostgreSQL's semantics too).
 */
export function inlineCommonTableExpressions(select: SelectStmt): SelectStmt {
  const withClause = select.withClause;
  if (!withClause) return select;
  if (withClause.recursive) throw unsupported('WITH RECURSIVE');
  let body: SelectStmt = { ...select, withClause: undefined };
  const ctes = (withClause.ctes ?? []).map((c) => {
    if (!('CommonTableExpr' in c)) throw unsupported('This WITH');
    const cte = c.CommonTableExpr;
    const query = cte.ctequery;
    if (!query || !('SelectStmt' in query)) throw unsupported('A data-modifying WITH');
    if (cte.aliascolnames?.length) throw unsupported('Column names on a WITH query');
    return { name: cte.ctename!, query: query.SelectStmt };
  });
  // Later CTEs and the body may name earlier ones; inline from the last to the first.
  for (let i = ctes.length - 1; i >= 0; i--) {
    const { name, query } = ctes[i]!;
    const replace = (n: Record<string, unknown>): unknown | undefined => {
      const range = n.RangeVar as RangeVar | undefined;
      if (!range || range.schemaname || range.relname !== name) return undefined;
      return { RangeSubselect: { subquery: { SelectStmt: inlineCommonTableExpressions(query) }, alias: { aliasname: range.alias?.aliasname ?? name } } };
    };
    body = mapTree(body, replace);
    for (let j = i + 1; j < ctes.length; j++) ctes[j]!.query = mapTree(ctes[j]!.query, replace);
  }
  return body;
}

/** A subquery that only renames and filters a view's rows: its columns can be read through. */
function isPlainProjection(select: SelectStmt): boolean {
  if (select.op && select.op !== 'SETOP_NONE') return false;
  if (select.withClause || select.groupClause?.length || select.havingClause || select.distinctClause || select.limitCount || select.limitOffset) return false;
  if (select.windowClause?.length || select.valuesLists || (select.fromClause ?? []).length !== 1) return false;
  const from = select.fromClause![0]!;
  if (!('RangeVar' in from) && !('RangeSubselect' in from)) return false;
  return !aggregatesOrSubqueries(select.targetList ?? []);
}

const AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max', 'measure', 'stddev', 'stddev_pop', 'stddev_samp', 'variance', 'var_pop', 'var_samp', 'bool_and', 'bool_or', 'every']);

/** Whether a subtree aggregates, uses a window or holds a subquery (then its rows are not the view's). */
function aggregatesOrSubqueries(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(aggregatesOrSubqueries);
  if (!node || typeof node !== 'object') return false;
  const record = node as Record<string, unknown>;
  if ('SubLink' in record) return true;
  const call = record.FuncCall as { funcname?: { String?: { sval?: string } }[]; over?: unknown } | undefined;
  if (call && (call.over || AGGREGATES.has(String(call.funcname?.at(-1)?.String?.sval).toLowerCase()))) return true;
  return Object.values(record).some(aggregatesOrSubqueries);
}

/**
 * FROM (SELECT cols FROM view WHERE ...) AS t: the outer query reads the view directly,
 * each column of t replaced by the expression it names and the WHERE clauses ANDed, as
 * PostgreSQL's planner does. So `SUM(t.count) ... GROUP BY t.user_group` over Power BI's
 * inner select is a Cube query over the view, and COUNT(*) counts the view's rows.
 */
export function mergePlainSubquery(select: SelectStmt): SelectStmt | null {
  if ((select.fromClause ?? []).length !== 1) return null;
  const from = select.fromClause![0]!;
  if (!('RangeSubselect' in from) || from.RangeSubselect.lateral) return null;
  const sub = from.RangeSubselect.subquery;
  if (!sub || !('SelectStmt' in sub) || !isPlainProjection(sub.SelectStmt)) return null;
  let inner = sub.SelectStmt;
  const merged = mergePlainSubquery(inner);
  if (merged) inner = merged;
  if (!isPlainProjection(inner) || !('RangeVar' in inner.fromClause![0]!)) return null;
  const alias = from.RangeSubselect.alias?.aliasname;
  if (from.RangeSubselect.alias?.colnames?.length) return null;
  const range = inner.fromClause![0]!.RangeVar;
  const innerName = range.alias?.aliasname ?? range.relname!;
  // What each output name of the subquery stands for.
  const outputs = new Map<string, Node>();
  for (const t of inner.targetList ?? []) {
    if (!('ResTarget' in t)) return null;
    const val = t.ResTarget.val!;
    if ('ColumnRef' in val && val.ColumnRef.fields?.some((f) => 'A_Star' in f)) {
      // `*` exposes every column by its own name; the outer names resolve against the view.
      outputs.set('*', val);
      continue;
    }
    const name = t.ResTarget.name ?? ('ColumnRef' in val ? (val.ColumnRef.fields?.at(-1) as { String?: { sval?: string } })?.String?.sval : undefined);
    if (!name) return null;
    if (outputs.has(name)) return null;
    outputs.set(name, val);
  }
  const outerAliases = new Set((select.targetList ?? []).flatMap((t) => ('ResTarget' in t && t.ResTarget.name ? [t.ResTarget.name] : [])));
  let unresolved = false;
  const replace = (n: Record<string, unknown>): unknown | undefined => {
    if ('SubLink' in n) return n; // a subquery has its own scope
    const ref = n.ColumnRef as { fields?: Node[]; location?: number } | undefined;
    if (!ref) return undefined;
    const names = (ref.fields ?? []).map((f) => ('String' in f ? f.String.sval ?? '' : '*'));
    if (names.length > 2 || (names.length === 2 && names[0] !== alias)) {
      unresolved = true;
      return n;
    }
    const name = names.at(-1)!;
    if (name === '*') {
      return { ColumnRef: { fields: [...(outputs.has('*') ? [{ String: { sval: innerName } }] : []), { A_Star: {} }], location: ref.location } };
    }
    const target = outputs.get(name);
    if (target) return target;
    if (names.length === 1 && outerAliases.has(name)) return n;
    if (outputs.has('*')) return { ColumnRef: { fields: [{ String: { sval: innerName } }, { String: { sval: name } }], location: ref.location } };
    unresolved = true;
    return n;
  };
  // `*` over a subquery with its own select list lists that list, by name.
  const targetList = (select.targetList ?? []).flatMap((t): Node[] => {
    if (!('ResTarget' in t) || !t.ResTarget.val || !('ColumnRef' in t.ResTarget.val)) return [t];
    const fields = t.ResTarget.val.ColumnRef.fields ?? [];
    const star = fields.at(-1) && 'A_Star' in fields.at(-1)!;
    const qualifier = fields.length === 2 && 'String' in fields[0]! ? fields[0].String.sval : undefined;
    if (!star || outputs.has('*') || (fields.length === 2 && qualifier !== alias) || fields.length > 2) return [t];
    return [...outputs.keys()].map((name) => ({ ResTarget: { name, val: { ColumnRef: { fields: [{ String: { sval: name } }] } } } }));
  });
  // A bare column keeps its name when it is replaced by the expression it stands for.
  const named = targetList.map((t): Node => {
    if (!('ResTarget' in t) || t.ResTarget.name || !t.ResTarget.val || !('ColumnRef' in t.ResTarget.val)) return t;
    const last = t.ResTarget.val.ColumnRef.fields?.at(-1);
    return last && 'String' in last ? { ResTarget: { ...t.ResTarget, name: last.String.sval } } : t;
  });
  const outer = mapTree({ ...select, targetList: named, fromClause: undefined }, replace);
  if (unresolved) return null;
  if (JSON.stringify(outer.targetList).includes('"A_Star"') && !outputs.has('*')) return null;
  const where = [inner.whereClause, outer.whereClause].filter((w): w is Node => !!w);
  return {
    ...outer,
    fromClause: inner.fromClause,
    whereClause: where.length === 2 ? { BoolExpr: { boolop: 'AND_EXPR', args: where } } : where[0],
  };
}

function andTerms(node: Node | undefined): Node[] {
  if (!node) return [];
  if ('BoolExpr' in node && node.BoolExpr.boolop === 'AND_EXPR') return (node.BoolExpr.args ?? []).flatMap(andTerms);
  return [node];
}

function and(terms: Node[]): Node | undefined {
  if (terms.length === 0) return undefined;
  return terms.length === 1 ? terms[0] : { BoolExpr: { boolop: 'AND_EXPR', args: terms } };
}

function singleName(node: Node): string | undefined {
  if (!('ColumnRef' in node) || node.ColumnRef.fields?.length !== 1) return undefined;
  const only = node.ColumnRef.fields[0]!;
  return 'String' in only ? only.String.sval : undefined;
}

/** GROUP BY / ORDER BY items of a SELECT with ordinals and output names replaced by the expressions they name. */
function itemsAsExpressions(items: Node[], targets: { name?: string; val: Node }[], inputNames: Set<string>, groupBy = false): Node[] | null {
  const out: Node[] = [];
  for (const item of items) {
    if ('A_Const' in item && item.A_Const.ival !== undefined) {
      const target = targets[(item.A_Const.ival.ival ?? 0) - 1];
      if (!target) return null;
      out.push(target.val);
      continue;
    }
    const name = singleName(item);
    const aliased = name !== undefined && !inputNames.has(name) ? targets.find((t) => t.name === name) : undefined;
    // In GROUP BY an input column wins over an output name; unknown here, so only an alias of itself is safe.
    if (groupBy && aliased && singleName(aliased.val) !== name) return null;
    out.push(aliased ? aliased.val : item);
  }
  return out;
}

/**
 * FROM (SELECT ... GROUP BY ...) AS t with only columns, conditions, ORDER BY and LIMIT
 * outside (Sigma's and ThoughtSpot's WITH queries, Superset's virtual datasets, Power BI's
 * navigation): one grouped query, its outer conditions on aggregates becoming HAVING, as
 * PostgreSQL would compute the same rows.
 */
export function mergeOverGroupedSubquery(select: SelectStmt): SelectStmt | null {
  if ((select.fromClause ?? []).length !== 1 || select.groupClause?.length || select.havingClause || select.distinctClause) return null;
  if (select.windowClause?.length || aggregatesOrSubqueries(select.targetList ?? []) || aggregatesOrSubqueries(select.whereClause ?? null)) return null;
  const from = select.fromClause![0]!;
  if (!('RangeSubselect' in from) || from.RangeSubselect.lateral || from.RangeSubselect.alias?.colnames?.length) return null;
  const sub = from.RangeSubselect.subquery;
  if (!sub || !('SelectStmt' in sub)) return null;
  let inner = sub.SelectStmt;
  for (let merged = mergePlainSubquery(inner) ?? mergeOverGroupedSubquery(inner); merged; merged = mergePlainSubquery(inner) ?? mergeOverGroupedSubquery(inner)) inner = merged;
  if ((inner.op && inner.op !== 'SETOP_NONE') || inner.withClause || (inner.fromClause ?? []).length !== 1 || !('RangeVar' in inner.fromClause![0]!)) return null;
  if (!inner.groupClause?.length && !aggregatesOrSubqueries(inner.targetList ?? [])) return null;
  if ((inner.distinctClause ?? []).some((d) => Object.keys(d).length > 0) || inner.windowClause?.length) return null;
  if (JSON.stringify(inner.targetList ?? []).includes('"over"') || JSON.stringify(inner.targetList ?? []).includes('"A_Star"')) return null;
  const innerLimited = !!(inner.limitCount || inner.limitOffset);
  if (innerLimited && (select.whereClause || select.sortClause?.length || select.limitCount || select.limitOffset)) return null;

  const targets = (inner.targetList ?? []).map((t) => ('ResTarget' in t ? { name: t.ResTarget.name ?? singleName(t.ResTarget.val!) ?? defaultOutputName(t.ResTarget.val!), val: t.ResTarget.val! } : null));
  if (targets.some((t) => t === null)) return null;
  const outputs = targets as { name: string; val: Node }[];
  // Input names hide output names in GROUP BY; the view's columns are not known here, so a name that is both is left alone.
  const groups = itemsAsExpressions(inner.groupClause ?? [], outputs, new Set(), true);
  if (!groups) return null;
  const groupKeys = new Set(groups.map((g) => JSON.stringify(g)));
  const alias = from.RangeSubselect.alias?.aliasname;
  let unresolved = false;
  let measureRead = false;
  const replace = (n: Record<string, unknown>): unknown | undefined => {
    if ('SubLink' in n) return n;
    const ref = n.ColumnRef as { fields?: Node[] } | undefined;
    if (!ref) return undefined;
    const names = (ref.fields ?? []).map((f) => ('String' in f ? f.String.sval ?? '' : '*'));
    if (names.length > 2 || (names.length === 2 && names[0] !== alias)) {
      unresolved = true;
      return n;
    }
    const target = outputs.find((o) => o.name === names.at(-1));
    if (!target) {
      unresolved = true;
      return n;
    }
    // A column the subquery neither groups nor aggregates explicitly is a measure read bare.
    if (aggregatesOrSubqueries(target.val) || !groupKeys.has(JSON.stringify(target.val))) measureRead = true;
    return target.val;
  };
  const substitute = <T>(node: T): { node: T; aggregate: boolean } => {
    measureRead = false;
    const replaced = mapTree(node, replace);
    return { node: replaced, aggregate: measureRead };
  };
  const outerTargets: Node[] = [];
  for (const t of select.targetList ?? []) {
    if (!('ResTarget' in t)) return null;
    const val = t.ResTarget.val!;
    if ('ColumnRef' in val && val.ColumnRef.fields?.some((f) => 'A_Star' in f)) {
      for (const o of outputs) outerTargets.push({ ResTarget: { name: o.name, val: o.val } });
      continue;
    }
    const name = t.ResTarget.name ?? singleName(val) ?? ('ColumnRef' in val ? (val.ColumnRef.fields?.at(-1) as { String?: { sval?: string } })?.String?.sval : undefined);
    outerTargets.push({ ResTarget: { ...(name ? { name } : {}), val: substitute(val).node } });
  }
  const where: Node[] = [];
  const having: Node[] = [];
  for (const term of andTerms(select.whereClause)) {
    const { node, aggregate } = substitute(term);
    (aggregate ? having : where).push(node);
  }
  const outerNames = outerTargets.map((t) => ('ResTarget' in t ? { name: t.ResTarget.name, val: t.ResTarget.val! } : { val: t }));
  let sortClause: Node[] | undefined;
  if (select.sortClause?.length) {
    sortClause = [];
    for (const s of select.sortClause) {
      if (!('SortBy' in s)) return null;
      const node = s.SortBy.node!;
      let expression: Node;
      if ('A_Const' in node && node.A_Const.ival !== undefined) {
        const target = outerNames[(node.A_Const.ival.ival ?? 0) - 1];
        if (!target) return null;
        expression = target.val;
      } else {
        const name = singleName(node);
        const aliased = name !== undefined ? outerNames.find((o) => o.name === name) : undefined;
        expression = aliased ? aliased.val : substitute(node).node;
      }
      sortClause.push({ SortBy: { ...s.SortBy, node: expression } });
    }
  } else if (inner.sortClause?.length) {
    const items = itemsAsExpressions(inner.sortClause.map((s) => ('SortBy' in s ? s.SortBy.node! : s)), outputs, new Set());
    if (!items) return null;
    sortClause = inner.sortClause.map((s, i) => ('SortBy' in s ? { SortBy: { ...s.SortBy, node: items[i]! } } : s));
  }
  if (unresolved) return null;
  return {
    targetList: outerTargets,
    fromClause: inner.fromClause,
    whereClause: and([...andTerms(inner.whereClause), ...where]),
    groupClause: groups,
    havingClause: and([...andTerms(inner.havingClause), ...having]),
    sortClause,
    limitCount: innerLimited ? inner.limitCount : select.limitCount,
    limitOffset: innerLimited ? inner.limitOffset : select.limitOffset,
    limitOption: select.limitOption ?? inner.limitOption,
    op: 'SETOP_NONE',
  };
}

/** The output name PostgreSQL gives an unnamed expression, as far as a merge needs it. */
function defaultOutputName(node: Node): string {
  if ('FuncCall' in node) return (node.FuncCall.funcname?.at(-1) as { String?: { sval?: string } })?.String?.sval ?? '?column?';
  if ('TypeCast' in node) return defaultOutputName(node.TypeCast.arg!);
  return '?column?';
}

function callName(node: Node): string | undefined {
  if (!('FuncCall' in node)) return undefined;
  return String((node.FuncCall.funcname?.at(-1) as { String?: { sval?: string } })?.String?.sval).toLowerCase();
}

/**
 * An outer aggregate of an inner aggregate, at the outer (coarser) grain, when the two
 * compose: SUM of a count or a sum, MIN of a min, MAX of a max, or of a measure (whose
 * type the Cube planner then checks). Null when they do not (AVG of averages, SUM of
 * distinct counts, COUNT of groups).
 */
function reaggregated(outer: string, inner: Node, isGroupKey: boolean): Node | null {
  if (isGroupKey) return null;
  const name = callName(inner);
  const call = 'FuncCall' in inner ? inner.FuncCall : undefined;
  if (!name) {
    // A bare measure column: the outer aggregate applies to the measure.
    if (!('ColumnRef' in inner)) return null;
    return { FuncCall: { funcname: [{ String: { sval: outer } }], args: [inner] } };
  }
  if (call?.agg_filter || call?.over) return null;
  if (name === 'measure') return { FuncCall: { funcname: [{ String: { sval: outer } }], args: call!.args } };
  if (outer === 'sum' && (name === 'sum' || name === 'count') && !call!.agg_distinct) return inner;
  if ((outer === 'min' || outer === 'max') && name === outer) return inner;
  return null;
}

/**
 * SUM/MIN/MAX over a grouped subquery, grouped by some of its groups (Tableau's and
 * Superset's custom SQL, Power BI's totals): one grouped query at the coarser grain, when
 * each outer aggregate composes with the inner one.
 */
export function mergeReaggregation(select: SelectStmt): SelectStmt | null {
  if ((select.fromClause ?? []).length !== 1 || select.distinctClause || select.windowClause?.length) return null;
  const from = select.fromClause![0]!;
  if (!('RangeSubselect' in from) || from.RangeSubselect.lateral || from.RangeSubselect.alias?.colnames?.length) return null;
  const sub = from.RangeSubselect.subquery;
  if (!sub || !('SelectStmt' in sub)) return null;
  const inner = sub.SelectStmt;
  if ((inner.op && inner.op !== 'SETOP_NONE') || inner.withClause || inner.havingClause || inner.limitCount || inner.limitOffset || inner.distinctClause) return null;
  if ((inner.fromClause ?? []).length !== 1 || !('RangeVar' in inner.fromClause![0]!) || !inner.groupClause?.length) return null;
  if (JSON.stringify(inner.targetList ?? []).includes('"over"') || JSON.stringify(inner.targetList ?? []).includes('"A_Star"')) return null;
  const outputs = (inner.targetList ?? []).map((t) => ('ResTarget' in t ? { name: t.ResTarget.name ?? singleName(t.ResTarget.val!) ?? defaultOutputName(t.ResTarget.val!), val: t.ResTarget.val! } : null));
  if (outputs.some((o) => o === null)) return null;
  const columns = outputs as { name: string; val: Node }[];
  const groups = itemsAsExpressions(inner.groupClause, columns, new Set(), true);
  if (!groups) return null;
  const groupKeys = new Set(groups.map((g) => JSON.stringify(g)));
  const alias = from.RangeSubselect.alias?.aliasname;
  const output = (ref: Node): { name: string; val: Node } | null => {
    if (!('ColumnRef' in ref)) return null;
    const names = (ref.ColumnRef.fields ?? []).map((f) => ('String' in f ? f.String.sval ?? '' : '*'));
    if (names.length > 2 || (names.length === 2 && names[0] !== alias)) return null;
    return columns.find((c) => c.name === names.at(-1)) ?? null;
  };
  let failed = false;
  let aggregated = false;
  const replace = (n: Record<string, unknown>): unknown | undefined => {
    if ('SubLink' in n) {
      failed = true;
      return n;
    }
    const node = n as Node;
    const name = callName(node);
    if (name && 'FuncCall' in node) {
      const call = node.FuncCall;
      if (call.over || call.agg_filter || call.agg_distinct || call.agg_star || (call.args ?? []).length !== 1 || !['sum', 'min', 'max'].includes(name)) {
        failed = true;
        return n;
      }
      const target = output(call.args![0]!);
      const merged = target ? reaggregated(name, target.val, groupKeys.has(JSON.stringify(target.val))) : null;
      if (!merged) failed = true;
      aggregated = true;
      return merged ?? n;
    }
    if ('ColumnRef' in node) {
      const target = output(node);
      // Outside an aggregate only the inner groups may be read.
      if (!target || !groupKeys.has(JSON.stringify(target.val))) failed = true;
      return target?.val ?? n;
    }
    return undefined;
  };
  const targetList = (select.targetList ?? []).map((t) => {
    if (!('ResTarget' in t)) {
      failed = true;
      return t;
    }
    const val = t.ResTarget.val!;
    const name = t.ResTarget.name ?? ('ColumnRef' in val ? (val.ColumnRef.fields?.at(-1) as { String?: { sval?: string } })?.String?.sval : callName(val));
    return { ResTarget: { ...(name ? { name } : {}), val: mapTree(val, replace) } };
  });
  if (!aggregated) return null;
  const where = mapTree(select.whereClause, replace);
  const groupClause = (select.groupClause ?? []).map((g) => ('A_Const' in g ? g : mapTree(g, replace)));
  const havingClause = mapTree(select.havingClause, replace);
  const outerNames = new Set(targetList.flatMap((t) => ('ResTarget' in t && t.ResTarget.name ? [t.ResTarget.name] : [])));
  const sortClause = (select.sortClause ?? []).map((s) => {
    if (!('SortBy' in s)) return s;
    const node = s.SortBy.node!;
    const name = singleName(node);
    if ('A_Const' in node || (name !== undefined && outerNames.has(name))) return s;
    return { SortBy: { ...s.SortBy, node: mapTree(node, replace) } };
  });
  if (failed) return null;
  return {
    targetList,
    fromClause: inner.fromClause,
    whereClause: and([...andTerms(inner.whereClause), ...andTerms(where)]),
    groupClause,
    havingClause,
    sortClause: sortClause.length ? sortClause : undefined,
    limitCount: select.limitCount,
    limitOffset: select.limitOffset,
    limitOption: select.limitOption,
    op: 'SETOP_NONE',
  };
}
