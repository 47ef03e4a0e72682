import type { Node, SelectStmt, SubLink } from '@pgsql/types';
import type { VisibleTable } from '../catalog/visible-tables';
import { defaultName } from './plan-cube-query';
import { SqlApiError, SQLSTATE, unsupported } from './plan-error';
import { inlineCommonTableExpressions } from './rewrite-from';
import { SQL_TYPES, type SqlType } from './sql-type';

/** An inner query's answer: its columns' types and its rows as PostgreSQL's text output. */
export interface InnerAnswer {
  types: SqlType[];
  rows: (string | null)[][];
}

/** Answers a SELECT as a statement of its own (through Cube and disclosure control). */
export type AnswerInner = (select: SelectStmt) => Promise<InnerAnswer>;

interface Context {
  tables: VisibleTable[];
  params: (string | null)[];
  answer: AnswerInner;
  /** Names the enclosing queries' FROM gives relations (aliases, table names). */
  outer: Set<string>;
}

/** Names a FROM clause gives its relations, nested joins included. */
function relationNames(from: Node[] | undefined, out = new Set<string>()): Set<string> {
  for (const item of from ?? []) {
    if ('RangeVar' in item) out.add(item.RangeVar.alias?.aliasname ?? item.RangeVar.relname ?? '');
    else if ('RangeSubselect' in item && item.RangeSubselect.alias?.aliasname) out.add(item.RangeSubselect.alias.aliasname);
    else if ('JoinExpr' in item) relationNames([item.JoinExpr.larg!, item.JoinExpr.rarg!], out);
  }
  return out;
}

/** Names every FROM inside a subtree gives its relations. */
function allRelationNames(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => allRelationNames(n, out));
  else if (node && typeof node === 'object') {
    const select = (node as { SelectStmt?: SelectStmt }).SelectStmt;
    if (select) relationNames(select.fromClause, out);
    Object.values(node).forEach((v) => allRelationNames(v, out));
  }
  return out;
}

/**
 * Answers a subquery as a statement of its own; one that names a relation of the query
 * around it (correlated) has no answer of its own, and is refused as such.
 */
function answerAlone(ctx: Context, inner: SelectStmt): Promise<InnerAnswer> {
  const own = allRelationNames({ SelectStmt: inner });
  for (const c of inner.withClause?.ctes ?? []) if ('CommonTableExpr' in c && c.CommonTableExpr.ctename) own.add(c.CommonTableExpr.ctename);
  const correlated = columnRefs(inner).some((names) => names.length === 2 && !own.has(names[0]!) && ctx.outer.has(names[0]!));
  if (correlated) throw unsupported('A correlated subquery (one that reads a column of the query around it) in WHERE or HAVING');
  return ctx.answer(inner);
}

const NUMERIC_TYPES = new Set<SqlType>(['int2', 'int4', 'int8', 'numeric', 'float4', 'float8']);
const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A constant of the inner query's answer, typed as its column: a number as a numeric
 * literal of the tree (a Cube filter compares it as the number it is), anything else a
 * parameter of the statement cast to the column's type.
 */
function bound(ctx: Context, value: string | null, type: SqlType): Node {
  if (value !== null && NUMERIC_TYPES.has(type) && NUMBER.test(value)) {
    const whole = /^-?\d+$/.test(value) && Math.abs(Number(value)) < 2 ** 31;
    return { A_Const: whole ? { ival: { ival: Number(value) } } : { fval: { fval: value } } };
  }
  ctx.params.push(value);
  const param: Node = { ParamRef: { number: ctx.params.length } };
  if (type === 'text') return param;
  return { TypeCast: { arg: param, typeName: { names: SQL_TYPES[type].cast.split('.').map((sval) => ({ String: { sval } })), typemod: -1 } } };
}

/** `expr IN (k1, ..., kn)` of the inner answer's distinct non-NULL keys; `expr` is in no empty set. */
function inList(ctx: Context, test: Node, answer: InnerAnswer, column: number): Node {
  const keys = [...new Set(answer.rows.map((r) => r[column] ?? null).filter((v): v is string => v !== null))];
  if (!keys.length) {
    // Matches no row, as `IN` of an empty set: NULL and not NULL at once.
    return { BoolExpr: { boolop: 'AND_EXPR', args: [{ NullTest: { arg: test, nulltesttype: 'IS_NULL' } }, { NullTest: { arg: test, nulltesttype: 'IS_NOT_NULL' } }] } };
  }
  return { A_Expr: { kind: 'AEXPR_IN', name: [{ String: { sval: '=' } }], lexpr: test, rexpr: { List: { items: keys.map((k) => bound(ctx, k, answer.types[column]!)) } } } };
}

function andTerms(node: Node | undefined): Node[] {
  if (!node) return [];
  if ('BoolExpr' in node && node.BoolExpr.boolop === 'AND_EXPR') return (node.BoolExpr.args ?? []).flatMap(andTerms);
  return [node];
}

function and(terms: Node[]): Node | undefined {
  if (!terms.length) return undefined;
  return terms.length === 1 ? terms[0] : { BoolExpr: { boolop: 'AND_EXPR', args: terms } };
}

