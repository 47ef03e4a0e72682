import type { A_Expr, Node } from '@pgsql/types';
import type { VisibleColumn } from '../catalog/visible-tables';
import { castType } from './sql-type';
import { constantText, paramValue } from './compile-expression';
import type { CubeFilter } from './cube-query';
import { cubeTimestamp, isBareDate } from './cube-timestamp';

/** What a filter's column side stands for: a member, read as a date when cast to one. */
export interface FilterMember {
  column: VisibleColumn;
  asDate: boolean;
}

export interface FilterContext {
  /** The member a node stands for, or null when it is an expression. */
  memberOf(node: Node): FilterMember | null;
  params: (string | null)[];
  /** Whether measures may be filtered (HAVING). */
  measures: boolean;
}

/** A constant's text; undefined when the node is not a constant. */
export function constantOf(node: Node | undefined, params: (string | null)[]): string | null | undefined {
  if (!node) return undefined;
  if ('A_Const' in node) return constantText(node.A_Const);
  if ('ParamRef' in node) return paramValue(params, node.ParamRef.number ?? 0, node.ParamRef.location);
  if ('TypeCast' in node) {
    const names = (node.TypeCast.typeName?.names ?? []).map((n) => ('String' in n ? n.String.sval ?? '' : ''));
    // A constant cast to a time or text type keeps its text; other casts change values.
    const type = castType(names);
    if (!type || !['date', 'timestamp', 'timestamptz', 'text'].includes(type)) return undefined;
    return constantOf(node.TypeCast.arg, params);
  }
  if ('A_Expr' in node && node.A_Expr.kind === 'AEXPR_OP' && !node.A_Expr.lexpr) {
    const op = (node.A_Expr.name ?? []).map((n) => ('String' in n ? n.String.sval : ''))[0];
    const v = constantOf(node.A_Expr.rexpr, params);
    if (op !== '-' || v === undefined || v === null || !/^\d/.test(v)) return undefined;
    return `-${v}`;
  }
  return undefined;
}

const FLIPPED: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '<>': '<>', '!=': '<>' };

/** SQL's `x <> v` is false for NULL; Cube's notEquals keeps NULLs, so NULLs are excluded explicitly. */
function excludingNulls(member: string, filter: CubeFilter): CubeFilter {
  return { and: [filter, { member, operator: 'set' }] };
}

