import { SqlApiError, SQLSTATE, unsupported } from '../sql-api-error';
import type { FromScope } from './from-scope';
import type { CubeFilter } from './cube-query';
import { describeNode, locationOf, resolveExpression } from './resolve-expression';
import type { ResolvedMember } from './resolved-member';
import { cubeTimestamp, isLiteral, literalOf } from './sql-literal';

/** A condition Cube cannot decide exactly, checked on the answer's rows instead. */
export interface RowCheck {
  key: string;
  test(value: unknown): boolean;
}

export interface FilterContext {
  scope: FromScope;
  params: (string | null)[];
  clause: 'WHERE' | 'HAVING';
  /** Row checks collected from top-level AND terms (case-sensitive LIKE). */
  rowChecks: RowCheck[];
  /** Keys present in Cube's answer, so a row check can read them. */
  answerKeys: Set<string>;
  /** `__user = 'name'`, if the WHERE clause switches user. */
  changeUser?: string;
}

const FLIPPED: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '<>': '<>' };
const NEGATED: Record<string, string> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<', '=': '<>', '<>': '=' };

function operatorOf(node: Record<string, any>): string {
  return node.A_Expr.name?.[0]?.String?.sval ?? '';
}

function memberFor(node: Record<string, any>, ctx: FilterContext): ResolvedMember {
  const m = resolveExpression(node, ctx.scope, ctx.params);
  if (m.kind === 'time') throw unsupported(`date_trunc() in ${ctx.clause}`, locationOf(node));
  if (m.kind === 'measure' && ctx.clause === 'WHERE' && !ctx.scope.derived) {
    throw new SqlApiError(SQLSTATE.groupingError, `aggregate functions are not allowed in WHERE (measure ${m.column.name})`, locationOf(node));
  }
  return m;
}

/** SQL's `x <> v` is false for NULL; Cube's notEquals keeps NULLs, so NULLs are excluded explicitly. */
function excludingNulls(member: string, filter: CubeFilter): CubeFilter {
  return { and: [filter, { member, operator: 'set' }] };
}