function fieldNames(node: Node): string[] | undefined {
  if (!('ColumnRef' in node)) return undefined;
  const fields = node.ColumnRef.fields ?? [];
  if (fields.some((f) => !('String' in f))) return undefined;
  return fields.map((f) => ('String' in f ? f.String.sval ?? '' : ''));
}

function outputNames(select: SelectStmt): string[] | undefined {
  const names: string[] = [];
  for (const t of select.targetList ?? []) {
    if (!('ResTarget' in t) || !t.ResTarget.val) return undefined;
    if ('ColumnRef' in t.ResTarget.val && t.ResTarget.val.ColumnRef.fields?.some((f) => 'A_Star' in f)) return undefined;
    names.push(t.ResTarget.name ?? defaultName(t.ResTarget.val));
  }
  return names;
}

/** Whether the subquery's output `index` holds each value once: it groups by exactly that column. */
function distinctKey(select: SelectStmt, index: number): boolean {
  if ((select.op && select.op !== 'SETOP_NONE') || select.groupClause?.length !== 1) return false;
  const target = select.targetList?.[index];
  if (!target || !('ResTarget' in target)) return false;
  const group = select.groupClause[0]!;
  if ('A_Const' in group) return group.A_Const.ival?.ival === index + 1;
  const strip = (n: unknown) => JSON.stringify(n, (k, v) => (k === 'location' ? undefined : v));
  if (strip(group) === strip(target.ResTarget.val)) return true;
  const names = fieldNames(group);
  return names?.length === 1 && target.ResTarget.name === names[0];
}

/** Every column reference in a subtree, subqueries included (they may name the outer query's relations). */
function columnRefs(node: unknown, out: string[][] = []): string[][] {
  if (Array.isArray(node)) node.forEach((n) => columnRefs(n, out));
  else if (node && typeof node === 'object') {
    const names = fieldNames(node as Node);
    if (names) out.push(names);
    Object.values(node).forEach((v) => columnRefs(v, out));
  }
  return out;
}

/**
 * FROM view JOIN (SELECT key, ... GROUP BY key ...) AS t ON view.col = t.key, where
 * nothing else reads t (Tableau's Top N, Superset's series limit): t only keeps the
 * rows whose col is among its keys, each once, so the join is `col IN (keys)`.
 */
async function semiJoin(select: SelectStmt, ctx: Context): Promise<SelectStmt> {
  const from = select.fromClause ?? [];
  if (from.length !== 1 || !('JoinExpr' in from[0]!)) return select;
  const join = from[0].JoinExpr;
  if ((join.jointype ?? 'JOIN_INNER') !== 'JOIN_INNER' || join.isNatural || join.usingClause?.length || join.alias || !join.quals) return select;
  const sides = [join.larg!, join.rarg!];
  const viewSide = sides.find((s) => 'RangeVar' in s);
  const subSide = sides.find((s) => 'RangeSubselect' in s);
  if (!viewSide || !subSide || !('RangeVar' in viewSide) || !('RangeSubselect' in subSide)) return select;
  const range = viewSide.RangeVar;
  const view = ctx.tables.find((t) => t.name === range.relname);
  const sub = subSide.RangeSubselect;
  const inner = sub.subquery && 'SelectStmt' in sub.subquery ? sub.subquery.SelectStmt : undefined;
  const subAlias = sub.alias?.aliasname;
  const outputs = inner ? outputNames(inner) : undefined;
  if (!view || !inner || !subAlias || !outputs || sub.lateral || sub.alias?.colnames?.length) return select;
  const viewNames = new Set([range.alias?.aliasname ?? range.relname!]);
  const viewColumns = new Set(view.columns.map((c) => c.name));
  /** Which side a reference names: 'view', 'sub', or undefined (neither, or both). */
  const sideOf = (names: string[]): 'view' | 'sub' | undefined => {
    if (names.length === 2) return names[0] === subAlias ? 'sub' : viewNames.has(names[0]!) ? 'view' : undefined;
    if (names.length !== 1) return undefined;
    const inView = viewColumns.has(names[0]!);
    const inSub = outputs.includes(names[0]!);
    return inView === inSub ? undefined : inView ? 'view' : 'sub';
  };
  const quals = join.quals;
  if (!('A_Expr' in quals) || quals.A_Expr.kind !== 'AEXPR_OP' || !quals.A_Expr.lexpr || !quals.A_Expr.rexpr) return select;
  const op = quals.A_Expr.name?.at(-1);
  if (!op || !('String' in op) || op.String.sval !== '=') return select;
  const [l, r] = [fieldNames(quals.A_Expr.lexpr), fieldNames(quals.A_Expr.rexpr)];
  if (!l || !r) return select;
  const [ls, rs] = [sideOf(l), sideOf(r)];
  if (!ls || !rs || ls === rs) return select;
  const [viewRef, subRef] = ls === 'view' ? [quals.A_Expr.lexpr, r] : [quals.A_Expr.rexpr, l];
  const key = outputs.indexOf(subRef.at(-1)!);
  if (key < 0 || !distinctKey(inner, key)) return select;
  // Nothing outside the join condition may read the subquery.
  const rest = { ...select, fromClause: undefined };
  if (columnRefs(rest).some((names) => sideOf(names) !== 'view')) return select;
  const answer = await answerAlone(ctx, inner);
  return {
    ...select,
    fromClause: [viewSide],
    whereClause: and([...andTerms(select.whereClause), inList(ctx, viewRef, answer, key)]),
  };
}