function comparison(m: FilterMember, op: string, value: string): CubeFilter | null {
  const member = m.column.member;
  if (m.column.type === 'time') {
    // A column cast to date compares whole days; otherwise the value is an instant (a bare date is its midnight).
    if (m.asDate && !isBareDate(value)) return null;
    const start = cubeTimestamp(value);
    const end = m.asDate ? cubeTimestamp(value, true) : start;
    const ops: Record<string, CubeFilter> = {
      '<': { member, operator: 'beforeDate', values: [start] },
      '<=': { member, operator: 'beforeOrOnDate', values: [end] },
      '>': { member, operator: 'afterDate', values: [end] },
      '>=': { member, operator: 'afterOrOnDate', values: [start] },
      '=': { member, operator: 'inDateRange', values: [start, end] },
    };
    return ops[op] ?? excludingNulls(member, { member, operator: 'notInDateRange', values: [start, end] });
  }
  if (m.asDate) return null;
  const ops: Record<string, string> = { '=': 'equals', '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };
  if (ops[op]) return { member, operator: ops[op]!, values: [value] };
  return excludingNulls(member, { member, operator: 'notEquals', values: [value] });
}

function operatorOf(expr: A_Expr): string {
  return (expr.name ?? []).map((n) => ('String' in n ? n.String.sval ?? '' : '')).at(-1) ?? '';
}

function member(node: Node | undefined, ctx: FilterContext): FilterMember | null {
  if (!node) return null;
  const m = ctx.memberOf(node);
  if (!m) return null;
  if (m.column.kind === 'measure' && !ctx.measures) return null;
  if (m.column.kind !== 'measure' && ctx.measures) return null;
  return m;
}

/** ILIKE patterns Cube's contains/startsWith/endsWith match exactly (they are ILIKE with `%` around the value). */
function like(expr: A_Expr, ctx: FilterContext, negated: boolean): CubeFilter | null {
  const op = operatorOf(expr);
  if (expr.kind !== 'AEXPR_ILIKE' || !/^!?~~\*$/.test(op)) return null;
  const m = member(expr.lexpr, ctx);
  const pattern = constantOf(expr.rexpr, ctx.params);
  if (!m || m.asDate || m.column.type !== 'string' || typeof pattern !== 'string') return null;
  const not = negated !== op.startsWith('!');
  const inner = pattern.replace(/^%/, '').replace(/%$/, '');
  // Wildcards or escapes inside the value would be taken literally by nobody: leave it to SQL.
  if (/[%_\\]/.test(inner) || inner.length === 0) return null;
  const starts = pattern.startsWith('%');
  const ends = pattern.endsWith('%');
  const name = m.column.member;
  let filter: CubeFilter;
  if (starts && ends) filter = { member: name, operator: not ? 'notContains' : 'contains', values: [inner] };
  else if (ends) filter = { member: name, operator: not ? 'notStartsWith' : 'startsWith', values: [inner] };
  else if (starts) filter = { member: name, operator: not ? 'notEndsWith' : 'endsWith', values: [inner] };
  else return null;
  return not ? excludingNulls(name, filter) : filter;
}

/**
 * One WHERE/HAVING condition as a Cube filter, whose values Cube binds as parameters;
 * null when Cube's filters cannot say it exactly (the caller then uses a segment).
 */
export function toCubeFilter(node: Node, ctx: FilterContext, negated = false): CubeFilter | null {
  if ('BoolExpr' in node) {
    const { boolop, args = [] } = node.BoolExpr;
    if (boolop === 'NOT_EXPR') return toCubeFilter(args[0]!, ctx, !negated);
    const isAnd = (boolop === 'AND_EXPR') !== negated;
    const parts = args.map((a) => toCubeFilter(a, ctx, negated));
    if (parts.some((p) => p === null)) return null;
    return isAnd ? { and: parts as CubeFilter[] } : { or: parts as CubeFilter[] };
  }
  if ('NullTest' in node) {
    const m = member(node.NullTest.arg, ctx);
    if (!m) return null;
    const isNull = (node.NullTest.nulltesttype === 'IS_NULL') !== negated;
    return { member: m.column.member, operator: isNull ? 'notSet' : 'set' };
  }
  if ('ColumnRef' in node) {
    const m = member(node, ctx);
    if (m?.column.type !== 'boolean') return null;
    return { member: m.column.member, operator: 'equals', values: [negated ? 'false' : 'true'] };
  }
  if (!('A_Expr' in node)) return null;
  const expr = node.A_Expr;
  switch (expr.kind) {
    case 'AEXPR_OP': {
      let op = operatorOf(expr);
      let [left, right] = [expr.lexpr, expr.rexpr];
      if (left && constantOf(left, ctx.params) !== undefined && constantOf(right, ctx.params) === undefined) {
        [left, right] = [right, left];
        op = FLIPPED[op] ?? op;
      }
      if (!FLIPPED[op]) return null;
      const m = member(left, ctx);
      const value = constantOf(right, ctx.params);
      if (!m || value === undefined || value === null) return null;
      if (negated) op = { '<': '>=', '<=': '>', '>': '<=', '>=': '<', '=': '<>', '<>': '=', '!=': '=' }[op]!;
      return comparison(m, op === '!=' ? '<>' : op, value);
    }
    case 'AEXPR_IN': {
      const m = member(expr.lexpr, ctx);
      if (!m || m.asDate || m.column.type === 'time' || !expr.rexpr || !('List' in expr.rexpr)) return null;
      const values = (expr.rexpr.List.items ?? []).map((v) => constantOf(v, ctx.params));
      if (values.some((v) => v === undefined || v === null)) return null;
      const notIn = (operatorOf(expr) === '<>') !== negated;
      const name = m.column.member;
      return notIn ? excludingNulls(name, { member: name, operator: 'notEquals', values: values as string[] }) : { member: name, operator: 'equals', values: values as string[] };
    }
    case 'AEXPR_OP_ANY':
    case 'AEXPR_OP_ALL': {
      // x = ANY(ARRAY[...]) is IN; x <> ALL(ARRAY[...]) is NOT IN.
      const op = operatorOf(expr);
      const inList = expr.kind === 'AEXPR_OP_ANY' && op === '=';
      const notInList = expr.kind === 'AEXPR_OP_ALL' && (op === '<>' || op === '!=');
      if ((!inList && !notInList) || !expr.rexpr || !('A_ArrayExpr' in expr.rexpr)) return null;
      const m = member(expr.lexpr, ctx);
      if (!m || m.asDate || m.column.type === 'time') return null;
      const values = (expr.rexpr.A_ArrayExpr.elements ?? []).map((v) => constantOf(v, ctx.params));
      if (values.length === 0 || values.some((v) => v === undefined || v === null)) return null;
      const name = m.column.member;
      return (notInList !== negated)
        ? excludingNulls(name, { member: name, operator: 'notEquals', values: values as string[] })
        : { member: name, operator: 'equals', values: values as string[] };
    }
    case 'AEXPR_ILIKE':
      return like(expr, ctx, negated);
    case 'AEXPR_BETWEEN':
    case 'AEXPR_NOT_BETWEEN': {
      const m = member(expr.lexpr, ctx);
      const [low, high] = expr.rexpr && 'List' in expr.rexpr ? (expr.rexpr.List.items ?? []).map((v) => constantOf(v, ctx.params)) : [];
      if (!m || low === undefined || low === null || high === undefined || high === null) return null;
      const outside = (expr.kind === 'AEXPR_NOT_BETWEEN') !== negated;
      const name = m.column.member;
      if (m.column.type === 'time') {
        if (m.asDate && !(isBareDate(low) && isBareDate(high))) return null;
        const range = [cubeTimestamp(low), m.asDate ? cubeTimestamp(high, true) : cubeTimestamp(high)];
        return outside ? excludingNulls(name, { member: name, operator: 'notInDateRange', values: range }) : { member: name, operator: 'inDateRange', values: range };
      }
      if (m.asDate) return null;
      return outside
        ? { or: [{ member: name, operator: 'lt', values: [low] }, { member: name, operator: 'gt', values: [high] }] }
        : { and: [{ member: name, operator: 'gte', values: [low] }, { member: name, operator: 'lte', values: [high] }] };
    }
    default:
      return null;
  }
}