function comparison(m: ResolvedMember, op: string, value: string | null, location?: number): CubeFilter {
  if (value === null) throw unsupported(`Comparison with NULL (use IS NULL)`, location);
  const member = m.column.member;
  if (m.column.type === 'time') {
    const ts = cubeTimestamp(value);
    const dateOps: Record<string, string> = { '<': 'beforeDate', '<=': 'beforeOrOnDate', '>': 'afterDate', '>=': 'afterOrOnDate' };
    if (dateOps[op]) return { member, operator: dateOps[op]!, values: [ts] };
    if (op === '=') return { member, operator: 'inDateRange', values: [ts, ts] };
    return excludingNulls(member, { member, operator: 'notInDateRange', values: [ts, ts] });
  }
  const ops: Record<string, string> = { '=': 'equals', '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };
  if (ops[op]) return { member, operator: ops[op]!, values: [value] };
  if (op === '<>') return excludingNulls(member, { member, operator: 'notEquals', values: [value] });
  throw unsupported(`Operator ${op}`, location);
}

function likePattern(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) source += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * LIKE/ILIKE. Cube's contains/startsWith/endsWith are ILIKE with the value between
 * `%`s, passed verbatim, so ILIKE '%x%', 'x%', '%x' map exactly. LIKE is case-sensitive:
 * Cube's ILIKE narrows the rows and a row check on the answer decides.
 */
function like(expr: Record<string, any>, negated: boolean, ctx: FilterContext, topLevel: boolean): CubeFilter {
  const caseSensitive = expr.kind === 'AEXPR_LIKE';
  const m = memberFor(expr.lexpr, ctx);
  const pattern = literalOf(expr.rexpr, ctx.params);
  const not = negated !== (operatorOf({ A_Expr: expr }).startsWith('!'));
  const what = caseSensitive ? 'LIKE' : 'ILIKE';
  if (pattern === null) throw unsupported(`${what} NULL`, expr.location);
  const member = m.column.member;
  let filter: CubeFilter;
  const starts = pattern.startsWith('%');
  const ends = pattern.endsWith('%') && !pattern.endsWith('\\%');
  const inner = pattern.slice(starts ? 1 : 0, ends ? -1 : undefined);
  if (starts && ends && pattern.length > 1) filter = { member, operator: not ? 'notContains' : 'contains', values: [inner] };
  else if (ends) filter = { member, operator: not ? 'notStartsWith' : 'startsWith', values: [inner] };
  else if (starts) filter = { member, operator: not ? 'notEndsWith' : 'endsWith', values: [inner] };
  else if (caseSensitive && !/[%_\\]/.test(pattern)) return not ? excludingNulls(member, { member, operator: 'notEquals', values: [pattern] }) : { member, operator: 'equals', values: [pattern] };
  else throw unsupported(`${what} pattern without a leading or trailing %`, expr.location);
  if (not) filter = excludingNulls(member, filter);
  if (caseSensitive) {
    if (!topLevel || !ctx.answerKeys.has(m.key)) {
      throw unsupported(`Case-sensitive LIKE on ${m.column.name} unless it is selected and ANDed at the top (use ILIKE)`, expr.location);
    }
    // An ILIKE prefilter with a wildcard-free NOT would drop rows LIKE keeps, so NOT LIKE is checked on rows only.
    const regex = likePattern(pattern);
    ctx.rowChecks.push({ key: m.key, test: (v) => v !== null && v !== undefined && regex.test(String(v)) !== not });
    if (not) return { member, operator: 'set' };
  }
  return filter;
}

function expression(node: Record<string, any>, ctx: FilterContext, negated: boolean, topLevel: boolean): CubeFilter | null {
  if (node.BoolExpr) {
    const { boolop, args } = node.BoolExpr as { boolop: string; args: Record<string, any>[] };
    if (boolop === 'NOT_EXPR') return expression(args[0]!, ctx, !negated, false);
    const isAnd = (boolop === 'AND_EXPR') !== negated;
    const parts = args.map((a) => expression(a, ctx, negated, topLevel && isAnd)).filter((f): f is CubeFilter => f !== null);
    if (parts.length === 1) return parts[0]!;
    return isAnd ? { and: parts } : { or: parts };
  }
  if (node.NullTest) {
    const m = memberFor(node.NullTest.arg, ctx);
    const isNull = (node.NullTest.nulltesttype === 'IS_NULL') !== negated;
    return { member: m.column.member, operator: isNull ? 'notSet' : 'set' };
  }
  if (node.A_Expr) {
    const expr = node.A_Expr;
    switch (expr.kind) {
      case 'AEXPR_OP': {
        let op = operatorOf(node);
        let [left, right] = [expr.lexpr, expr.rexpr];
        if (left && right && isLiteral(left) && !isLiteral(right)) {
          [left, right] = [right, left];
          op = FLIPPED[op] ?? op;
        }
        if (!left || !right || !isLiteral(right) || !FLIPPED[op]) throw unsupported(describeNode(node), expr.location);
        if (negated) op = NEGATED[op]!;
        if (left.ColumnRef && topLevel && !negated && op === '=' && left.ColumnRef.fields.at(-1)?.String?.sval === '__user') {
          ctx.changeUser = literalOf(right, ctx.params) ?? undefined;
          return null;
        }
        return comparison(memberFor(left, ctx), op, literalOf(right, ctx.params), expr.location);
      }
      case 'AEXPR_IN': {
        const m = memberFor(expr.lexpr, ctx);
        const values = (expr.rexpr.List?.items ?? []).map((v: Record<string, any>) => literalOf(v, ctx.params));
        if (values.some((v: string | null) => v === null)) throw unsupported('NULL inside IN (...)', expr.location);
        const notIn = (operatorOf(node) === '<>') !== negated;
        const member = m.column.member;
        return notIn ? excludingNulls(member, { member, operator: 'notEquals', values }) : { member, operator: 'equals', values };
      }
      case 'AEXPR_LIKE':
      case 'AEXPR_ILIKE':
        return like(expr, negated, ctx, topLevel);
      case 'AEXPR_BETWEEN':
      case 'AEXPR_NOT_BETWEEN': {
        const m = memberFor(expr.lexpr, ctx);
        const [low, high] = (expr.rexpr.List?.items ?? []).map((v: Record<string, any>) => literalOf(v, ctx.params));
        if (low == null || high == null) throw unsupported('BETWEEN with NULL', expr.location);
        const outside = (expr.kind === 'AEXPR_NOT_BETWEEN') !== negated;
        const member = m.column.member;
        if (m.column.type === 'time') {
          const range = [cubeTimestamp(low), cubeTimestamp(high)];
          return outside
            ? excludingNulls(member, { member, operator: 'notInDateRange', values: range })
            : { member, operator: 'inDateRange', values: range };
        }
        return outside
          ? { or: [{ member, operator: 'lt', values: [low] }, { member, operator: 'gt', values: [high] }] }
          : { and: [{ member, operator: 'gte', values: [low] }, { member, operator: 'lte', values: [high] }] };
      }
      default:
        throw unsupported(`Operator ${expr.kind.replace('AEXPR_', '')}`, expr.location);
    }
  }
  if (node.BooleanTest) throw unsupported('IS TRUE / IS FALSE', node.BooleanTest.location);
  if (node.ColumnRef) {
    // A bare boolean column: `WHERE active`.
    const m = memberFor(node, ctx);
    if (m.column.type !== 'boolean') throw new SqlApiError(SQLSTATE.datatypeMismatch, `argument of ${ctx.clause} must be type boolean`, locationOf(node));
    return { member: m.column.member, operator: 'equals', values: [negated ? 'false' : 'true'] };
  }
  throw unsupported(`${describeNode(node)} in ${ctx.clause}`, locationOf(node));
}

/** The Cube filters for a WHERE or HAVING clause. */
export function toFilters(node: Record<string, any> | undefined, ctx: FilterContext): CubeFilter[] {
  if (!node) return [];
  const filter = expression(node, ctx, false, true);
  if (!filter) return [];
  return 'and' in filter ? filter.and : [filter];
}