async function scalar(link: SubLink, ctx: Context): Promise<Node> {
  const inner = link.subselect && 'SelectStmt' in link.subselect ? link.subselect.SelectStmt : undefined;
  if (!inner) throw unsupported('This subquery');
  const answer = await answerAlone(ctx, inner);
  if (answer.types.length !== 1) throw new SqlApiError(SQLSTATE.syntaxError, 'subquery must return only one column');
  if (answer.rows.length > 1) throw new SqlApiError('21000', 'more than one row returned by a subquery used as an expression');
  const value = answer.rows[0]?.[0] ?? null;
  if (value === null) {
    throw unsupported('A subquery whose answer is NULL (no rows, or a total of fewer people than the minimum cell size) compared in WHERE or HAVING');
  }
  return bound(ctx, value, answer.types[0]!);
}

/** Scalar subqueries anywhere in a condition, and `x IN (SELECT ...)` as one of its AND terms, as constants. */
async function condition(node: Node | undefined, ctx: Context): Promise<Node | undefined> {
  if (!node) return node;
  const terms: Node[] = [];
  for (const term of andTerms(node)) {
    if ('SubLink' in term && term.SubLink.subLinkType === 'ANY_SUBLINK' && term.SubLink.testexpr) {
      const op = term.SubLink.operName?.at(-1);
      const inner = term.SubLink.subselect && 'SelectStmt' in term.SubLink.subselect ? term.SubLink.subselect.SelectStmt : undefined;
      if ((!op || ('String' in op && op.String.sval === '=')) && inner) {
        const answer = await answerAlone(ctx, inner);
        if (answer.types.length !== 1) throw new SqlApiError(SQLSTATE.syntaxError, 'subquery has too many columns');
        terms.push(inList(ctx, term.SubLink.testexpr, answer, 0));
        continue;
      }
    }
    terms.push(await scalars(term, ctx));
  }
  return and(terms);
}

async function scalars(node: Node, ctx: Context): Promise<Node> {
  const walk = async (n: unknown): Promise<unknown> => {
    if (Array.isArray(n)) return Promise.all(n.map(walk));
    if (!n || typeof n !== 'object') return n;
    const record = n as Record<string, unknown>;
    if ('SubLink' in record) {
      const link = record.SubLink as SubLink;
      return link.subLinkType === 'EXPR_SUBLINK' ? scalar(link, ctx) : n;
    }
    const entries = await Promise.all(Object.entries(record).map(async ([k, v]) => [k, await walk(v)] as const));
    return Object.fromEntries(entries);
  };
  return (await walk(node)) as Node;
}

async function fromItem(node: Node, ctx: Context): Promise<Node> {
  if ('RangeSubselect' in node && node.RangeSubselect.subquery && 'SelectStmt' in node.RangeSubselect.subquery) {
    return { RangeSubselect: { ...node.RangeSubselect, subquery: { SelectStmt: await rewrite(node.RangeSubselect.subquery.SelectStmt, ctx) } } };
  }
  if ('JoinExpr' in node) {
    return { JoinExpr: { ...node.JoinExpr, larg: await fromItem(node.JoinExpr.larg!, ctx), rarg: await fromItem(node.JoinExpr.rarg!, ctx) } };
  }
  return node;
}

async function rewrite(input: SelectStmt, ctx: Context): Promise<SelectStmt> {
  const select = inlineCommonTableExpressions(input);
  if (select.op && select.op !== 'SETOP_NONE') {
    return { ...select, larg: select.larg && await rewrite(select.larg, ctx), rarg: select.rarg && await rewrite(select.rarg, ctx) };
  }
  const fromClause = select.fromClause && await Promise.all(select.fromClause.map((f) => fromItem(f, ctx)));
  const joined = await semiJoin({ ...select, fromClause }, ctx);
  const inner = { ...ctx, outer: new Set([...ctx.outer, ...relationNames(joined.fromClause)]) };
  return { ...joined, whereClause: await condition(joined.whereClause, inner), havingClause: await condition(joined.havingClause, inner) };
}

/**
 * For a group with a minimum cell size, where SQL around Cube's answers would have to
 * read the views' rows: a subquery used only to pick keys (a semi-join, `IN (SELECT
 * ...)`) or a value (a scalar subquery in WHERE or HAVING) is answered first as a
 * statement of its own, through Cube and disclosure control, and the statement then
 * reads its answer as constants, bound as parameters of the inner column's type. Keys
 * disclosure control left out are not among the constants: the answer holds only rows
 * the caller could have asked for one by one.
 */
export function subqueriesAsConstants(select: SelectStmt, tables: VisibleTable[], params: (string | null)[], answer: AnswerInner): Promise<SelectStmt> {
  return rewrite(select, { tables, params, answer, outer: new Set() });
}
